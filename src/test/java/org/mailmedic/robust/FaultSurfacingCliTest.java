package org.mailmedic.robust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailmedic.cli.Cli;
import org.mailmedic.engine.report.Json;
import org.mailmedic.testing.CliRunner;
import org.mailmedic.testing.CliRunner.Result;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.xbill.DNS.Type;

/**
 * Where the user sees it, on the command line: {@code mailmedic check DOMAIN} run in-process
 * (the real entry point, {@link Cli#run}) against a loopback DNS fixture and a loopback SMTP
 * fixture, one fault class at a time. Each run must exit 0 (it ran: README, "Exit codes"),
 * print a line that names the host or DNS name and the stage and tells the fault, and print no
 * stack trace; the JSON form must stay one parseable document.
 */
class FaultSurfacingCliTest {

    private static final String DOMAIN = "shop.example";
    private static final String MX = "mx.shop.example";
    /** {@code --timeout}: DNS question deadline, and (rounded up) the SMTP reply timeout. */
    private static final String TIMEOUT = "1";
    /** Whole-run bound asserted: generous (a loaded 2-core box), but far from a hang. */
    private static final long RUN_BOUND_MS = 30_000;

    private static final String ZONE = """
            shop.example. MX 10 mx.shop.example.
            mx.shop.example. A 127.0.0.1
            shop.example. TXT "v=spf1 mx -all"
            _dmarc.shop.example. TXT "v=DMARC1; p=reject"
            """;

    /** One fault class as the user meets it: where it is injected and the words the output must show. */
    enum CliFault {
        DNS_TIMEOUT("DNS no answer (timeout) at MX", DOMAIN, Type.MX, Zone.Fault.NO_ANSWER, null, null,
                "MX lookup for shop.example failed", "did not answer within"),
        DNS_SERVFAIL("DNS SERVFAIL at MX", DOMAIN, Type.MX, Zone.Fault.SERVFAIL, null, null,
                "MX lookup for shop.example failed", "answered SERVFAIL"),
        DNS_REFUSED("DNS REFUSED at MX", DOMAIN, Type.MX, Zone.Fault.REFUSED, null, null,
                "MX lookup for shop.example failed", "refused to answer (REFUSED)"),
        DNS_NXDOMAIN("DNS NXDOMAIN at MX", DOMAIN, Type.MX, Zone.Fault.NXDOMAIN, null, null,
                "shop.example does not exist in DNS", "NXDOMAIN"),
        DNS_TRUNCATED("DNS truncated UDP, TCP refused, at MX", DOMAIN, Type.MX, Zone.Fault.TRUNCATE,
                DnsTestServer.TcpMode.REFUSE, null, "MX lookup for shop.example failed", "retry over TCP failed"),
        DNS_MALFORMED("DNS malformed answer at MX", DOMAIN, Type.MX, Zone.Fault.MALFORMED, null, null,
                "MX lookup for shop.example failed", "could not read (malformed"),
        DNS_HUGE("DNS 10 MB TXT at SPF", DOMAIN, Type.TXT, Zone.Fault.HUGE, null, null,
                "TXT lookup for shop.example failed", "could not read (oversized"),
        DNS_CNAME_LOOP("DNS CNAME loop at DMARC", "_dmarc." + DOMAIN, Type.TXT, null, null, null,
                "DMARC lookup _dmarc.shop.example failed", "CNAME loop"),
        SMTP_REFUSED("SMTP connect refused", null, 0, null, null, null, MX + " (127.0.0.1) port", "connection refused"),
        SMTP_SILENT("SMTP silent after connect", null, 0, null, null, b -> b.fault(SmtpFixture.Fault.SILENT),
                MX + " (127.0.0.1) port", "no greeting"),
        SMTP_SILENT_EHLO("SMTP silent after EHLO", null, 0, null, null,
                b -> b.fault(SmtpFixture.Fault.HANG_AFTER_BANNER), MX + " (127.0.0.1) port", "during EHLO"),
        SMTP_GARBAGE("SMTP garbage bytes", null, 0, null, null, b -> b.fault(SmtpFixture.Fault.GARBAGE),
                MX + " (127.0.0.1) port", "not SMTP"),
        SMTP_1MB_LINE("SMTP 1 MB reply line", null, 0, null, null, b -> b.banner("220 " + "x".repeat(1 << 20)),
                MX + " (127.0.0.1) port", "endless line"),
        SMTP_ENDLESS("SMTP multi-line reply that never ends", null, 0, null, null,
                b -> b.fault(SmtpFixture.Fault.ENDLESS_REPLY), MX + " (127.0.0.1) port", "never ends"),
        SMTP_TLS_DROP("SMTP drop during TLS handshake", null, 0, null, null,
                b -> b.fault(SmtpFixture.Fault.DROP_AT_STARTTLS), MX + " (127.0.0.1) port", "TLS handshake"),
        SMTP_TLS_ALERT("SMTP TLS alert (protocol_version)", null, 0, null, null,
                b -> b.fault(SmtpFixture.Fault.TLS10_ONLY), MX + " (127.0.0.1) port", "TLS versions"),
        SMTP_DRIP("SMTP slow drip, 1 byte / s", null, 0, null, null,
                b -> b.fault(SmtpFixture.Fault.DRIP).dripEvery(Duration.ofSeconds(1)), MX + " (127.0.0.1) port",
                "so slowly");

        final String label;
        final String dnsName;
        final int dnsType;
        final Zone.Fault dnsFault;
        final DnsTestServer.TcpMode tcp;
        final UnaryOperator<SmtpFixture.Builder> smtp;
        final String where;
        final String what;

        CliFault(String label, String dnsName, int dnsType, Zone.Fault dnsFault, DnsTestServer.TcpMode tcp,
                UnaryOperator<SmtpFixture.Builder> smtp, String where, String what) {
            this.label = label;
            this.dnsName = dnsName;
            this.dnsType = dnsType;
            this.dnsFault = dnsFault;
            this.tcp = tcp;
            this.smtp = smtp;
            this.where = where;
            this.what = what;
        }

        boolean dns() {
            return dnsName != null;
        }
    }

    private static final CliRunner CLI = new CliRunner();

    private static Result check(String... args) {
        return CLI.run(args);
    }

    /** A first healthy run, so the rows do not time the JVM loading dnsjava, the PSL and the TLS classes. */
    @BeforeAll
    static void warmUp() throws Exception {
        try (DnsTestServer dns = DnsTestServer.start(ZONE)) {
            check("check", DOMAIN, "--dns", dns.hostPort(), "--timeout", "10", "--no-smtp", "--dnsbl", "bl.test");
        }
    }

    @AfterAll
    static void writeTable() throws Exception {
        FaultTableReport.SHARED.write("fault-table.md");
    }

    private static Zone zone(CliFault f) {
        Zone zone;
        if (f.dnsName != null && f.dnsFault == null) {
            // The CNAME loop: the name is an alias that leads back to itself.
            StringBuilder text = new StringBuilder();
            ZONE.lines().filter(l -> !l.startsWith(f.dnsName + ". ")).forEach(l -> text.append(l).append('\n'));
            text.append(f.dnsName).append(". CNAME loop.").append(f.dnsName).append(".\n");
            text.append("loop.").append(f.dnsName).append(". CNAME ").append(f.dnsName).append(".\n");
            zone = new Zone().text(text.toString());
        } else {
            zone = new Zone().text(ZONE);
        }
        if (f.dnsFault != null) {
            zone.fault(f.dnsName, f.dnsType, f.dnsFault);
        }
        return zone;
    }

    /** A port nothing listens on (bound once, then closed). */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CliFault.class)
    void checkNamesHostStageAndFaultWithoutAStackTrace(CliFault fault) throws Exception {
        try (DnsTestServer dns = DnsTestServer.start(zone(fault));
             SmtpFixture smtp = fault.smtp == null ? null : fault.smtp.apply(SmtpFixture.builder()).start()) {
            if (fault.tcp != null) {
                dns.tcp(fault.tcp);
            }
            int port = smtp != null ? smtp.port() : closedPort();
            List<String> args = new ArrayList<>(List.of("check", DOMAIN, "--dns", dns.hostPort(), "--timeout", TIMEOUT,
                    "--smtp-port", Integer.toString(port), "--dnsbl", "bl.test"));
            Result text = check(args.toArray(String[]::new));
            assertThat(text.exitCode()).as("%s: it ran (exit 0, README)\n%s%s", fault, text.out(), text.err()).isEqualTo(Cli.OK);
            assertNoStackTrace(text);
            assertThat(text.millis()).as("%s: not a hang", fault).isLessThan(RUN_BOUND_MS);
            String line = text.out().lines().filter(l -> l.contains(fault.where) && l.contains(fault.what)).findFirst()
                    .orElse(null);
            assertThat(line).as("%s: one line names %s and says %s, in:\n%s", fault, fault.where, fault.what, text.out())
                    .isNotNull();
            if (fault.dns()) {
                assertThat(line).as("names the DNS server").contains(fault == CliFault.DNS_NXDOMAIN
                        || fault == CliFault.DNS_CNAME_LOOP ? DOMAIN : dns.hostPort());
            }
            assertThat(text.out()).as("the run got to its findings").contains("Overall: ");
            if (smtp != null) {
                smtp.assertPolite(false);
            }

            Result json = check(args.stream().collect(java.util.stream.Collectors.collectingAndThen(
                    java.util.stream.Collectors.toList(), l -> {
                        l.add("--json");
                        return l.toArray(String[]::new);
                    })));
            assertThat(json.exitCode()).isEqualTo(Cli.OK);
            assertNoStackTrace(json);
            JsonNode root = Json.mapper().readTree(json.out());
            assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
            // The same lookup or host is named; the words may differ where the fixture's state changed
            // between the runs (after streaming its 10 MB the HUGE server closes the reused TCP connection).
            assertThat(json.out()).as("%s: the JSON names the same lookup or host", fault).contains(fault.where);

            FaultTableReport.SHARED.add(new FaultTableReport.Row("3. What `mailmedic check` prints (CLI, text)",
                    fault.ordinal(), fault.label, 0, "exit " + text.exitCode() + ", no stack trace", line.strip(), text.millis(),
                    RUN_BOUND_MS));
        }
    }

    private static void assertNoStackTrace(Result r) {
        assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ", "Caused by:", "java.lang.");
    }
}
