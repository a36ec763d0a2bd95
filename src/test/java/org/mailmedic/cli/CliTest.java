package org.mailmedic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.Version;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.engine.report.Json;
import org.mailmedic.testing.CliRunner;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;

class CliTest {

    private final CliRunner cli = new CliRunner();

    @Test
    void versionPrintsTheProjectVersion() {
        CliRunner.Result r = cli.run("--version");
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        assertThat(r.out()).startsWith("MailMedic ").contains(Version.get());
        assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsEveryContractCommand() {
        CliRunner.Result r = cli.run("--help");
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        assertThat(r.out()).contains("analyze FILE...", "check DOMAIN", "spf IP SENDER", "forecast", "report FILE...");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRunner.Result r = cli.run("frobnicate");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("unknown command 'frobnicate'");
    }

    @Test
    void analyzeWithoutFilesIsAUsageError() {
        CliRunner.Result r = cli.run("analyze");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("name at least one file");
    }

    @Test
    void analyzeRejectsUnknownOptions() {
        CliRunner.Result r = cli.run("analyze", "--jsno", "x.eml");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("unknown option --jsno");
    }

    @Test
    void analyzeJsonReportsEachSampleFileKind(@TempDir Path dir) throws Exception {
        List<Path> throttling = SampleCases.extract(SampleCases.byId("throttling").orElseThrow(), dir.resolve("t"));
        List<Path> starttls = SampleCases.extract(SampleCases.byId("starttls").orElseThrow(), dir.resolve("s"));
        String[] args = new String[throttling.size() + starttls.size() + 2];
        args[0] = "analyze";
        int i = 1;
        for (Path p : throttling) {
            args[i++] = p.toString();
        }
        for (Path p : starttls) {
            args[i++] = p.toString();
        }
        args[i] = "--json";

        CliRunner.Result r = cli.run(args);
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("files")).hasSize(args.length - 2);
        for (JsonNode f : root.get("files")) {
            String name = Path.of(f.get("file").asText()).getFileName().toString();
            String expected = switch (name) {
                case "maillog" -> f.get("file").asText().contains("/t/") ? "postfix_log" : "sendmail_log";
                default -> "bounce";
            };
            assertThat(f.get("kind").asText()).as(name).isEqualTo(expected);
            assertThat(f.get("problem").isNull()).isTrue();
            assertThat(f.get("sha256").asText()).hasSize(64);
        }
    }

    @Test
    void analyzeNamesAFileThatCannotBeUsedAndFailsWithExitCode1(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.eml"));
        Path missing = dir.resolve("gone.log");
        CliRunner.Result r = cli.run("analyze", empty.toString(), missing.toString());
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("empty.eml is empty").contains("gone.log does not exist");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void checkPrintsOneJsonDocumentWithEveryDnsCheck() throws Exception {
        try (DnsTestServer dns = DnsTestServer.start(new Zone().text("""
                shop.example. MX 10 mx.shop.example.
                mx.shop.example. A 8.8.4.4
                shop.example. TXT "v=spf1 mx -all"
                _dmarc.shop.example. TXT "v=DMARC1; p=reject"
                """))) {
            CliRunner.Result r = cli.run("check", "shop.example", "--dns", dns.hostPort(), "--timeout", "3",
                    "--smtp-port", "2525", "--no-smtp", "--json");
            assertThat(r.exitCode())
                    .isEqualTo(Cli.OK);
            JsonNode root = Json.mapper().readTree(r.out());
            assertThat(root.get("domain").asText()).isEqualTo("shop.example");
            assertThat(root.get("resolver").asText()).contains(dns.hostPort());
            assertThat(root.get("checks")).hasSize(7);
            assertThat(root.get("checks").get(0).get("status").asText()).isEqualTo("PASS");
            assertThat(root.get("checks").get(3).get("headline").asText()).contains("p=reject");
        }
    }

    @Test
    void checkTextShowsEachRowWithItsMark() throws Exception {
        try (DnsTestServer dns = DnsTestServer.start(new Zone().text("nomail.example. A 8.8.8.8"))) {
            CliRunner.Result r = cli.run("check", "nomail.example", "--dns", dns.hostPort(), "--timeout", "3",
                    "--no-smtp");
            assertThat(r.exitCode()).isEqualTo(Cli.OK);
            assertThat(r.out()).contains("Live check of nomail.example",
                    "[warn]  Mail servers (MX): nomail.example has no MX record", "[warn]  SPF:", "Overall: WARN");
        }
    }

    @Test
    void checkRejectsAnInvalidDomainWithExitCode1() {
        CliRunner.Result r = cli.run("check", "exa mple.com", "--dns", "127.0.0.1:9");
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("not a domain name").doesNotContain("Exception");
    }

    @Test
    void checkRejectsADnsServerThatIsNotAnAddress() {
        CliRunner.Result r = cli.run("check", "example.com", "--dns", "dns.example.net");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--dns: 'dns.example.net' is not an IP address");
    }

    @Test
    void spfPrintsTheResultAndTheTraceAsATree() throws Exception {
        try (DnsTestServer dns = DnsTestServer.start(new Zone().text("""
                shop.example. TXT "v=spf1 include:_spf.esp.example -all"
                _spf.esp.example. TXT "v=spf1 ip4:192.0.2.0/24 ~all"
                """))) {
            CliRunner.Result r = cli.run("spf", "198.51.100.7", "boss@shop.example", "--helo", "mail.shop.example",
                    "--dns", dns.hostPort());
            assertThat(r.exitCode())
                    .isEqualTo(Cli.OK);
            assertThat(r.out()).contains("SPF result: fail", "DNS lookups: 1/10", "Trace:",
                    "  check_host(198.51.100.7, shop.example) => fail",
                    "      - include:_spf.esp.example => no match (included policy: softfail)  [lookups 1/10]",
                    "          - check_host(198.51.100.7, _spf.esp.example) => softfail",
                    "      - -all => match → fail");
        }
    }

    @Test
    void spfJsonHasTheResultAndTrace() throws Exception {
        try (DnsTestServer dns = DnsTestServer.start(new Zone().text("shop.example. TXT \"v=spf1 ip4:192.0.2.0/24 -all\""))) {
            CliRunner.Result r = cli.run("spf", "192.0.2.9", "shop.example", "--dns", dns.hostPort(), "--json");
            assertThat(r.exitCode()).isEqualTo(Cli.OK);
            JsonNode root = Json.mapper().readTree(r.out());
            assertThat(root.get("result").asText()).isEqualTo("PASS");
            assertThat(root.get("trace").get("children").get(0).get("label").asText()).isEqualTo("ip4:192.0.2.0/24");
        }
    }

    @Test
    void spfRejectsANonAddress() {
        CliRunner.Result r = cli.run("spf", "mail.example.com", "a@example.com", "--dns", "127.0.0.1:9");
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("'mail.example.com' is not an IP address");
    }
}
