package org.mailmedic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailmedic.engine.Version;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.engine.report.Json;

class CliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(run("--version")).isEqualTo(Cli.OK);
        assertThat(out()).startsWith("MailMedic ").contains(Version.get());
        assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsEveryContractCommand() {
        assertThat(run("--help")).isEqualTo(Cli.OK);
        assertThat(out()).contains("analyze FILE...", "check DOMAIN", "spf IP SENDER", "forecast", "report FILE...");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("unknown command 'frobnicate'");
    }

    @Test
    void analyzeWithoutFilesIsAUsageError() {
        assertThat(run("analyze")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("name at least one file");
    }

    @Test
    void analyzeRejectsUnknownOptions() {
        assertThat(run("analyze", "--jsno", "x.eml")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("unknown option --jsno");
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

        assertThat(run(args)).isEqualTo(Cli.OK);
        JsonNode root = Json.mapper().readTree(out());
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
        assertThat(run("analyze", empty.toString(), missing.toString())).isEqualTo(Cli.BAD_INPUT);
        assertThat(err()).contains("empty.eml is empty").contains("gone.log does not exist");
        assertThat(err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "spf", "report"})
    void commandsNotBuiltYetSaySoWithExitCode2(String command) {
        assertThat(run(command, "x")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("not available yet");
    }
}
