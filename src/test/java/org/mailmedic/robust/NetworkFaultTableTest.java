package org.mailmedic.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheck;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.engine.probe.dns.Resolvers;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SessionResult;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.probe.smtp.TlsVersionSupport;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;

/**
 * Every network fault against every probe, on loopback fixtures only: each must end within its
 * deadline with a clear finding that names what was asked (the DNS name, the host and stage).
 * The table it prints is committed as FAULTS.md next to this class.
 */
class NetworkFaultTableTest {

    private static final String DOMAIN = "example.test";
    private static final String MX = "mx.example.test";
    private static final String IP = "127.0.0.2";
    private static final TestPki PKI = new TestPki();
    private static final List<String> ROWS = new ArrayList<>();

    /** Query timeout per try (3 tries), and the whole check's deadline. */
    private static final Duration QUERY = Duration.ofMillis(400);
    private static final Duration CHECK = Duration.ofSeconds(4);
    /** Per-read timeout and per-host deadline of the SMTP checks. */
    private static final Duration REPLY = Duration.ofSeconds(1);
    private static final Duration HOST = Duration.ofSeconds(4);
    /** Scheduling slack on a loaded 2-core box (threads, TLS set-up), not a performance claim. */
    private static final long SLACK_MS = 3000;

    @AfterAll
    static void printTable() {
        System.out.println("| fault | probe | outcome (headline) | elapsed ms / deadline ms |");
        System.out.println("|---|---|---|---|");
        ROWS.forEach(System.out::println);
    }

    private static void row(String fault, String probe, String headline, long ms, long deadline) {
        synchronized (ROWS) {
            ROWS.add("| " + fault + " | " + probe + " | " + headline.replace("|", "/").replace("\n", " ") + " | " + ms
                    + " / " + deadline + " |");
        }
    }

    // ---------------------------------------------------------------- DNS

    private static Zone healthyZone() {
        return new Zone().text("""
                $ORIGIN example.test.
                @ MX 10 mx.example.test.
                @ TXT "v=spf1 mx -all"
                mx A 127.0.0.2
                _dmarc TXT "v=DMARC1; p=reject"
                _mta-sts TXT "v=STSv1; id=1"
                """);
    }

    private static String dnsFault(String fault, Consumer<Zone> apply) throws Exception {
        Zone zone = healthyZone();
        apply.accept(zone);
        try (DnsTestServer server = DnsTestServer.start(zone)) {
            DomainCheckOptions o = DomainCheckOptions.defaults().withQueryTimeout(QUERY).withCheckDeadline(CHECK)
                    .withDnsbls(List.of());
            long t0 = System.nanoTime();
            DomainCheckResult r = new DomainCheck(Resolvers.at(server.hostPort(), QUERY)).run(DOMAIN, o, null);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("%s: the domain check finishes within its deadline", fault)
                    .isLessThan(CHECK.toMillis() + SLACK_MS);
            assertThat(r.checks()).as("%s: one row per probe", fault).isNotEmpty();
            CheckResult worst = r.checks().stream().filter(c -> c.status() != Status.PASS)
                    .filter(c -> text(c).contains(DOMAIN)).findFirst().orElse(null);
            assertThat(worst).as("%s: a finding naming the name queried, in %s", fault, r.checks()).isNotNull();
            for (CheckResult c : r.checks()) {
                assertThat(c.headline()).as("%s/%s", fault, c.id()).isNotBlank().doesNotContain("Exception");
                row(fault, "domain check: " + c.id(), c.status() + ": " + c.headline(), ms, CHECK.toMillis());
            }
            return worst.headline();
        }
    }

    private static String text(CheckResult c) {
        return (c.headline() + " " + String.join(" ", c.details())).toLowerCase(Locale.ROOT);
    }

    @Test
    void dnsServfail() throws Exception {
        dnsFault("DNS SERVFAIL", z -> z.fault(DOMAIN, Zone.Fault.SERVFAIL));
    }

    @Test
    void dnsRefused() throws Exception {
        dnsFault("DNS REFUSED", z -> z.fault(DOMAIN, Zone.Fault.REFUSED));
    }

    @Test
    void dnsNxdomain() throws Exception {
        dnsFault("DNS NXDOMAIN", z -> z.fault(DOMAIN, Zone.Fault.NXDOMAIN));
    }

    @Test
    void dnsTruncatedUdp() throws Exception {
        // TC on UDP: the answer must still come, over TCP; the check then passes or names a real problem.
        Zone zone = healthyZone().fault(DOMAIN, Zone.Fault.TRUNCATE);
        try (DnsTestServer server = DnsTestServer.start(zone)) {
            DomainCheckOptions o = DomainCheckOptions.defaults().withQueryTimeout(QUERY).withCheckDeadline(CHECK)
                    .withDnsbls(List.of());
            long t0 = System.nanoTime();
            DomainCheckResult r = new DomainCheck(Resolvers.at(server.hostPort(), QUERY)).run(DOMAIN, o, null);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).isLessThan(CHECK.toMillis() + SLACK_MS);
            assertThat(server.tcpQueries()).as("truncated answers are retried over TCP").isPositive();
            // The MX answer arrived (over TCP): the row names the MX host instead of a failed lookup.
            assertThat(r.check("mx").orElseThrow().headline()).contains(MX).doesNotContain("failed");
            r.checks().forEach(c -> row("DNS truncated UDP (TC)", "domain check: " + c.id(),
                    c.status() + ": " + c.headline(), ms, CHECK.toMillis()));
        }
    }

    @Test
    void dnsNoAnswer() throws Exception {
        dnsFault("DNS no answer (timeout)", z -> z.fault(DOMAIN, Zone.Fault.NO_ANSWER));
    }

    @Test
    void dnsDelayBeyondTimeout() throws Exception {
        dnsFault("DNS delay 2 s > query timeout", z -> z.delay(DOMAIN, Duration.ofSeconds(2)));
    }

    @Test
    void dnsMalformed() throws Exception {
        dnsFault("DNS malformed bytes", z -> z.fault(DOMAIN, Zone.Fault.MALFORMED));
    }

    @Test
    void dnsGarbageRecords() throws Exception {
        dnsFault("DNS unrelated answer records", z -> z.fault(DOMAIN, Zone.Fault.GARBAGE));
    }

    @Test
    void dnsCnameLoop() throws Exception {
        dnsFault("DNS CNAME loop", z -> z.text("""
                $ORIGIN example.test.
                default._domainkey CNAME loop.example.test.
                loop CNAME default._domainkey.example.test.
                _smtp._tls CNAME loop2.example.test.
                loop2 CNAME _smtp._tls.example.test.
                """).fault(DOMAIN, Zone.Fault.SERVFAIL));
    }

    @Test
    void dnsHugeTxt() throws Exception {
        // The largest TXT RRset a DNS message can carry (~64 KB over TCP): 250 strings of 255 bytes.
        String[] parts = new String[250];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = (i == 0 ? "v=spf1 " : "") + "x".repeat(i == 0 ? 248 : 255);
        }
        dnsFault("DNS 64 KB TXT", z -> z.txt(DOMAIN, parts).txt("_dmarc." + DOMAIN, parts));
    }

    // ---------------------------------------------------------------- SMTP

    private static SmtpOptions.Builder smtpOptions(LoopbackConnector c) {
        return SmtpOptions.builder(new MemoryDns()).connector(c).resolver(c).trustStore(PKI.trustStore())
                .connectTimeout(Duration.ofSeconds(1)).replyTimeout(REPLY).hostDeadline(HOST)
                .checkSubmission(true).probeTlsVersions(true).checkMtaSts(false).checkDane(false)
                .ehloName("checker.mailmedic.test");
    }

    /** All probes of one address (25 with STARTTLS, TLS versions, 587, 465) against one faulty server. */
    private static void smtpFault(String fault, SmtpFixture.Builder server) throws Exception {
        try (SmtpFixture f = server == null ? null : server.start()) {
            LoopbackConnector c = new LoopbackConnector();
            if (f != null) {
                c.route(IP, 25, f.port()).route(IP, 587, f.port()).route(IP, 465, f.port());
            }
            long t0 = System.nanoTime();
            SmtpCheckResult r = new MailServerCheck().check(DOMAIN, List.of(new MxHost(MX, 10, List.of(IP))),
                    smtpOptions(c).build(), h -> { });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("%s: within the host deadline", fault).isLessThan(HOST.toMillis() + SLACK_MS);
            HostResult h = r.hosts().get(0);
            assertThat(h.headline()).as(fault).isNotBlank().doesNotContain("Exception");
            assertThat(h.status()).as("%s: %s", fault, h.headline()).isNotEqualTo(
                    org.mailmedic.engine.probe.smtp.Status.PASS);
            AddressResult a = h.addresses().get(0);
            session(fault, "SMTP 25 + STARTTLS", a.smtp(), ms);
            session(fault, "submission 587", a.submission(), ms);
            session(fault, "implicit TLS 465", a.implicitTls(), ms);
            String versions = a.tlsVersions().isEmpty() ? "not probed (no STARTTLS seen)"
                    : a.tlsVersions().stream().map(v -> v.version() + " " + v.result()).reduce((x, y) -> x + ", " + y)
                            .orElse("");
            row(fault, "TLS versions", versions, ms, HOST.toMillis());
            row(fault, "host " + MX, h.status() + ": " + h.headline(), ms, HOST.toMillis());
            if (f != null) {
                f.assertPolite(false);
            }
        }
    }

    private static void session(String fault, String probe, SessionResult s, long ms) {
        if (s == null) {
            row(fault, probe, "not reached", ms, HOST.toMillis());
            return;
        }
        String all = (s.headline() + " " + s.findings()).toLowerCase(Locale.ROOT);
        assertThat(s.headline()).as("%s/%s", fault, probe).isNotBlank().doesNotContain("Exception");
        assertThat(all).as("%s/%s names the host or address", fault, probe).containsAnyOf(IP, MX);
        assertThat(all).as("%s/%s names the stage", fault, probe).containsAnyOf("connect", "banner", "greet",
                "ehlo", "starttls", "tls", "handshake", "reply", "answer", "respond", "line", "deadline", "time");
        row(fault, probe, s.status() + ": " + s.headline(), ms, HOST.toMillis());
    }

    @Test
    void smtpConnectRefused() throws Exception {
        smtpFault("SMTP connect refused", null);
    }

    @Test
    void smtpSilentAfterConnect() throws Exception {
        smtpFault("SMTP silent after connect", SmtpFixture.builder().fault(SmtpFixture.Fault.SILENT));
    }

    @Test
    void smtpSilentAfterEhlo() throws Exception {
        smtpFault("SMTP silent after EHLO", SmtpFixture.builder().fault(SmtpFixture.Fault.HANG_AFTER_BANNER));
    }

    @Test
    void smtpGarbage() throws Exception {
        smtpFault("SMTP garbage bytes", SmtpFixture.builder().fault(SmtpFixture.Fault.GARBAGE));
    }

    @Test
    void smtpOneMegabyteLine() throws Exception {
        smtpFault("SMTP 1 MB reply line", SmtpFixture.builder().banner("220 " + "x".repeat(1 << 20)));
    }

    @Test
    void smtpEndlessMultiline() throws Exception {
        smtpFault("SMTP multi-line reply that never ends", SmtpFixture.builder().fault(SmtpFixture.Fault.ENDLESS_REPLY));
    }

    @Test
    void smtpDropDuringTls() throws Exception {
        smtpFault("SMTP drop during TLS handshake", SmtpFixture.builder().fault(SmtpFixture.Fault.DROP_AT_STARTTLS));
    }

    @Test
    void smtpTlsAlert() throws Exception {
        // A TLS 1.0-only server answers a modern ClientHello with a protocol_version alert.
        smtpFault("SMTP TLS alert (protocol_version)", SmtpFixture.builder().fault(SmtpFixture.Fault.TLS10_ONLY));
    }

    @Test
    void smtpSlowDrip() throws Exception {
        smtpFault("SMTP slow drip (1 byte / 100 ms, forever)", SmtpFixture.builder().fault(SmtpFixture.Fault.DRIP));
    }
}
