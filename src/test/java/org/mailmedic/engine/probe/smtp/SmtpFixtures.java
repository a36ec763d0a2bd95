package org.mailmedic.engine.probe.smtp;

import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;

/** Shared set-up for the live-check tests: one test CA, short deadlines, loopback routing. */
final class SmtpFixtures {

    static final TestPki PKI = new TestPki();
    static final String MX = "mx.example.test";
    static final String IP = "127.0.0.2";

    private SmtpFixtures() {
    }

    /**
     * Options with test-sized deadlines: connect 1 s, reply 5 s (TLS handshakes on a loaded 2-core
     * box can take a second when cold), host 20 s; no 587/465, no version probes. Fault tests set
     * the reply timeout to 1 s with {@link #faults}.
     */
    static SmtpOptions.Builder options(LoopbackConnector c, KeyStore trust) {
        return SmtpOptions.builder(new MemoryDns()).connector(c).resolver(c).trustStore(trust)
                .connectTimeout(Duration.ofSeconds(1)).replyTimeout(Duration.ofSeconds(5))
                .hostDeadline(Duration.ofSeconds(20)).checkSubmission(false).probeTlsVersions(false)
                .checkMtaSts(false).checkDane(false).ehloName("checker.mailmedic.test");
    }

    /** As {@link #options} with a 1 s reply timeout, for servers that hang. */
    static SmtpOptions.Builder faults(LoopbackConnector c) {
        return options(c, PKI.trustStore()).replyTimeout(Duration.ofSeconds(1));
    }

    static LoopbackConnector route(SmtpFixture f) {
        return new LoopbackConnector().route(IP, 25, f.port());
    }

    static HostResult checkOne(SmtpOptions o) {
        return new MailServerCheck().check("example.test", List.of(new MxHost(MX, 10, List.of(IP))), o, h -> { })
                .hosts().get(0);
    }
}
