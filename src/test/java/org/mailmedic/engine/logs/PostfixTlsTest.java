package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailmedic.engine.logs.CorpusTest.analyzer;
import static org.mailmedic.engine.logs.CorpusTest.resource;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Postfix's TLS failure lines (postfix/tls-failures.log): each failed handshake counted once, inbound
 * by client whatever mix of SSL_accept error / TLS library problem / "lost connection after STARTTLS"
 * / session summary Postfix wrote for it, outbound by destination domain.
 */
class PostfixTlsTest {

    private static final LogAnalysis A = analyzer(ZoneOffset.UTC, "2026-11-30T00:00:00Z")
            .analyze(List.of(resource("postfix/tls-failures.log")), null, null);

    /** Opportunistic TLS to destinations with unverifiable certificates, and tlsproxy behind postscreen. */
    private static final LogAnalysis O = analyzer(ZoneOffset.UTC, "2026-11-30T00:00:00Z")
            .analyze(List.of(resource("postfix/tls-opportunistic.log")), null, null);

    private static Map<String, LogAnalysis.TlsFailures> byPeer(List<LogAnalysis.TlsFailures> list) {
        return list.stream().collect(Collectors.toMap(LogAnalysis.TlsFailures::peer, f -> f));
    }

    private static List<String> reasons(LogAnalysis.TlsFailures f) {
        return f.reasons().stream().map(LogAnalysis.ReasonCount::reason).toList();
    }

    @Test
    void everyInboundFormIsCountedOncePerConnectionByClient() {
        Map<String, LogAnalysis.TlsFailures> in = byPeer(A.tlsInbound());
        assertThat(in).containsOnlyKeys("unknown [192.0.2.7]", "mail.example.org [198.51.100.20]",
                "scanner.example.net [203.0.113.5]", "unknown [192.0.2.8]", "mail-ej1-f41.google.com [209.85.218.41]");
        assertThat(in.get("unknown [192.0.2.7]").failures()).isEqualTo(1);
        assertThat(reasons(in.get("unknown [192.0.2.7]"))).containsExactly("no suitable signature algorithm");
        assertThat(in.get("mail.example.org [198.51.100.20]").failures()).isEqualTo(2);
        assertThat(reasons(in.get("mail.example.org [198.51.100.20]")))
                .containsExactly("Connection reset by peer", "lost connection");
        assertThat(reasons(in.get("scanner.example.net [203.0.113.5]"))).containsExactly("the TLS handshake timed out");
        assertThat(reasons(in.get("unknown [192.0.2.8]")))
                .containsExactly("the client closed the connection during the TLS handshake");
        assertThat(reasons(in.get("mail-ej1-f41.google.com [209.85.218.41]")))
                .containsExactly("STARTTLS did not complete (starttls=0/1 in the session summary)");
        assertThat(in.values().stream().mapToLong(LogAnalysis.TlsFailures::failures).sum()).isEqualTo(6);
    }

    @Test
    void theEvidenceOfAnInboundFailureIsItsFirstLine() {
        LogAnalysis.TlsFailures f = byPeer(A.tlsInbound()).get("unknown [192.0.2.7]");
        assertThat(f.evidence()).singleElement().satisfies(l -> {
            assertThat(l.line()).isEqualTo(2);
            assertThat(l.text()).contains("SSL_accept error from unknown[192.0.2.7]: -1");
        });
    }

    @Test
    void outboundFailuresAreCountedOncePerConnectionByDestinationDomain() {
        Map<String, LogAnalysis.TlsFailures> out = byPeer(A.tlsOutbound());
        assertThat(out).containsOnlyKeys("oldtls.example", "plaintext.example", "selfsigned.example");
        LogAnalysis.TlsFailures old = out.get("oldtls.example");
        assertThat(old.failures()).isEqualTo(2); // two connections, each logged as SSL_connect error + 2 statuses
        assertThat(reasons(old)).containsExactly("unsupported protocol", "lost connection");
        assertThat(out.get("plaintext.example").failures()).isEqualTo(1);
        assertThat(reasons(out.get("plaintext.example")).get(0)).startsWith("TLS is required, but was not offered by host");
        LogAnalysis.TlsFailures self = out.get("selfsigned.example");
        assertThat(self.failures()).isEqualTo(1);
        assertThat(reasons(self)).containsExactly("certificate verification failed: self-signed certificate");
    }

    @Test
    void theDeferralsThemselvesAreStillCountedPerRecipient() {
        assertThat(A.destination("oldtls.example").deferredAttempts()).isEqualTo(4);
        assertThat(A.destination("oldtls.example").topReplies().get(0).text())
                .isEqualTo("Cannot start TLS: handshake failure");
        assertThat(A.destination("selfsigned.example").deferredAttempts()).isEqualTo(1);
    }

    @Test
    void aCertificateFailureCountsOnlyWhenTheDeliveryThatFollowsIsRefused() {
        Map<String, LogAnalysis.TlsFailures> out = byPeer(O.tlsOutbound());
        // opportunistic TLS went on to deliver (with or without the "Untrusted TLS connection" line)
        assertThat(out).containsOnlyKeys("mustverify.example");
        LogAnalysis.TlsFailures f = out.get("mustverify.example");
        assertThat(f.failures()).isEqualTo(1);
        assertThat(reasons(f)).containsExactly("certificate verification failed: untrusted issuer /CN=Private Root CA");
        assertThat(f.evidence()).singleElement().satisfies(l -> assertThat(l.line()).isEqualTo(21));
        assertThat(O.totals().delivered()).isEqualTo(2);
    }

    @Test
    void tlsproxyClientsAreCountedByAddressNotByPort() {
        Map<String, LogAnalysis.TlsFailures> in = byPeer(O.tlsInbound());
        assertThat(in).containsOnlyKeys("[192.0.2.50]");
        assertThat(in.get("[192.0.2.50]").failures()).isEqualTo(2);
        assertThat(reasons(in.get("[192.0.2.50]"))).containsExactly("no shared cipher");
    }

    @Test
    void theReaderThreadDropsOnlyLinesTheParserIgnores() {
        assertThat(matters("connect from client1.senders.example[198.51.100.1]")).isFalse();
        assertThat(matters("01DAA66D13: message-id=<f1222631cdc86d07@senders.example>")).isFalse();
        assertThat(matters("disconnect from c[198.51.100.1] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7"))
                .isFalse();
        assertThat(matters("disconnect from c[198.51.100.1] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5")).isFalse();
        assertThat(matters("disconnect from c[198.51.100.1] ehlo=1 starttls=0/1 commands=1/2")).isTrue();
        assertThat(matters("NOQUEUE: disconnect from c[198.51.100.1] ehlo=1 starttls=1/2 commands=2/3")).isTrue();
        assertThat(matters("01DAA66D13: to=<a@b.example>, relay=none, delay=1, dsn=4.4.1, status=deferred")).isTrue();
        assertThat(matters("01DAA66D13: from=<a@b.example>, size=1, nrcpt=1 (queue active)")).isTrue();
        assertThat(matters("01DAA66D13: removed")).isTrue();
        assertThat(matters("01DAA66D13: client=c[198.51.100.1]")).isTrue();
        assertThat(matters("01DAA66D13: uid=0 from=<root>")).isTrue();
        assertThat(matters("SSL_accept error from c[198.51.100.1]: -1")).isTrue();
        assertThat(matters("lost connection after STARTTLS from c[198.51.100.1]")).isTrue();
        assertThat(matters("warning: TLS library problem: error:0A0000C1:SSL routines::no shared cipher")).isTrue();
    }

    private static boolean matters(String message) {
        byte[] b = message.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return PostfixParser.mayMatter(b, 0, PostfixParser.queueIdEnd(b, 0, b.length), b.length);
    }
}
