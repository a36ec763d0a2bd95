package org.mailmedic.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mailmedic.engine.probe.DomainCheck;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;

/**
 * Benchmark (not a test): a whole domain check against the loopback DNS fixture with every
 * answer delayed 50 ms. About 40+ questions are asked; done one after another they would cost
 * 2 s or more, but lookups that do not depend on each other run in parallel, so the check should
 * take about its longest chain of dependent lookups (here the SPF walk: TXT → MX → A → include
 * TXT → include TXT, plus the sending IP's evaluation reusing the cache).
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.mailmedic.bench.DomainCheckBench}
 */
public final class DomainCheckBench {

    static final String ZONE = """
            shop.example. MX 10 mx1.shop.example.
            shop.example. MX 20 mx2.shop.example.
            shop.example. MX 30 mx3.shop.example.
            mx3.shop.example. A 1.0.0.1
            1.0.0.1.in-addr.arpa. PTR mx3.shop.example.
            mx1.shop.example. A 8.8.4.4
            mx2.shop.example. A 9.9.9.9
            mx2.shop.example. AAAA 2620:fe::9
            4.4.8.8.in-addr.arpa. PTR mx1.shop.example.
            9.9.9.9.in-addr.arpa. PTR mx2.shop.example.
            shop.example. TXT "v=spf1 mx include:_spf.esp.example -all"
            _spf.esp.example. TXT "v=spf1 ip4:1.1.1.0/24 include:_spf2.esp.example ~all"
            _spf2.esp.example. TXT "v=spf1 ip4:1.1.2.0/24 ~all"
            _dmarc.shop.example. TXT "v=DMARC1; p=reject; rua=mailto:dmarc@reports.example"
            shop.example._report._dmarc.reports.example. TXT "v=DMARC1"
            _mta-sts.shop.example. TXT "v=STSv1; id=1"
            """;

    private DomainCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Duration delay = Duration.ofMillis(50);
        try (DnsTestServer server = DnsTestServer.start(new Zone().text(ZONE).delay(delay))) {
            DomainCheck check = new DomainCheck(server.resolver(Duration.ofSeconds(3)));
            DomainCheckOptions options = DomainCheckOptions.defaults().withSendingIp("8.8.4.4", "mx1.shop.example");
            // Warm-up: class loading, JIT, the Public Suffix List.
            for (int i = 0; i < 3; i++) {
                check.run("shop.example", options, null);
            }
            List<Long> times = new ArrayList<>();
            int questions = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                DomainCheckResult r = check.run("shop.example", options, null);
                times.add((System.nanoTime() - t0) / 1_000_000);
                questions = r.dnsQueries();
            }
            Collections.sort(times);
            long median = times.get(times.size() / 2);
            System.out.printf("Domain check, every DNS answer delayed %d ms: %d DNS questions (%d ms if asked one by one)%n",
                    delay.toMillis(), questions, questions * delay.toMillis());
            System.out.printf("  measured over %d runs: median %d ms, min %d ms, max %d ms%n", runs, median, times.get(0),
                    times.get(times.size() - 1));
            System.out.printf("  = %.1f x the per-answer delay (longest dependent chain here: the SPF walk, TXT → MX → A → include TXT → include TXT = 5)%n",
                    median / (double) delay.toMillis());
        }
    }
}
