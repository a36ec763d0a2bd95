package org.mailmedic.engine.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.mailmedic.engine.evidence.BounceRecipient;

/** Sendmail 5 transcripts: the corpus samples lhost-v5sendmail-01 (no recipient line) and -07 (three sessions). */
class V5sendmailTest {

    private static BounceFileResult read(String name) throws URISyntaxException {
        return new BounceReader().read(Path.of(V5sendmailTest.class.getResource("/bounces/emails/" + name).toURI()));
    }

    @Test
    void eachSessionsVerdictGoesWithItsReplyAndCommand() throws URISyntaxException {
        BounceFileResult r = read("lhost-v5sendmail-07.eml");
        assertThat(r.messages().get(0).mta()).isEqualTo("v5sendmail");
        assertThat(r.recipients()).extracting(BounceRecipient::recipient, BounceRecipient::smtpCommand,
                BounceRecipient::diagnostic).containsExactly(
                tuple("kijitora@example.org", "MAIL", "Remote protocol error: 501 <shironeko@example.co.jp>... no access "
                        + "from mail server [192.0.2.55] which is an open relay."),
                tuple("mikeneko@example.org", "", "550 Host unknown (Authoritative answer from name server)"),
                tuple("hachiware@example.edu", "RCPT", "User unknown: 550 <hachiware@example.edu>... User unknown"));
    }

    @Test
    void aDeferralWithoutRecipientLineNamesTheReturnedMessagesAddressee() throws URISyntaxException {
        BounceFileResult r = read("lhost-v5sendmail-01.eml");
        assertThat(r.recipients()).hasSize(1);
        BounceRecipient x = r.recipients().get(0);
        assertThat(x.recipient()).isEqualTo("kijitora@example.com");
        assertThat(x.diagnostic()).isEqualTo("Deferred: Connection timed out during user open with example.com");
        assertThat(x.replyCode()).isEqualTo("421"); // from the host line the error came from
    }
}
