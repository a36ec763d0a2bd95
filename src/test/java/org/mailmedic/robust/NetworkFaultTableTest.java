package org.mailmedic.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheck;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsEvidence;
import org.mailmedic.engine.probe.dns.Resolvers;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SessionResult;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;
import org.xbill.DNS.Type;

/**
 * Every network fault against every probe, on loopback fixtures only. A DNS fault is injected at
 * exactly the name and type one probe asks (the rest of the zone stays healthy); an SMTP fault is
 * served on 25, 587 and 465 at once. Each row must arrive within its deadline with a message
 * naming the DNS name or host and the stage, the fault must be told as what it is (SERVFAIL,
 * REFUSED, unreadable, truncated, loop, timeout), and the whole check must finish. The rows go to
 * {@link FaultTableReport} (docs/fault-table.md).
 */
class NetworkFaultTableTest {

    private static final String DOMAIN = "example.test";
    private static final String MX = "mx.example.test";
    /** The MX's address in the zone: public-looking so rDNS and DNSBL look at it; only a name, never connected to. */
    private static final String MX_IP = "8.8.4.4";
    private static final String DNSBL = "bl.example.test";
    private static final TestPki PKI = new TestPki();

    /** Deadline of one DNS question (all 3 tries), and of the whole domain check. */
    private static final Duration QUERY = Duration.ofMillis(600);
    private static final Duration CHECK = Duration.ofSeconds(6);
    /** Per-read timeout and per-host deadline of the SMTP checks. */
    private static final Duration REPLY = Duration.ofSeconds(1);
    private static final Duration HOST = Duration.ofSeconds(4);
    /** Scheduling slack on a loaded 2-core box (threads, TLS set-up), not a performance claim. */
    private static final long SLACK_MS = 3000;

    /**
     * One healthy check first, so that the rows measure faults and not the JVM loading dnsjava,
     * the public suffix list and the TLS classes on a cold start (seconds on a loaded box).
     */
    @BeforeAll
    static void warmUp() throws Exception {
        try (DnsTestServer server = DnsTestServer.start(String.join("\n", ZONE))) {
            Dns dns = Resolvers.at(server.hostPort(), Duration.ofSeconds(10));
            new DomainCheck(dns).run(DOMAIN, DomainCheckOptions.defaults().withQueryTimeout(Duration.ofSeconds(10))
                    .withDnsbls(List.of(DNSBL)), null);
            smtpHealthyWithDane(dns);
        }
    }

    @AfterAll
    static void writeTable() throws Exception {
        FaultTableReport.SHARED.write("fault-table.md");
    }

    // ---------------------------------------------------------------- DNS

    /** The healthy zone, absolute names, one record a line (so a probe's name can be taken out). */
    private static final List<String> ZONE = List.of(
            "example.test. MX 10 mx.example.test.",
            "example.test. TXT \"v=spf1 mx -all\"",
            "mx.example.test. A " + MX_IP,
            "4.4.8.8.in-addr.arpa. PTR mx.example.test.",
            "_dmarc.example.test. TXT \"v=DMARC1; p=reject\"",
            "default._domainkey.example.test. TXT \"v=DKIM1; k=rsa; p=\"",
            "_mta-sts.example.test. TXT \"v=STSv1; id=1\"",
            "_smtp._tls.example.test. TXT \"v=TLSRPTv1; rua=mailto:tls@example.test\"");

    /**
     * A DNS fault: what the fixture does to one name and type, and the words that tell it in the
     * message (null: not a fault but an answer, e.g. NXDOMAIN, which probes read as "no record").
     */
    enum DnsFault {
        TIMEOUT("no answer (timeout)", Zone.Fault.NO_ANSWER, DnsTestServer.TcpMode.SERVE, "did not answer within"),
        SERVFAIL("SERVFAIL", Zone.Fault.SERVFAIL, DnsTestServer.TcpMode.SERVE, "SERVFAIL"),
        REFUSED("REFUSED", Zone.Fault.REFUSED, DnsTestServer.TcpMode.SERVE, "refused to answer (REFUSED)"),
        NXDOMAIN("NXDOMAIN", Zone.Fault.NXDOMAIN, DnsTestServer.TcpMode.SERVE, null),
        TRUNCATED_TCP_REFUSED("truncated UDP, TCP refused", Zone.Fault.TRUNCATE, DnsTestServer.TcpMode.REFUSE,
                "truncated answer over UDP and the retry over TCP failed"),
        TRUNCATED_TCP_SILENT("truncated UDP, TCP silent", Zone.Fault.TRUNCATE, DnsTestServer.TcpMode.SILENT,
                "truncated answer over UDP and the retry over TCP got no answer"),
        MALFORMED("malformed answer (cut short)", Zone.Fault.MALFORMED, DnsTestServer.TcpMode.SERVE,
                "could not read (malformed"),
        MALFORMED_ID("answer with a wrong ID", Zone.Fault.MALFORMED_ID, DnsTestServer.TcpMode.SERVE,
                "could not read (malformed"),
        HUGE("10 MB TXT (over TCP)", Zone.Fault.HUGE, DnsTestServer.TcpMode.SERVE, "could not read (oversized"),
        CNAME_LOOP("CNAME loop", null, DnsTestServer.TcpMode.SERVE, "CNAME loop"),
        GARBAGE("unrelated records", Zone.Fault.GARBAGE, DnsTestServer.TcpMode.SERVE, null);

        final String label;
        final Zone.Fault zoneFault;
        final DnsTestServer.TcpMode tcp;
        final String words;

        DnsFault(String label, Zone.Fault zoneFault, DnsTestServer.TcpMode tcp, String words) {
            this.label = label;
            this.zoneFault = zoneFault;
            this.tcp = tcp;
            this.words = words;
        }

        /** Whether the question must end well before its deadline (nothing to wait for). */
        boolean quick() {
            return this != TIMEOUT && this != TRUNCATED_TCP_SILENT;
        }
    }

    /** A probe: the row it reports in, the question it asks, and the words naming that lookup. */
    enum DnsProbe {
        MX_LOOKUP("MX lookup", "mx", DOMAIN, Type.MX, DOMAIN, "MX lookup"),
        MX_HOST_A("A lookup of the MX host", "mx", MX, Type.A, MX, "could not be resolved"),
        PTR("reverse DNS (PTR)", "rdns", "4.4.8.8.in-addr.arpa", Type.PTR, "4.4.8.8.in-addr.arpa", "PTR lookup"),
        SPF("SPF (TXT)", "spf", DOMAIN, Type.TXT, DOMAIN, "TXT lookup"),
        DMARC("DMARC", "dmarc", "_dmarc." + DOMAIN, Type.TXT, "_dmarc." + DOMAIN, "DMARC lookup"),
        DKIM("DKIM selector", "dkim", "default._domainkey." + DOMAIN, Type.TXT, "default._domainkey." + DOMAIN,
                "Selector default"),
        MTA_STS("MTA-STS record", "mta-sts-record", "_mta-sts." + DOMAIN, Type.TXT, "_mta-sts." + DOMAIN,
                "MTA-STS lookup"),
        TLS_RPT("TLS-RPT record", "mta-sts-record", "_smtp._tls." + DOMAIN, Type.TXT, "_smtp._tls." + DOMAIN,
                "TLS-RPT lookup"),
        DNSBL_A("DNSBL", "dnsbl", "4.4.8.8." + NetworkFaultTableTest.DNSBL, Type.A, NetworkFaultTableTest.DNSBL,
                "could not check"),
        DANE_TLSA("DANE (TLSA)", "dane", "_25._tcp." + MX, Type.TLSA, MX, "DANE (TLSA)");

        final String label;
        final String row;
        final String name;
        final int type;
        final String named;
        final String stage;

        DnsProbe(String label, String row, String name, int type, String named, String stage) {
            this.label = label;
            this.row = row;
            this.name = name;
            this.type = type;
            this.named = named;
            this.stage = stage;
        }
    }

    static Stream<Arguments> dnsRows() {
        List<Arguments> out = new ArrayList<>();
        for (DnsFault f : DnsFault.values()) {
            for (DnsProbe p : DnsProbe.values()) {
                out.add(Arguments.of(f, p));
            }
        }
        return out.stream();
    }

    /** The zone with {@code fault} at exactly the probe's name and type. */
    private static Zone zoneWith(DnsFault fault, DnsProbe probe) {
        StringBuilder text = new StringBuilder();
        for (String line : ZONE) {
            if (fault == DnsFault.CNAME_LOOP && line.startsWith(probe.name + ". ")) {
                continue; // a CNAME owns its name: the alias replaces every record there
            }
            text.append(line).append('\n');
        }
        if (fault == DnsFault.CNAME_LOOP) {
            text.append(probe.name).append(". CNAME loop.").append(probe.name).append(".\n");
            text.append("loop.").append(probe.name).append(". CNAME ").append(probe.name).append(".\n");
        }
        Zone zone = new Zone().text(text.toString());
        if (fault.zoneFault != null) {
            zone.fault(probe.name, probe.type, fault.zoneFault);
        }
        return zone;
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("dnsRows")
    void dnsFaultAtOneProbe(DnsFault fault, DnsProbe probe) throws Exception {
        try (DnsTestServer server = DnsTestServer.start(zoneWith(fault, probe)).tcp(fault.tcp)) {
            Dns dns = Resolvers.at(server.hostPort(), QUERY);
            Map<String, Long> arrived = new ConcurrentHashMap<>();
            long t0 = System.nanoTime();
            String id;
            String message;
            List<DnsEvidence> evidence;
            long ms;
            if (probe == DnsProbe.DANE_TLSA) {
                SmtpHostRun run = smtpHealthyWithDane(dns);
                ms = run.ms;
                id = "dane";
                message = run.dane;
                evidence = List.of();
                assertThat(ms).as("the SMTP check with DANE finishes within its host deadline")
                        .isLessThan(HOST.toMillis() + SLACK_MS);
            } else {
                DomainCheckOptions o = DomainCheckOptions.defaults().withQueryTimeout(QUERY).withCheckDeadline(CHECK)
                        .withDnsbls(List.of(DNSBL)).withDkimSelectors(List.of("default"));
                DomainCheckResult r = new DomainCheck(dns).run(DOMAIN, o,
                        c -> arrived.putIfAbsent(c.id(), (System.nanoTime() - t0) / 1_000_000));
                long total = (System.nanoTime() - t0) / 1_000_000;
                assertThat(total).as("the whole domain check finishes").isLessThan(CHECK.toMillis() + SLACK_MS);
                assertThat(r.cancelled()).isFalse();
                assertThat(r.checks()).as("every probe gave its row").hasSizeGreaterThanOrEqualTo(7);
                for (CheckResult c : r.checks()) {
                    assertThat(c.headline()).as("%s", c.id()).isNotBlank().doesNotContain("Exception", "\tat ");
                    assertThat(c.headline()).as("no probe ran out of time").doesNotContain("did not finish within");
                }
                CheckResult row = r.check(probe.row).orElseThrow();
                id = row.id();
                message = row.status() + ": " + row.headline() + (row.details().isEmpty() ? ""
                        : " — " + String.join(" ", row.details().stream()
                                .filter(d -> fault.words == null || d.contains(probe.named) || d.contains(fault.words))
                                .toList()));
                ms = arrived.get(probe.row);
                evidence = r.checks().stream().flatMap(c -> c.dns().stream()).toList();
            }
            assertThat(ms).as("%s/%s: the row arrives within the question's deadline", fault, probe)
                    .isLessThan(QUERY.toMillis() + SLACK_MS);
            assertThat(message).as("%s/%s", fault, probe).isNotBlank().doesNotContain("Exception", "\tat ");
            if (fault.words != null) {
                assertThat(message).as("%s/%s names the name asked", fault, probe).contains(probe.named);
                assertThat(message).as("%s/%s names the stage", fault, probe).contains(probe.stage);
                assertThat(message).as("%s/%s tells the fault as what it is", fault, probe).contains(fault.words);
                assertThat(message).as("%s/%s: a finding, not a pass", fault, probe).doesNotStartWith("PASS");
                if (fault != DnsFault.CNAME_LOOP) {
                    assertThat(message).as("names the resolver").contains("127.0.0.1:" + server.port());
                }
            }
            if (fault.quick()) {
                // The question itself did not sit out its deadline: the fault was seen and said at once.
                evidence.stream().filter(e -> e.name().equalsIgnoreCase(probe.name) && e.type().equals(Type.string(probe.type)))
                        .forEach(e -> assertThat(e.elapsedMs()).as("%s/%s: %s", fault, probe, e)
                                .isLessThan(QUERY.toMillis()));
            }
            FaultTableReport.SHARED.add(new FaultTableReport.Row("1. DNS faults (domain check; DANE in the SMTP check)",
                    fault.ordinal(), "DNS " + fault.label, probe.ordinal(), probe.label + " — " + probe.name + " "
                            + Type.string(probe.type), message, ms, QUERY.toMillis()));
            assertThat(id).isEqualTo(probe.row);
        }
    }

    private record SmtpHostRun(String dane, long ms) {
    }

    /** A healthy STARTTLS server for mx.example.test, DANE looked up through {@code dns}. */
    private static SmtpHostRun smtpHealthyWithDane(Dns dns) throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().banner("220 mx.example.test ESMTP")
                .starttls(PKI.good(MX).serverContext()).start()) {
            LoopbackConnector c = new LoopbackConnector().host(MX, MX_IP).route(MX_IP, 25, f.port());
            SmtpOptions o = SmtpOptions.builder(dns).connector(c).resolver(c).trustStore(PKI.trustStore())
                    .connectTimeout(REPLY).replyTimeout(REPLY).hostDeadline(HOST).checkSubmission(false)
                    .probeTlsVersions(false).checkMtaSts(false).checkDane(true).ehloName("checker.mailmedic.test").build();
            long t0 = System.nanoTime();
            SmtpCheckResult r = new MailServerCheck().check(DOMAIN, List.of(new MxHost(MX, 10, List.of(MX_IP))), o, h -> { });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            HostResult h = r.hosts().get(0);
            assertThat(h.dane()).as("DANE was checked").isNotNull();
            f.assertPolite(false);
            return new SmtpHostRun(h.dane().status() + ": " + h.dane().headline(), ms);
        }
    }

    @Test
    void truncatedUdpIsRetriedOverTcpAndTheAnswerArrives() throws Exception {
        Zone zone = new Zone().text(String.join("\n", ZONE)).fault(DOMAIN, Type.MX, Zone.Fault.TRUNCATE);
        try (DnsTestServer server = DnsTestServer.start(zone)) {
            long t0 = System.nanoTime();
            DomainCheckResult r = new DomainCheck(Resolvers.at(server.hostPort(), QUERY)).run(DOMAIN,
                    DomainCheckOptions.defaults().withQueryTimeout(QUERY).withCheckDeadline(CHECK).withDnsbls(List.of()), null);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(server.tcpQueries()).as("truncated answers are retried over TCP").isPositive();
            CheckResult mx = r.check("mx").orElseThrow();
            assertThat(mx.headline()).contains(MX).doesNotContain("failed");
            FaultTableReport.SHARED.add(new FaultTableReport.Row("1. DNS faults (domain check; DANE in the SMTP check)",
                    90, "DNS truncated UDP, TCP works (not a fault)", 0, "MX lookup — example.test MX",
                    mx.status() + ": " + mx.headline(), ms, QUERY.toMillis()));
        }
    }

    @Test
    void theLargestTxtADnsMessageCarriesIsReadOverTcp() throws Exception {
        // 250 strings of 255 bytes (~64 KB, the most one DNS message holds): legal, if absurd; read whole.
        String[] parts = new String[250];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = (i == 0 ? "v=spf1 " : "") + "x".repeat(i == 0 ? 248 : 255);
        }
        StringBuilder text = new StringBuilder();
        ZONE.stream().filter(l -> !l.startsWith("example.test. TXT")).forEach(l -> text.append(l).append('\n'));
        try (DnsTestServer server = DnsTestServer.start(new Zone().text(text.toString()).txt(DOMAIN, parts))) {
            long t0 = System.nanoTime();
            DomainCheckResult r = new DomainCheck(Resolvers.at(server.hostPort(), QUERY)).run(DOMAIN,
                    DomainCheckOptions.defaults().withQueryTimeout(QUERY).withCheckDeadline(CHECK).withDnsbls(List.of()), null);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            CheckResult spf = r.check("spf").orElseThrow();
            assertThat(spf.dns()).anySatisfy(e -> {
                assertThat(e.name()).isEqualTo(DOMAIN);
                assertThat(e.viaTcp()).isTrue();
                assertThat(e.error()).isNull();
            });
            assertThat(spf.headline()).doesNotContain("could not read");
            FaultTableReport.SHARED.add(new FaultTableReport.Row("1. DNS faults (domain check; DANE in the SMTP check)",
                    91, "DNS 64 KB TXT (largest legal answer; not a fault)", 3, "SPF (TXT) — example.test TXT",
                    spf.status() + ": " + spf.headline(), ms, QUERY.toMillis()));
        }
    }

    // ---------------------------------------------------------------- SMTP

    /** An SMTP fault: how the fixture misbehaves (null: nothing listens) and the words telling it on port 25. */
    enum SmtpFault {
        CONNECT_REFUSED("connect refused", null, "connection refused"),
        SILENT_AFTER_CONNECT("silent after connect", b -> b.fault(SmtpFixture.Fault.SILENT), "no greeting"),
        SILENT_AFTER_EHLO("silent after EHLO", b -> b.fault(SmtpFixture.Fault.HANG_AFTER_BANNER), "during EHLO"),
        GARBAGE("garbage bytes", b -> b.fault(SmtpFixture.Fault.GARBAGE), "not SMTP"),
        ONE_MB_LINE("1 MB reply line", b -> b.banner("220 " + "x".repeat(1 << 20)), "endless line"),
        ENDLESS_MULTILINE("multi-line reply that never ends", b -> b.fault(SmtpFixture.Fault.ENDLESS_REPLY),
                "never ends"),
        DROP_IN_TLS("drop during TLS handshake", b -> b.fault(SmtpFixture.Fault.DROP_AT_STARTTLS), "TLS handshake"),
        TLS_ALERT_VERSION("TLS alert protocol_version", b -> b.fault(SmtpFixture.Fault.TLS10_ONLY), "TLS versions"),
        TLS_ALERT_HANDSHAKE("TLS alert handshake_failure (no certificate)", b -> b.starttlsWithoutCertificate(),
                "no certificate"),
        DRIP_100MS("slow drip, 1 byte / 100 ms", b -> b.fault(SmtpFixture.Fault.DRIP), "so slowly"),
        DRIP_1S("slow drip, 1 byte / s", b -> b.fault(SmtpFixture.Fault.DRIP).dripEvery(Duration.ofSeconds(1)),
                "so slowly");

        final String label;
        final java.util.function.UnaryOperator<SmtpFixture.Builder> server;
        final String words;

        SmtpFault(String label, java.util.function.UnaryOperator<SmtpFixture.Builder> server, String words) {
            this.label = label;
            this.server = server;
            this.words = words;
        }
    }

    /** Stage words a session's message must name one of. */
    private static final List<String> STAGES = List.of("connect", "banner", "greet", "ehlo", "starttls", "tls",
            "handshake", "reply", "answer", "respond", "line", "deadline", "time", "cipher");

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(SmtpFault.class)
    void smtpFaultAtEveryPort(SmtpFault fault) throws Exception {
        try (SmtpFixture f = fault.server == null ? null : fault.server.apply(SmtpFixture.builder()).start()) {
            LoopbackConnector c = new LoopbackConnector();
            if (f != null) {
                c.route(MX_IP, 25, f.port()).route(MX_IP, 587, f.port()).route(MX_IP, 465, f.port());
            }
            SmtpOptions o = SmtpOptions.builder(new MemoryDns()).connector(c).resolver(c).trustStore(PKI.trustStore())
                    .connectTimeout(REPLY).replyTimeout(REPLY).hostDeadline(HOST).checkSubmission(true)
                    .probeTlsVersions(true).checkMtaSts(false).checkDane(false).ehloName("checker.mailmedic.test").build();
            long t0 = System.nanoTime();
            SmtpCheckResult r = new MailServerCheck().check(DOMAIN, List.of(new MxHost(MX, 10, List.of(MX_IP))), o, h -> { });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("%s: within the host deadline", fault).isLessThan(HOST.toMillis() + SLACK_MS);
            HostResult h = r.hosts().get(0);
            assertThat(h.headline()).as(fault.label).isNotBlank().doesNotContain("Exception", "\tat ");
            assertThat(h.status()).as("%s: %s", fault, h.headline()).isNotEqualTo(org.mailmedic.engine.probe.smtp.Status.PASS);
            AddressResult a = h.addresses().get(0);
            String port25 = session(fault, 0, "SMTP 25: banner, EHLO, STARTTLS, certificate", a.smtp(), ms);
            assertThat(port25).as("%s: port 25 tells the fault", fault).containsIgnoringCase(fault.words);
            session(fault, 1, "submission 587", a.submission(), ms);
            session(fault, 2, "implicit TLS 465", a.implicitTls(), ms);
            String versions = a.tlsVersions().isEmpty() ? "not probed (no working STARTTLS)"
                    : String.join(", ", a.tlsVersions().stream().map(v -> v.version() + " " + v.result()).toList());
            FaultTableReport.SHARED.add(new FaultTableReport.Row("2. SMTP faults (mail server check, one host)",
                    fault.ordinal(), "SMTP " + fault.label, 3, "TLS versions", versions, ms, HOST.toMillis()));
            if (f != null) {
                f.assertPolite(false);
            }
        }
    }

    private static String session(SmtpFault fault, int order, String probe, SessionResult s, long ms) {
        assertThat(s).as("%s/%s ran", fault, probe).isNotNull();
        String all = s.headline() + " " + s.findings();
        assertThat(s.headline()).as("%s/%s", fault, probe).isNotBlank().doesNotContain("Exception", "\tat ");
        assertThat(all).as("%s/%s names the host and address", fault, probe).contains(MX).contains(MX_IP);
        assertThat(all.toLowerCase(Locale.ROOT)).as("%s/%s names the stage", fault, probe)
                .containsAnyOf(STAGES.toArray(String[]::new));
        FaultTableReport.SHARED.add(new FaultTableReport.Row("2. SMTP faults (mail server check, one host)",
                fault.ordinal(), "SMTP " + fault.label, order, probe, s.status() + ": " + s.headline(), ms, HOST.toMillis()));
        return s.headline();
    }

    /** A check result's words, for searching. */
    static String text(CheckResult c) {
        return (c.headline() + " " + String.join(" ", c.details())).toLowerCase(Locale.ROOT);
    }

    /** Status of a row as a tag, for tables. */
    static String tag(Status s) {
        return s.name();
    }
}
