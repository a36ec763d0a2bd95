package org.mailmedic.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.report.Json;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;

class DomainCheckTest {

    /** A small business domain with a mix of good and bad; the public-looking addresses are only
     *  zone data: nothing ever connects to them. */
    static final String ZONE = """
            shop.example. MX 10 mx1.shop.example.
            shop.example. MX 20 mx2.shop.example.
            mx1.shop.example. A 8.8.4.4
            mx2.shop.example. A 9.9.9.9
            mx2.shop.example. AAAA 2620:fe::9
            4.4.8.8.in-addr.arpa. PTR mx1.shop.example.
            9.9.9.9.in-addr.arpa. PTR dsl-9-9-9-9.pool.isp.example.
            dsl-9-9-9-9.pool.isp.example. A 9.9.9.9
            shop.example. TXT "v=spf1 mx include:_spf.mailer.example -all"
            _spf.mailer.example. TXT "v=spf1 ip4:1.1.1.0/24 ~all"
            _dmarc.shop.example. TXT "v=DMARC1; p=quarantine; rua=mailto:d@reports.example; adkim=s"
            shop.example._report._dmarc.reports.example. TXT "v=DMARC1"
            _mta-sts.shop.example. TXT "v=STSv1; id=20240101"
            _smtp._tls.shop.example. TXT "v=TLSRPTv1; rua=mailto:tls@shop.example"
            2.0.0.127.zen.spamhaus.org. A 127.0.0.2
            4.4.8.8.zen.spamhaus.org. A 127.255.255.254
            9.9.9.9.bl.spamcop.net. A 127.0.0.2
            9.9.9.9.bl.spamcop.net. TXT "Blocked - see https://www.spamcop.net/bl.shtml?9.9.9.9"
            nomx.example. A 8.8.8.8
            """;

    private static DnsTestServer server;

    @BeforeAll
    static void start() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        String key = java.util.Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        Zone zone = new Zone().text(ZONE)
                // a weak key in testing mode, its TXT split in the middle of the base64 as DNS tools do
                .txt("mail._domainkey.shop.example", "v=DKIM1; k=rsa; t=y; p=" + key.substring(0, 40), key.substring(40));
        server = DnsTestServer.start(zone.fault("broken.example", Zone.Fault.SERVFAIL)
                .exists("servfail.example"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private DomainCheckResult check(String domain, DomainCheckOptions o, List<CheckResult> streamed) {
        return new DomainCheck(server.resolver(Duration.ofSeconds(3))).run(domain, o, streamed::add);
    }

    @Test
    void runsEveryCheckAndStreamsEachRow() {
        List<CheckResult> streamed = Collections.synchronizedList(new ArrayList<>());
        DomainCheckResult r = check("shop.example", DomainCheckOptions.defaults().withSendingIp("9.9.9.9", "mx2.shop.example")
                .withDkimSelectors(List.of("mail")), streamed);
        assertThat(r.checks()).extracting(CheckResult::id)
                .containsExactly("mx", "rdns", "spf", "dmarc", "dkim", "mta-sts-record", "dnsbl");
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(r.checks());

        CheckResult mx = r.check("mx").orElseThrow();
        assertThat(mx.status()).isEqualTo(Status.PASS);
        assertThat(mx.headline()).contains("mx1.shop.example (10)", "mx2.shop.example (20)");
        assertThat(mx.facts()).containsEntry("mx.ipv6", "true");

        CheckResult rdns = r.check("rdns").orElseThrow();
        assertThat(rdns.status()).isEqualTo(Status.WARN);
        assertThat(rdns.details()).anyMatch(d -> d.contains("generic-looking name dsl-9-9-9-9.pool.isp.example"));
        assertThat(rdns.details()).anyMatch(d -> d.contains("8.8.4.4 → mx1.shop.example (forward-confirmed)"));

        CheckResult spf = r.check("spf").orElseThrow();
        assertThat(spf.status()).isEqualTo(Status.PASS);
        assertThat(spf.facts()).containsEntry("spf.result", "pass").containsEntry("spf.lookups", "2");
        assertThat(spf.trace().render()).contains("mx => match → pass");

        CheckResult dmarc = r.check("dmarc").orElseThrow();
        assertThat(dmarc.status()).isEqualTo(Status.PASS);
        assertThat(dmarc.headline()).contains("p=quarantine");
        assertThat(dmarc.details()).anyMatch(d -> d.contains("Reports to reports.example are authorized"));

        CheckResult dkim = r.check("dkim").orElseThrow();
        assertThat(dkim.status()).isEqualTo(Status.FAIL);
        assertThat(dkim.details()).anyMatch(d -> d.contains("RSA 512-bit key") && d.contains("under 1024"))
                .anyMatch(d -> d.contains("testing mode"));

        CheckResult sts = r.check("mta-sts-record").orElseThrow();
        assertThat(sts.facts()).containsEntry("mtasts.record", "present").containsEntry("tlsrpt.record", "present");

        CheckResult bl = r.check("dnsbl").orElseThrow();
        assertThat(bl.status()).isEqualTo(Status.FAIL);
        assertThat(bl.details()).anyMatch(d -> d.startsWith("9.9.9.9 on SpamCop") && d.contains("LISTED"))
                .anyMatch(d -> d.startsWith("8.8.4.4 on Spamhaus ZEN") && d.contains("public or open resolver")
                        && d.contains("NOT a listing"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.dnsQueries()).isGreaterThan(20);
    }

    @Test
    void resultSerializesToJson() throws Exception {
        DomainCheckResult r = check("shop.example", DomainCheckOptions.defaults(), new ArrayList<>());
        JsonNode n = Json.mapper().readTree(Json.mapper().writeValueAsString(r));
        assertThat(n.get("domain").asText()).isEqualTo("shop.example");
        assertThat(n.get("checks")).hasSize(7);
        assertThat(n.get("checks").get(0).get("dns").get(0).get("type").asText()).isEqualTo("MX");
        assertThat(n.get("checks").get(2).get("trace").get("label").asText()).startsWith("check_host(192.0.2.1");
    }

    @Test
    void noMxFallsBackToTheAddressWithAWarning() {
        DomainCheckResult r = check("nomx.example", DomainCheckOptions.defaults(), new ArrayList<>());
        CheckResult mx = r.check("mx").orElseThrow();
        assertThat(mx.status()).isEqualTo(Status.WARN);
        assertThat(mx.headline()).contains("no MX record", "8.8.8.8");
        assertThat(r.check("spf").orElseThrow().headline()).contains("publishes no SPF record");
        assertThat(r.check("dmarc").orElseThrow().status()).isEqualTo(Status.WARN);
    }

    @Test
    void invalidDomainGivesOneClearRow() {
        List<CheckResult> streamed = new ArrayList<>();
        DomainCheckResult r = check("exa mple..com", DomainCheckOptions.defaults(), streamed);
        assertThat(r.domain()).isNull();
        assertThat(r.checks()).hasSize(1);
        assertThat(r.checks().get(0).headline()).contains("'exa mple..com' is not a domain name");
        assertThat(streamed).hasSize(1);
    }

    @Test
    void unicodeDomainIsShownBothWays() {
        DomainCheckResult r = check("bücher.example", DomainCheckOptions.defaults(), new ArrayList<>());
        assertThat(r.domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(r.display()).isEqualTo("bücher.example (xn--bcher-kva.example)");
        assertThat(r.check("mx").orElseThrow().headline()).contains("xn--bcher-kva.example");
    }

    @Test
    void servfailIsAFindingNamingTheQuery() {
        DomainCheckResult r = check("broken.example", DomainCheckOptions.defaults(), new ArrayList<>());
        CheckResult mx = r.check("mx").orElseThrow();
        assertThat(mx.status()).isEqualTo(Status.FAIL);
        assertThat(mx.headline()).contains("broken.example", "SERVFAIL");
    }

    @Test
    void aResolverThatNeverAnswersFinishesWithinTheDeadline() throws Exception {
        try (DnsTestServer silent = DnsTestServer.start(new Zone().fault("quiet.example", Zone.Fault.NO_ANSWER)
                .fault("_dmarc.quiet.example", Zone.Fault.NO_ANSWER).fault("_mta-sts.quiet.example", Zone.Fault.NO_ANSWER)
                .fault("_smtp._tls.quiet.example", Zone.Fault.NO_ANSWER))) {
            long t0 = System.nanoTime();
            DomainCheckResult r = new DomainCheck(silent.resolver(Duration.ofMillis(400))).run("quiet.example",
                    DomainCheckOptions.defaults().withQueryTimeout(Duration.ofMillis(400)), null);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).isLessThan(5000);
            assertThat(r.check("mx").orElseThrow().headline()).contains("quiet.example", "timed out");
            assertThat(r.check("spf").orElseThrow().headline()).contains("quiet.example", "timed out");
            assertThat(r.checks()).hasSize(7);
        }
    }

    @Test
    void aStuckProbeBecomesADidNotFinishRow() {
        DomainProbe stuck = new DomainProbe() {
            @Override
            public String id() {
                return "stuck";
            }

            @Override
            public List<String> titles() {
                return List.of("Stuck");
            }

            @Override
            public java.util.concurrent.CompletableFuture<List<CheckResult>> start(ProbeContext ctx) {
                return new java.util.concurrent.CompletableFuture<>();
            }
        };
        DomainCheckResult r = new DomainCheck(server.resolver(Duration.ofMillis(500)), List.of(stuck))
                .run("shop.example", DomainCheckOptions.defaults().withCheckDeadline(Duration.ofMillis(300)), null);
        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.WARN);
            assertThat(c.headline()).contains("did not finish");
        });
    }
}
