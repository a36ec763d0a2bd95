package org.mailmedic.engine.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailmedic.engine.evidence.BounceKind;

/**
 * The headers several families are recognised by (X-SES-Outgoing, X-AOL-IP, X-NAI-Header,
 * IMail's X-Mailer, Exchange's X-MimeOLE) are on every message those systems send, not only on
 * their bounces: an ordinary message carrying them must stay "not a bounce".
 */
class FamilyClaimsTest {

    private static final String ORDINARY = """
            From: Bob <bob@example.com>
            To: alice@example.jp
            Subject: Lunch on Friday
            Date: Fri, 27 Nov 2026 10:00:00 +0000
            Message-ID: <20261127100000.1234@lsean.ezweb.ne.jp>
            Received: from mta.example.com by lsean.ezweb.ne.jp (EZweb Mail) with ESMTP id 1234
            X-SES-Outgoing: 2026.11.27-54.240.27.7
            X-AOL-IP: 10.72.101.105
            X-NAI-Header: Modified by McAfee Email Gateway (4500)
            X-Mailer: <SMTP32 v8.12>
            X-MimeOLE: Produced By Microsoft Exchange V6.5
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii

            Hi Alice,

            carol@example.org: she said she would join us at noon.

            Bob
            """;

    @Test
    void anOrdinaryMessageWithFamilyHeadersIsNotABounce() {
        assertThat(BounceDecoder.decode(ORDINARY, 1, "").kind()).isEqualTo(BounceKind.NOT_A_BOUNCE);
    }
}
