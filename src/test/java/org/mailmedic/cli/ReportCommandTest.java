package org.mailmedic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.engine.report.Json;
import org.mailmedic.engine.report.JsonReportReader;
import org.mailmedic.engine.report.JsonReportWriter;
import org.mailmedic.engine.report.ReportModel;
import org.mailmedic.testing.CliRunner;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    private final CliRunner cli = new CliRunner();

    @TempDir
    Path dir;

    private List<String> sample(String id) throws IOException {
        Path d = Files.createDirectories(dir.resolve(id));
        return SampleCases.extract(SampleCases.byId(id).orElseThrow(), d).stream().map(Path::toString).toList();
    }

    private String[] args(List<String> files, String... more) {
        List<String> a = new ArrayList<>();
        a.add("report");
        a.addAll(files);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    @Test
    void throttlingCaseGivesAPdfWithTheKeyFactsInOrderAndAJsonThatRoundTrips() throws Exception {
        Path pdf = dir.resolve("throttling.pdf");
        Path json = dir.resolve("throttling.json");
        CliRunner.Result r = cli.run(args(sample("throttling"), "--pdf", pdf.toString(), "--json", json.toString()));
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        assertThat(r.err()).isEmpty();

        String t = text(pdf);
        assertThat(t).containsSubsequence("harbourbooks.co.uk", "Mail is failing", "btinternet.com accepts only about 48",
                "Never drains for btinternet.com", "Evidence", "421 Too many messages",
                "How to fix it: Pace mail to btinternet.com in Postfix", "Check that it worked", "Queue forecast",
                "Accepted by btinternet.com 48 per rolling 24 hours", "Files analysed", "bounce-expired.eml", "maillog");

        JsonNode root = Json.mapper().readTree(json.toFile());
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("domain").asText()).isEqualTo("harbourbooks.co.uk");
        ReportModel read = JsonReportReader.read(json);
        assertThat(read.findings()).isNotEmpty();
        assertThat(read.findings().get(0).destination()).isEqualTo("btinternet.com");
        assertThat(read.findings().get(0).fix().title()).contains("Pace mail to btinternet.com");
        assertThat(read.forecast().destination()).isEqualTo("btinternet.com");
        assertThat(read.appendix().files()).extracting(ReportModel.AnalysedFile::sha256).allMatch(s -> s.length() == 64);
        Path again = dir.resolve("again.json");
        JsonReportWriter.write(read, again);
        assertThat(Json.mapper().readTree(again.toFile())).isEqualTo(root);
    }

    @Test
    void starttlsCaseNamesTheHandshakeFailureAndTheSendmailFix() throws Exception {
        Path pdf = dir.resolve("starttls.pdf");
        CliRunner.Result r = cli.run(args(sample("starttls"), "--pdf", pdf.toString()));
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        String t = text(pdf);
        assertThat(t).containsSubsequence("kestrel-design.co.uk", "Mail is failing", "no shared cipher",
                "How to fix it: Give Sendmail a certificate", "gmail-bounce.eml");
    }

    @Test
    void aLiveCheckLandsInThePdfTables() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (DnsTestServer dns = DnsTestServer.start(new Zone().text("""
                shop.example. MX 10 mx.shop.example.
                mx.shop.example. A 127.0.0.1
                shop.example. TXT "v=spf1 mx -all"
                _dmarc.shop.example. TXT "v=DMARC1; p=reject"
                """))) {
            Path pdf = dir.resolve("live.pdf");
            Path json = dir.resolve("live.json");
            CliRunner.Result r = cli.run(args(sample("throttling"), "--check", "shop.example", "--dns", dns.hostPort(),
                    "--timeout", "2", "--smtp-port", Integer.toString(closedPort), "--pdf", pdf.toString(), "--json", json.toString()));
            assertThat(r.exitCode()).isEqualTo(Cli.OK);
            String t = text(pdf);
            assertThat(t).containsSubsequence("shop.example", "Live check", "DNS checks of shop.example",
                    "Mail servers (MX)", "p=reject", "Mail servers of shop.example", "mx.shop.example", "127.0.0.1");
            ReportModel m = JsonReportReader.read(json);
            assertThat(m.domain()).isEqualTo("shop.example");
            assertThat(m.checks()).extracting(ReportModel.CheckSection::title)
                    .contains("DNS checks of shop.example", "Mail servers of shop.example");
            assertThat(m.checks()).filteredOn(c -> c.tree() != null).isNotEmpty();
        }
    }

    @Test
    void aWriteThatCannotHappenFailsCleanlyAndLeavesNoFile() throws Exception {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        Path pdf = notADir.resolve("report.pdf");
        CliRunner.Result r = cli.run(args(sample("throttling"), "--pdf", pdf.toString()));
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("mailmedic report: Cannot write").contains("report.pdf").doesNotContain("Exception");
        assertThat(Files.readString(notADir)).isEqualTo("x");
    }

    @Test
    void aReadOnlyFolderFailsCleanlyAndLeavesNothingBehind() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root ignores permissions: nothing to test there
            assumeFalse(Files.isWritable(ro), "running as a user who can write anywhere");
            List<String> files = sample("throttling");
            CliRunner.Result r = cli.run(args(files, "--pdf", ro.resolve("r.pdf").toString()));
            assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
            assertThat(r.err()).contains("Cannot write").doesNotContain("Exception");
            try (Stream<Path> s = Files.list(ro)) {
                assertThat(s).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aJsonWriteFailureIsReportedAfterThePdfWasWritten() throws Exception {
        Path pdf = dir.resolve("ok.pdf");
        Path json = dir.resolve("missing-folder").resolve("r.json");
        CliRunner.Result r = cli.run(args(sample("starttls"), "--pdf", pdf.toString(), "--json", json.toString()));
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("r.json").contains("does not exist");
        assertThat(pdf).exists();
        assertThat(json).doesNotExist();
    }

    @Test
    void redactionHidesLocalPartsAndSubjects() throws Exception {
        Path pdf = dir.resolve("r.pdf");
        Path json = dir.resolve("r.json");
        CliRunner.Result r = cli.run(args(sample("throttling"), "--pdf", pdf.toString(), "--json", json.toString(),
                "--redact"));
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        String t = text(pdf);
        assertThat(t).contains("btinternet.com").doesNotContain("hbooks.falmouth@").doesNotContain("HB-10482");
        assertThat(Files.readString(json)).doesNotContain("hbooks.falmouth@").doesNotContain("HB-10482");
    }

    @Test
    void aProviderPackKeepsOnlyTheDestinationsFindings() throws Exception {
        Path pdf = dir.resolve("pack.pdf");
        Path json = dir.resolve("pack.json");
        CliRunner.Result r = cli.run(args(sample("throttling"), "--pdf", pdf.toString(), "--json", json.toString(),
                "--provider-pack", "btinternet.com"));
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        ReportModel m = JsonReportReader.read(json);
        assertThat(m.findings()).isNotEmpty().allMatch(f -> "btinternet.com".equals(f.destination()));
        assertThat(text(pdf)).contains("btinternet.com").doesNotContain("quillon-distribution.co.uk greylists");
    }

    @Test
    void aProviderPackForADestinationWithoutFindingsIsBadInput() throws Exception {
        Path pdf = dir.resolve("pack.pdf");
        CliRunner.Result r = cli.run(args(sample("throttling"), "--pdf", pdf.toString(), "--provider-pack", "gmail.com"));
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("No finding in this report concerns gmail.com");
        assertThat(pdf).doesNotExist();
    }

    @Test
    void wrongArgumentsAreUsageErrors() throws Exception {
        List<String> files = sample("starttls");
        CliRunner.Result r = cli.run(args(files));
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--pdf OUT.pdf");
        r = cli.run("report", "--pdf", dir.resolve("x.pdf").toString());
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        r = cli.run(args(files, "--pdf", dir.resolve("x.pdf").toString(), "--mta", "qmail"));
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--mta must be");
        assertThat(dir.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void filesThatCannotBeUsedAreNamedAndNoReportIsWritten() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.eml"));
        Path pdf = dir.resolve("x.pdf");
        CliRunner.Result r = cli.run("report", empty.toString(), "--pdf", pdf.toString());
        assertThat(r.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("empty.eml is empty").contains("no report written");
        assertThat(pdf).doesNotExist();
    }
}
