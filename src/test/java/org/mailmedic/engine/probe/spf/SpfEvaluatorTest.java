package org.mailmedic.engine.probe.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.engine.probe.TraceNode;
import org.mailmedic.engine.probe.dns.DnsSession;
import org.mailmedic.testing.dns.Zone;
import org.mailmedic.testing.dns.ZoneDns;
import org.xbill.DNS.Type;

class SpfEvaluatorTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static SpfEvaluator evaluator(String zone) {
        return new SpfEvaluator(new ZoneDns(new Zone().text(zone)));
    }

    @Test
    void traceShowsIncludesTermsQueriesAndTheLookupCount() {
        SpfResult r = evaluator("""
                shop.example. TXT "v=spf1 a include:_spf.esp.example -all"
                shop.example. A 203.0.113.5
                _spf.esp.example. TXT "v=spf1 ip4:198.51.100.0/24 ~all"
                """).checkHost("198.51.100.20", "shop.example", "boss@shop.example", "mail.shop.example");
        assertThat(r.result()).isEqualTo(SpfResult.Result.PASS);
        assertThat(r.lookups()).isEqualTo(2);
        TraceNode root = r.trace();
        assertThat(root.outcome()).isEqualTo("pass");
        assertThat(root.dns()).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("shop.example"));
        assertThat(root.children()).extracting(TraceNode::label).containsExactly("a", "include:_spf.esp.example");
        assertThat(root.children().get(0).outcome()).isEqualTo("no match");
        assertThat(root.children().get(0).lookupsSoFar()).isEqualTo(1);
        TraceNode inc = root.children().get(1);
        assertThat(inc.outcome()).isEqualTo("match → pass");
        assertThat(inc.lookupsSoFar()).isEqualTo(2);
        assertThat(inc.children().get(0).children().get(0).label()).isEqualTo("ip4:198.51.100.0/24");
        assertThat(root.render()).contains("check_host(198.51.100.20, shop.example) => pass",
                "  - include:_spf.esp.example => match → pass  [lookups 2/10]");
    }

    @Test
    void theEleventhLookupIsAPermerrorNamingTheTerm() {
        StringBuilder zone = new StringBuilder("big.example. TXT \"v=spf1");
        for (int i = 1; i <= 11; i++) {
            zone.append(" include:i").append(i).append(".example");
        }
        zone.append(" -all\"\n");
        for (int i = 1; i <= 11; i++) {
            zone.append("i").append(i).append(".example. TXT \"v=spf1 ip4:10.0.0.").append(i).append(" -all\"\n");
        }
        SpfResult r = evaluator(zone.toString()).checkHost("192.0.2.1", "big.example", "a@big.example", "h.example");
        assertThat(r.result()).isEqualTo(SpfResult.Result.PERMERROR);
        assertThat(r.reason()).contains("include:i11.example", "lookup number 11", "RFC 7208 4.6.4");
    }

    @Test
    void checkMailFromUsesHeloForTheNullSender() {
        SpfEvaluator ev = evaluator("mail.shop.example. TXT \"v=spf1 ip4:192.0.2.25 -all\"");
        SpfResult r = ev.checkMailFrom("192.0.2.25", "<>", "mail.shop.example");
        assertThat(r.result()).isEqualTo(SpfResult.Result.PASS);
        assertThat(r.sender()).isEqualTo("postmaster@mail.shop.example");
    }

    @Test
    void forwardingFailsAtTheLastHopAndSrsFixesIt() {
        SpfEvaluator ev = evaluator("""
                shop.example. TXT "v=spf1 ip4:192.0.2.25 -all"
                forwarder.example. TXT "v=spf1 ip4:198.51.100.0/24 -all"
                """);
        ForwardingAnalysis.Result r = ForwardingAnalysis.analyze(ev, "198.51.100.9", "shop.example", "forwarder.example");
        assertThat(r.failsAtLastHop()).isTrue();
        assertThat(r.lastHop().result()).isEqualTo(SpfResult.Result.FAIL);
        assertThat(r.srsFixes()).isTrue();
        assertThat(r.summary()).contains("SPF gives fail at the last hop", "With SRS", "SPF would pass");
    }

    @Test
    void domainCheckRowFlagsPlusAllObsoleteTypeAndLookupCount() {
        Zone zone = new Zone().text("""
                open.example. TXT "v=spf1 +all"
                open.example. SPF "v=spf1 -all"
                """);
        DnsSession s = new DnsSession(new ZoneDns(zone), pool);
        CheckResult r = SpfCheck.evaluate("open.example", "open.example", new SpfEvaluator(s),
                s.query("open.example", Type.TXT), s.query("open.example", Type.SPF), null, null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.details()).anyMatch(d -> d.contains("'+all'")).anyMatch(d -> d.contains("obsolete SPF record type (99)"));
    }

    @Test
    void twoSpfRecordsFailTheRow() {
        Zone zone = new Zone().txt("two.example", "v=spf1 -all").txt("two.example", "v=spf1 mx -all");
        DnsSession s = new DnsSession(new ZoneDns(zone), pool);
        CheckResult r = SpfCheck.evaluate("two.example", "two.example", new SpfEvaluator(s),
                s.query("two.example", Type.TXT), null, null, null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.headline()).contains("2 SPF records");
    }
}
