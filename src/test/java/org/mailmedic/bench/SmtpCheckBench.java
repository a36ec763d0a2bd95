package org.mailmedic.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;

/**
 * How long the live check costs on our side, against loopback fixtures (no network latency):
 * one full host (port 25 + STARTTLS + certificate verdict, four TLS-version probes, 587 and
 * 465), then eight hosts at parallelism 1, 4 and 8. Run:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.mailmedic.bench.SmtpCheckBench}
 */
public final class SmtpCheckBench {

    public static void main(String[] args) throws Exception {
        TestPki pki = new TestPki();
        try (SmtpFixture mx = SmtpFixture.builder().starttls(pki.good("mx.example.test").serverContext()).start();
             SmtpFixture sub = SmtpFixture.builder().starttls(pki.good("mx.example.test").serverContext())
                     .authAfterTls("PLAIN LOGIN").start();
             SmtpFixture smtps = SmtpFixture.builder().implicitTls(pki.good("mx.example.test").serverContext()).start()) {
            LoopbackConnector c = new LoopbackConnector();
            List<MxHost> eight = new ArrayList<>();
            for (int i = 2; i < 10; i++) {
                String ip = "127.0.0." + i;
                c.route(ip, 25, mx.port()).route(ip, 587, sub.port()).route(ip, 465, smtps.port());
                eight.add(new MxHost("mx.example.test", i, List.of(ip)));
            }
            SmtpOptions.Builder b = SmtpOptions.builder(new MemoryDns()).connector(c).resolver(c)
                    .trustStore(pki.trustStore()).checkMtaSts(false).checkDane(false)
                    .replyTimeout(Duration.ofSeconds(10));
            MailServerCheck check = new MailServerCheck();
            List<MxHost> one = eight.subList(0, 1);
            for (int i = 0; i < 30; i++) {
                check.check("example.test", one, b.build(), h -> { });
            }
            int n = 60;
            long[] ms = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                SmtpCheckResult r = check.check("example.test", one, b.build(), h -> { });
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
                if (r.hosts().get(0).addresses().get(0).tlsVersions().size() != 4) {
                    throw new IllegalStateException("versions not probed");
                }
            }
            Arrays.sort(ms);
            System.out.printf("one host, 7 connections (25 + 4 version probes + 587 + 465): median %d ms, p90 %d ms, "
                    + "min %d ms over %d runs%n", ms[n / 2], ms[n * 9 / 10], ms[0], n);
            for (int p : new int[] {1, 4, 8}) {
                long t0 = System.nanoTime();
                int runs = 5;
                for (int i = 0; i < runs; i++) {
                    check.check("example.test", eight, b.parallelism(p).build(), h -> { });
                }
                System.out.printf("eight hosts, parallelism %d: %d ms per check%n", p,
                        (System.nanoTime() - t0) / 1_000_000 / runs);
            }
        }
    }
}
