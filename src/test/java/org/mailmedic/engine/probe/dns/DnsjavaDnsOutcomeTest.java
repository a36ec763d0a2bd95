package org.mailmedic.engine.probe.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailmedic.engine.probe.dns.DnsAnswer.Outcome;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;
import org.xbill.DNS.Type;

/**
 * Each way a DNS server can fail is its own outcome, said in words that name the server, and
 * the ones that cannot get better by waiting (unreadable answers, TCP refused after truncation,
 * SERVFAIL/REFUSED) end long before the deadline.
 */
class DnsjavaDnsOutcomeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(3);

    /** The first query of a JVM loads dnsjava's NIO machinery: not what the bounds below are about. */
    @org.junit.jupiter.api.BeforeAll
    static void warmUp() throws Exception {
        try (DnsTestServer server = DnsTestServer.start("w.example. A 192.0.2.1")) {
            server.resolver(Duration.ofSeconds(10)).query("w.example", Type.A);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            MALFORMED       | SERVE  | MALFORMED | could not read (malformed: it stops in the middle of a record | 1500
            MALFORMED_SHORT | SERVE  | MALFORMED | could not read (malformed: it is shorter than a DNS header     | 1500
            MALFORMED_ID    | SERVE  | MALFORMED | could not read (malformed: its ID does not match the question | 1500
            HUGE            | SERVE  | MALFORMED | could not read (oversized: over TCP it claims more records     | 1500
            TRUNCATE        | REFUSE | TRUNCATED | the retry over TCP failed: the connection was refused          | 1500
            TRUNCATE        | DROP   | TRUNCATED | the retry over TCP failed: it closed the connection            | 1500
            TRUNCATE        | SILENT | TRUNCATED | the retry over TCP got no answer within                        | 4500
            SERVFAIL        | SERVE  | SERVFAIL  | answered SERVFAIL                                              | 1500
            REFUSED         | SERVE  | REFUSED   | refused to answer (REFUSED)                                    | 1500
            NXDOMAIN        | SERVE  | NXDOMAIN  | does not exist (NXDOMAIN)                                      | 1500
            NO_ANSWER       | SERVE  | TIMEOUT   | did not answer within 3000 ms (3 tries)                        | 4500
            """)
    void eachFaultIsItsOwnOutcome(Zone.Fault fault, DnsTestServer.TcpMode tcp, Outcome outcome, String words,
            long withinMs) throws Exception {
        try (DnsTestServer server = DnsTestServer.start(new Zone().text("mx.example.com. A 192.0.2.25")
                .fault("mx.example.com", fault)).tcp(tcp)) {
            long t0 = System.nanoTime();
            DnsAnswer a = server.resolver(DEADLINE).query("mx.example.com", Type.TXT);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(a.outcome()).as(a.describe()).isEqualTo(outcome);
            assertThat(a.problem()).contains(words);
            if (outcome != Outcome.NXDOMAIN) {
                assertThat(a.problem()).as("names the server").contains("the DNS server 127.0.0.1:" + server.port());
            } else {
                assertThat(a.problem()).contains("mx.example.com");
            }
            assertThat(a.describe()).startsWith("mx.example.com TXT → ");
            // Loose bounds (a loaded 2-core box); the quick ones end in under half the 3 s deadline.
            assertThat(ms).as("%s took %d ms", fault, ms).isLessThan(withinMs);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MALFORMED", "MALFORMED_SHORT", "MALFORMED_ID"})
    void anUnreadableAnswerIsNotAskedAgainOfTheSameServer(Zone.Fault fault) throws Exception {
        try (DnsTestServer server = DnsTestServer.start(new Zone().fault("bad.example", fault))) {
            server.resolver(DEADLINE).query("bad.example", Type.A);
            assertThat(server.udpQueries()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MALFORMED", "SERVFAIL"})
    void anotherServerIsTriedAfterAnUnreadableAnswer(Zone.Fault fault) throws Exception {
        try (DnsTestServer broken = DnsTestServer.start(new Zone().fault("example.com", fault));
             DnsTestServer good = DnsTestServer.start("example.com. A 192.0.2.1")) {
            DnsjavaDns two = new DnsjavaDns(java.util.List.of(Resolvers.parse(broken.hostPort()),
                    Resolvers.parse(good.hostPort())), DEADLINE, Resolvers.TRIES);
            DnsAnswer a = two.query("example.com", Type.A);
            if (fault == Zone.Fault.MALFORMED) {
                assertThat(a.outcome()).isEqualTo(Outcome.ANSWER);
                assertThat(a.server()).isEqualTo(good.hostPort());
            } else {
                // SERVFAIL is an answer (the server's own verdict), not a reason to ask elsewhere.
                assertThat(a.outcome()).isEqualTo(Outcome.SERVFAIL);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aCnameLoopIsNamedAsSuch() throws Exception {
        try (DnsTestServer server = DnsTestServer.start("""
                a.example. CNAME b.example.
                b.example. CNAME a.example.
                """)) {
            DnsAnswer a = server.resolver(DEADLINE).query("a.example", Type.MX);
            assertThat(a.outcome()).isEqualTo(Outcome.CNAME_LOOP);
            assertThat(a.problem()).contains("CNAME loop: a.example → b.example → a.example", "leads back to itself");
        }
    }

    @org.junit.jupiter.api.Test
    void nothingListeningIsUnreachable() throws Exception {
        DnsTestServer gone = DnsTestServer.start(new Zone());
        String hp = gone.hostPort();
        gone.close();
        DnsAnswer a = Resolvers.at(hp, Duration.ofMillis(900)).query("example.com", Type.A);
        // Linux reports the ICMP port unreachable to a connected UDP socket; elsewhere it is silence.
        assertThat(a.outcome()).isIn(Outcome.UNREACHABLE, Outcome.TIMEOUT);
        assertThat(a.problem()).contains("the DNS server " + hp);
    }
}
