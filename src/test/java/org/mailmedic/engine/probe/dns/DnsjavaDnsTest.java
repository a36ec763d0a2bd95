package org.mailmedic.engine.probe.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class DnsjavaDnsTest {

    private static DnsTestServer server;
    private static Dns dns;

    @BeforeAll
    static void start() throws Exception {
        Zone zone = new Zone().text("""
                example.com. 3600 MX 10 mx.example.com.
                example.com. MX 20 mx2.example.com.
                mx.example.com. 120 A 192.0.2.25
                www.example.com. CNAME host.example.com.
                host.example.com. A 192.0.2.80
                loop1.example.com. CNAME loop2.example.com.
                loop2.example.com. CNAME loop1.example.com.
                a.b.example.com. A 192.0.2.1
                big.example.com. A 192.0.2.2
                xn--bcher-kva.example. A 192.0.2.3
                """)
                .txt("split.example.com", "v=spf1 ip4:192.0.2.0/24", " include:_spf.exa", "mple.net -all")
                .fault("servfail.example.com", Zone.Fault.SERVFAIL)
                .fault("refused.example.com", Zone.Fault.REFUSED)
                .fault("mx.example.com", Type.TXT, Zone.Fault.NXDOMAIN)
                .fault("silent.example.com", Zone.Fault.NO_ANSWER)
                .fault("bad.example.com", Zone.Fault.MALFORMED)
                .fault("junk.example.com", Zone.Fault.GARBAGE)
                .fault("big.example.com", Zone.Fault.TRUNCATE);
        server = DnsTestServer.start(zone);
        dns = server.resolver(Duration.ofMillis(900));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersKeepQueryRcodeTtlServerAndTiming() {
        DnsAnswer a = dns.query("example.com", Type.MX);
        assertThat(a.ok()).isTrue();
        assertThat(a.records()).hasSize(2);
        assertThat(a.ttl()).isEqualTo(300);
        assertThat(a.name()).isEqualTo("example.com");
        assertThat(a.server()).isEqualTo(server.hostPort());
        assertThat(a.elapsed().isNegative()).isFalse();
        assertThat(a.viaTcp()).isFalse();
    }

    @Test
    void nxdomainAndNodataAreTold() {
        assertThat(dns.query("nothing.example.com", Type.A).nxdomain()).isTrue();
        DnsAnswer nodata = dns.query("mx.example.com", Type.AAAA);
        assertThat(nodata.nodata()).isTrue();
        assertThat(dns.query("b.example.com", Type.A).nodata()).as("empty non-terminal exists").isTrue();
        assertThat(dns.query("mx.example.com", Type.TXT).nxdomain()).as("injected for one type only").isTrue();
        assertThat(dns.query("mx.example.com", Type.A).ok()).isTrue();
    }

    @Test
    void servfailAndRefusedAreFailures() {
        DnsAnswer s = dns.query("servfail.example.com", Type.A);
        assertThat(s.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(s.failed()).isTrue();
        assertThat(dns.query("refused.example.com", Type.A).rcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void silentServerTimesOutWithinTheDeadline() {
        long t0 = System.nanoTime();
        DnsAnswer a = dns.query("silent.example.com", Type.A);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(a.error()).startsWith("timed out").contains("3 tries");
        assertThat(a.name()).isEqualTo("silent.example.com");
        assertThat(ms).isLessThan(1500);
    }

    @Test
    void truncatedUdpAnswerIsRetriedOverTcp() {
        int before = server.tcpQueries();
        DnsAnswer a = dns.query("big.example.com", Type.A);
        assertThat(a.ok()).isTrue();
        assertThat(a.viaTcp()).isTrue();
        assertThat(a.records()).hasSize(1);
        assertThat(server.tcpQueries()).isGreaterThan(before);
    }

    @Test
    void malformedAndGarbageAnswersGiveClearFindings() {
        DnsAnswer bad = dns.query("bad.example.com", Type.TXT);
        assertThat(bad.error()).isNotNull();
        DnsAnswer junk = dns.query("junk.example.com", Type.TXT);
        assertThat(junk.error()).isNull();
        assertThat(junk.records()).as("records not of the asked name/type are ignored").isEmpty();
    }

    @Test
    void cnamesAreFollowedAndLoopsDetected() {
        DnsAnswer a = dns.query("www.example.com", Type.A);
        assertThat(a.records()).hasSize(1);
        assertThat(a.cnameChain()).containsExactly("host.example.com");
        DnsAnswer loop = dns.query("loop1.example.com", Type.A);
        assertThat(loop.error()).contains("CNAME loop").contains("loop1.example.com");
    }

    @Test
    void txtStringsAreJoinedWithoutSpaces() {
        assertThat(dns.query("split.example.com", Type.TXT).texts())
                .containsExactly("v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all");
    }

    @Test
    void unicodeNamesAreQueriedInAsciiForm() {
        DnsAnswer a = dns.query("bücher.example", Type.A);
        assertThat(a.ok()).isTrue();
        assertThat(a.name()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void invalidNamesAreRefusedBeforeSending() {
        int before = server.udpQueries();
        DnsAnswer a = dns.query("a..b.example", Type.A);
        assertThat(a.error()).contains("not a valid domain name");
        assertThat(dns.query("x".repeat(64) + ".example", Type.A).error()).contains("63");
        assertThat(server.udpQueries()).isEqualTo(before);
    }

    @Test
    void adBitIsRecorded() throws Exception {
        try (DnsTestServer signed = DnsTestServer.start(new Zone().text("s.example. A 192.0.2.9").authenticated(true))) {
            assertThat(signed.resolver(Duration.ofSeconds(1)).query("s.example", Type.A).authenticated()).isTrue();
        }
        assertThat(dns.query("mx.example.com", Type.A).authenticated()).isFalse();
    }

    @Test
    void nothingListeningIsAClearError() throws Exception {
        DnsTestServer gone = DnsTestServer.start(new Zone());
        String hp = gone.hostPort();
        gone.close();
        DnsAnswer a = Resolvers.at(hp, Duration.ofMillis(600)).query("example.com", Type.A);
        assertThat(a.error()).isNotNull();
        assertThat(a.server()).isEqualTo(hp);
    }

    @Test
    void sessionCachesAndRunsInParallel() {
        var ex = Executors.newCachedThreadPool();
        try {
            DnsSession s = new DnsSession(dns, ex);
            DnsAnswer a = s.query("example.com", Type.MX);
            assertThat(s.query("EXAMPLE.com.", Type.MX)).isSameAs(a);
            assertThat(s.questions()).isEqualTo(1);
            assertThat(s.log()).hasSize(1);
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void resolverAddressesAreParsedOrExplained() {
        assertThat(Resolvers.parse("127.0.0.1:5353").getPort()).isEqualTo(5353);
        assertThat(Resolvers.parse("[::1]:53").getAddress().getHostAddress()).contains(":");
        assertThat(Resolvers.parse("::1").getPort()).isEqualTo(53);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Resolvers.parse("dns.example:53"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IP address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Resolvers.parse("127.0.0.1:99999"))
                .hasMessageContaining("port");
    }
}
