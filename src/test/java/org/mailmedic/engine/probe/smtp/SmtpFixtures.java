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

    /** Options with test-sized deadlines: connect 1 s, reply 1 s, host 8 s; no 587/465, no versions. */
    static SmtpOptions.Builder options(LoopbackConnector c, KeyStore trust) {
        return SmtpOptions.builder(new MemoryDns()).connector(c).resolver(c).trustStore(trust)
                .connectTimeout(Duration.ofSeconds(1)).replyTimeout(Duration.ofSeconds(1))
                .hostDeadline(Duration.ofSeconds(8)).checkSubmission(false).probeTlsVersions(false)
                .checkMtaSts(false).checkDane(false).ehloName("checker.mailmedic.test");
    }

    static LoopbackConnector route(SmtpFixture f) {
        return new LoopbackConnector().route(IP, 25, f.port());
    }

    static HostResult checkOne(SmtpOptions o) {
        return new MailServerCheck().check("example.test", List.of(new MxHost(MX, 10, List.of(IP))), o, h -> { })
                .hosts().get(0);
    }
}
