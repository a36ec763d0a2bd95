package org.mailmedic.engine.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.mailmedic.engine.evidence.BounceKind;
import org.mailmedic.engine.evidence.BounceRecipient;

/** Apache James notices: the corpus sample (lhost-apachejames-01.eml) and a look-alike that is not one. */
class ApacheJamesTest {

    @Test
    void readsRecipientAndErrorFromTheNotice() throws URISyntaxException {
        Path f = Path.of(getClass().getResource("/bounces/emails/lhost-apachejames-01.eml").toURI());
        BounceFileResult r = new BounceReader().read(f);
        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().get(0).kind()).isEqualTo(BounceKind.BOUNCE);
        assertThat(r.messages().get(0).mta()).isEqualTo("apachejames");
        assertThat(r.recipients()).hasSize(1);
        BounceRecipient x = r.recipients().get(0);
        // the file says 12 zeros (the corpus expects 11: see DISAGREEMENTS.md)
        assertThat(x.recipient()).isEqualTo("000000000000@vtext.example.com");
        assertThat(x.diagnostic()).isEqualTo("550 - Requested action not taken: no such user here");
        assertThat(x.replyCode()).isEqualTo("550");
        assertThat(x.action()).isEqualTo("failed");
    }

    @Test
    void anOrdinaryJavaMailMessageIsNotClaimed() {
        String mail = """
                From: app@example.com
                To: kijitora@example.org
                Subject: Your invoice
                Message-ID: <1.2.JavaMail.app@example.com>

                RCPT TO: is a term in this text, but there is no error heading.
                """;
        BounceFileResult r = new BounceReader().decode(Path.of("invoice.eml"),
                mail.getBytes(StandardCharsets.UTF_8), false);
        assertThat(r.recipients()).isEmpty();
        assertThat(r.problem()).isEqualTo("an email, but no bounce information found");
    }
}
