package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepliesTest {

    @Test
    void enhancedStatusCodesAreKeptWhileIpsAndIdsAreMasked() {
        assertThat(Replies.normalise("421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred"))
                .isEqualTo("421 4.7.0 [TSS04] Messages from … temporarily deferred");
        assertThat(Replies.normalise("550 5.7.606 Access denied, banned sending IP [198.51.100.23]."))
                .isEqualTo("550 5.7.606 Access denied, banned sending IP …");
        assertThat(Replies.normalise("452 4.2.2 (4.2.2) mailbox full, id 12345"))
                .isEqualTo("452 4.2.2 (4.2.2) mailbox full, id …");
        assertThat(Replies.normalise("550 5.1.1, user unknown")).isEqualTo("550 5.1.1, user unknown");
    }

    @Test
    void enhancedStatusIsScannedExactly() {
        assertThat(enhanced("5.7.1")).isTrue();
        assertThat(enhanced("4.7.28")).isTrue();
        assertThat(enhanced("5.7.606")).isTrue();
        assertThat(enhanced("2.0.0),")).isTrue();
        assertThat(enhanced("5.7.6060")).isFalse();
        assertThat(enhanced("3.1.1")).isFalse();
        assertThat(enhanced("5..1")).isFalse();
        assertThat(enhanced("5.1234.1")).isFalse();
        assertThat(enhanced("5.1.")).isFalse();
        assertThat(enhanced("10.0.0.1")).isFalse();
        assertThat(enhanced("5.7.1.2")).isFalse();
    }

    @Test
    void aCachedMeaningEqualsTheOneWorkedOutAgain() {
        Replies.Meanings cache = new Replies.Meanings();
        String throttle = "host mx.isp.example[192.0.2.1] said: 421 Too many messages (4.7.0) from 203.0.113.5"
                + " (in reply to MAIL FROM command)";
        Replies.Meaning first = cache.of(throttle);
        assertThat(first.rate()).isTrue();
        assertThat(first.tls()).isFalse();
        assertThat(first.policy()).isNull();
        assertThat(first.normalised()).isEqualTo("421 Too many messages (4.7.0) from …");
        assertThat(cache.of(throttle)).isSameAs(first);
        assertThat(cache.of("Cannot start TLS: handshake failure").tls()).isTrue();
        assertThat(cache.of("554 5.7.1 Service unavailable; client blocked using zen.spamhaus.org").policy())
                .isEqualTo("blocklist");
        for (int i = 0; i < 20_000; i++) { // texts that never repeat, more than the cache holds: it starts again, results stay right
            assertThat(cache.of("451 4.3.0 temporary failure id " + i).normalised())
                    .isEqualTo("451 4.3.0 temporary failure id " + (i >= 1000 ? "…" : String.valueOf(i)));
        }
    }

    @Test
    void repliesThatDifferOnlyByTheAddressShareOneMeaning() {
        Replies.Meanings cache = new Replies.Meanings();
        String a = "host mx2.gmx.de[203.0.113.30] said: 450 4.2.0 <u1@gmx.de>: Recipient address rejected:"
                + " Greylisted (in reply to RCPT TO command)";
        Replies.Meaning first = cache.of(a);
        assertThat(cache.of(a.replace("u1@gmx.de", "someone.else@gmx.de"))).isSameAs(first);
        assertThat(first.normalised()).isEqualTo(Replies.normalise(a))
                .isEqualTo("450 4.2.0 … Recipient address rejected: Greylisted");
        // wording inside an address is not the reply's wording
        assertThat(cache.of("550 5.1.1 <tls.handshake@example.com>: user unknown").tls()).isFalse();
        assertThat(cache.of("451 4.7.1 <a@b.example> rate limit exceeded").rate()).isTrue();
        assertThat(Replies.withoutAddresses("a@b x <c@d>: y z@")).isEqualTo("… x … y …");
        assertThat(Replies.withoutAddresses("no address here")).isEqualTo("no address here");
        assertThat(Replies.withoutAddresses("@")).isEqualTo("…");
    }

    private static boolean enhanced(String token) {
        return Replies.enhancedStatus(token.toCharArray(), 0, token.length());
    }
}
