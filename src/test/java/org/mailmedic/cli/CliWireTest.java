package org.mailmedic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.engine.report.Json;
import org.mailmedic.testing.CliRunner;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;
import org.mailmedic.testing.smtp.SmtpFixture;

/**
 * The command line end to end: analyze on the two founding sample cases, check against loopback
 * DNS and SMTP fixtures, and the exit codes for hostile input (never a stack trace).
 */
class CliWireTest {

    private final CliRunner cli = new CliRunner();

    @TempDir
    Path dir;

    private String[] analyzeArgs(String sampleCase, String... extra) throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId(sampleCase).orElseThrow(), dir.resolve(sampleCase));
        List<String> args = new ArrayList<>(List.of("analyze"));
        files.forEach(p -> args.add(p.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static void assertNoStackTrace(CliRunner.Result r) {
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
    }

    @Test
    void analyzeJsonOnTheThrottlingCaseGivesThePostfixFixAndAForecastThatNeverDrains() throws Exception {
        CliRunner.Result r = cli.run(analyzeArgs("throttling", "--json"));
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        assertThat(r.err()).isEmpty();
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("mailServer").get("id").asText()).isEqualTo("postfix");
        assertThat(root.get("mailServer").get("detected").asBoolean()).isTrue();
        JsonNode top = root.get("findings").get(0);
        assertThat(top.get("kind").asText()).isEqualTo("throttling");
        assertThat(top.get("severity").asText()).isEqualTo("blocking");
        assertThat(top.get("subject").asText()).isEqualTo("btinternet.com");
        assertThat(top.get("confidence").asText()).isEqualTo("certain");
        assertThat(top.get("fix").get("id").asText()).isEqualTo("throttling/postfix");
        assertThat(top.get("fix").get("title").asText()).contains("btinternet.com").contains("Postfix");
        assertThat(top.get("fix").get("steps").size()).isPositive();
        assertThat(top.get("fix").get("verify").get("check").asText()).isEqualTo("throttle");
        assertThat(top.get("evidence")).anySatisfy(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("log-line");
            assertThat(e.get("where").asText()).matches("maillog:\\d+");
        });
        assertThat(top.get("facts").get("limitPerDay").asInt()).isBetween(45, 49);

        JsonNode fc = top.get("forecast");
        assertThat(fc).as("forecast on the throttling finding").isNotNull();
        assertThat(fc.get("destination").asText()).isEqualTo("btinternet.com");
        assertThat(fc.get("outcome").asText()).isEqualTo("NEVER_DRAINS");
        assertThat(fc.get("verdict").asText()).startsWith("never drains for btinternet.com");
        assertThat(fc.get("inputs").get("limit").asInt()).isEqualTo(top.get("facts").get("limitPerDay").asInt());
        assertThat(fc.get("inputs").get("arrivalsPerDay").asDouble()).isGreaterThan(fc.get("inputs").get("limit").asDouble());
        // The other parts are still there, read from the same single pass over the files.
        assertThat(root.get("bounces")).isNotEmpty();
        assertThat(root.get("logs").get("throttles")).isNotEmpty();
    }

    @Test
    void analyzeJsonOnTheStarttlsCaseGivesTheSendmailFix() throws Exception {
        CliRunner.Result r = cli.run(analyzeArgs("starttls", "--json"));
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("mailServer").get("id").asText()).isEqualTo("sendmail");
        JsonNode top = root.get("findings").get(0);
        assertThat(top.get("kind").asText()).isEqualTo("inbound-starttls");
        assertThat(top.get("severity").asText()).isEqualTo("blocking");
        assertThat(top.get("fix").get("id").asText()).isEqualTo("inbound-starttls/sendmail");
        assertThat(top.get("evidence")).anySatisfy(e -> assertThat(e.get("text").asText()).contains("no shared cipher"));
        assertThat(top.has("forecast")).isFalse();
    }

    @Test
    void analyzeTextEndsWithTheFindingsTheFixAndTheForecastVerdict() throws Exception {
        CliRunner.Result r = cli.run(analyzeArgs("throttling"));
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        assertThat(r.out()).contains("Mail server: Postfix (detected from the log format)",
                "1. [blocking] btinternet.com accepts only about", "   Forecast: never drains for btinternet.com",
                "[throttling/postfix]");
        assertThat(r.out()).containsPattern("\n   maillog:\\d+: ");
    }

    @Test
    void mtaOptionChangesTheFixAndAnUnknownOneIsAUsageError() throws Exception {
        CliRunner.Result r = cli.run(analyzeArgs("throttling", "--json", "--mta", "exim"));
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("mailServer").get("id").asText()).isEqualTo("exim");
        assertThat(root.get("findings").get(0).get("fix").get("id").asText()).isEqualTo("throttling/exim");
        // Exim retries on its own schedule; the forecast follows it.
        assertThat(root.get("findings").get(0).get("forecast").get("inputs").get("policy").asText()).containsIgnoringCase("exim");

        r = cli.run("analyze", "x.log", "--mta", "qmail");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--mta must be postfix, sendmail, exim, exchange or provider, not 'qmail'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void analyzeOfOnlyUnusableFilesWritesNothingAndExits1() throws Exception {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Path binary = Files.write(dir.resolve("core.bin"), junk);
        Path missing = dir.resolve("nowhere/maillog");
        CliRunner.Result r = cli.run("analyze", binary.toString(), missing.toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("core.bin").contains("maillog");
        assertNoStackTrace(r);
        assertThat(Files.readAllBytes(binary)).isEqualTo(junk);
    }

    @Test
    void checkRunsTheSmtpPartOnTheMxAndFindsStarttlsWithoutACertificate() throws Exception {
        try (SmtpFixture smtp = SmtpFixture.builder().banner("220 mx.shop.example ESMTP Sendmail 8.17.1/8.17.1")
                .starttlsWithoutCertificate().start();
             DnsTestServer dns = DnsTestServer.start(new Zone().text("""
                     shop.example. MX 10 mx.shop.example.
                     mx.shop.example. A 127.0.0.1
                     shop.example. TXT "v=spf1 mx -all"
                     _dmarc.shop.example. TXT "v=DMARC1; p=reject"
                     """))) {
            CliRunner.Result r = cli.run("check", "shop.example", "--dns", dns.hostPort(), "--timeout", "10",
                    "--smtp-port", Integer.toString(smtp.port()), "--dnsbl", "bl.test", "--json");
            assertThat(r.exitCode()).isEqualTo(Cli.OK);
            assertNoStackTrace(r);
            JsonNode root = Json.mapper().readTree(r.out());
            assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(root.get("domain").asText()).isEqualTo("shop.example");
            JsonNode host = root.get("smtp").get("hosts").get(0);
            assertThat(host.get("name").asText()).isEqualTo("mx.shop.example");
            assertThat(host.get("preference").asInt()).isEqualTo(10);
            JsonNode addr = host.get("addresses").get(0);
            assertThat(addr.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(addr.get("smtp").get("banner").get("code").asInt()).isEqualTo(220);
            assertThat(addr.get("smtp").toString()).contains("STARTTLS");
            assertThat(root.get("mailServer").get("id").asText()).isEqualTo("sendmail");
            assertThat(root.get("mailServer").get("how").asText()).isEqualTo("detected from the SMTP greeting");
            assertThat(root.get("findings")).anySatisfy(f -> {
                assertThat(f.get("kind").asText()).isEqualTo("inbound-starttls");
                assertThat(f.get("severity").asText()).isEqualTo("blocking");
                assertThat(f.get("fix").get("id").asText()).isEqualTo("inbound-starttls/sendmail");
                assertThat(f.get("evidence")).anySatisfy(e -> assertThat(e.get("kind").asText()).isEqualTo("live-check"));
            });
            // The dialogue stayed polite: no MAIL/RCPT, no DATA; 587/465 not probed with --smtp-port.
            smtp.assertPolite(false);
        }
    }

    @Test
    void checkTextShowsTheSmtpReportAndTheFindings() throws Exception {
        try (SmtpFixture smtp = SmtpFixture.builder().starttlsWithoutCertificate().start();
             DnsTestServer dns = DnsTestServer.start(new Zone().text("""
                     shop.example. MX 10 mx.shop.example.
                     mx.shop.example. A 127.0.0.1
                     """))) {
            CliRunner.Result r = cli.run("check", "shop.example", "--dns", dns.hostPort(), "--timeout", "10",
                    "--smtp-port", Integer.toString(smtp.port()), "--dnsbl", "bl.test");
            assertThat(r.exitCode()).isEqualTo(Cli.OK);
            assertThat(r.out()).contains("Live check of shop.example", "mx.shop.example",
                    "Mail server: Postfix (not detected, so fixes are written for Postfix; choose another with --mta)",
                    "[inbound-starttls/postfix]");
            assertNoStackTrace(r);
        }
    }

    @Test
    void checkWithAnUnreachableResolverFinishesWithinItsDeadline() throws Exception {
        CliRunner.Result r = cli.run("check", "shop.example", "--dns", "127.0.0.1:1", "--timeout", "0.5", "--json");
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        assertNoStackTrace(r);
        assertThat(r.millis()).as("well within a generous bound, not a hang").isLessThan(60_000);
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("checks").get(0).get("headline").asText()).contains("refused");
        assertThat(root.get("smtp").isNull()).isTrue();
        assertThat(root.get("findings")).isNotNull();
    }

    @Test
    void badDomainsAndBadNumbersAreReportedNotThrown() {
        CliRunner.Result r = cli.run("check", "bad domain!.example", "--dns", "127.0.0.1:1", "--timeout", "0.5");
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertNoStackTrace(r);
        r = cli.run("check", "shop.example", "--smtp-port", "99999");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--smtp-port must be between 1 and 65535");
        r = cli.run("check", "shop.example", "--timeout", "soon");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--timeout must be a number");
        r = cli.run("check", "shop.example", "--mta", "qmail", "--dns", "127.0.0.1:1");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.out()).isEmpty();
        assertNoStackTrace(r);
    }

    @Test
    void everyCommandHonoursTheExitCodes() {
        record Case(int exit, String... args) {
        }
        for (Case c : List.of(new Case(Cli.USAGE, "spf"),
                new Case(Cli.BAD_INPUT, "forecast", "--accept", "0", "--arrivals", "10"),
                new Case(Cli.USAGE, "forecast", "--accept", "many"),
                new Case(Cli.USAGE, "check"),
                new Case(Cli.USAGE, "analyze", "--json"),
                new Case(Cli.BAD_INPUT, "analyze", dir.resolve("missing.eml").toString()))) {
            CliRunner.Result r = cli.run(c.args());
            assertThat(r.exitCode()).as(String.join(" ", c.args())).isEqualTo(c.exit());
            assertNoStackTrace(r);
        }
    }
}
