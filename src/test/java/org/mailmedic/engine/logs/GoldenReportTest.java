package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mailmedic.cli.Cli;
import org.mailmedic.engine.report.Json;
import org.mailmedic.testing.CliRunner;

/**
 * The text report of {@code mailmedic analyze LOG} compared with golden files
 * ({@code logs/golden/NAME.expected}). Refresh on purpose only: run with
 * {@code -Dgolden.update=true} and review the diff before committing.
 */
class GoldenReportTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        CliRunner.Result r = new CliRunner().run(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Cli.OK);
        return r.out();
    }

    /** Copies a resource next to the others with a fixed modification time (syslog years come from it). */
    private Path copy(String resource) throws IOException {
        Path src = CorpusTest.resource(resource);
        Path dst = dir.resolve(src.getFileName().toString());
        Files.copy(src, dst);
        Files.setLastModifiedTime(dst, FileTime.from(Instant.parse("2026-11-30T00:00:00Z")));
        return dst;
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            sendmail/starttls-no-shared-cipher.log, sendmail-starttls
            postfix/maillogger-maillog.log,          postfix-maillogger
            exchange/MSGTRK2026112308-1.LOG,         exchange-tracking
            exim/exim-testsuite-0217.log,            exim-0217
            """)
    void textReportMatchesGoldenFile(String resource, String golden) throws IOException {
        Path log = copy(resource);
        String text = run("analyze", log.toString()).replace(dir.toString() + java.io.File.separator, "");
        Path expected = Path.of("src/test/resources/logs/golden/" + golden + ".expected");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, text, StandardCharsets.UTF_8);
        }
        assertThat(text).isEqualTo(Files.readString(CorpusTest.resource("golden/" + golden + ".expected"),
                StandardCharsets.UTF_8));
    }

    @Test
    void jsonHasALogsObjectBesideTheFilesArray() throws IOException {
        Path a = copy("sendmail/starttls-no-shared-cipher.log");
        Path b = copy("postfix/maillogger-maillog.log");
        JsonNode root = Json.mapper().readTree(run("analyze", a.toString(), b.toString(), "--json"));
        assertThat(root.get("files")).hasSize(2);
        JsonNode logs = root.get("logs");
        assertThat(logs.get("files")).hasSize(2);
        assertThat(logs.get("tlsInbound").get(0).get("peer").asText()).isEqualTo("mail-yw1-f41.google.com [209.85.211.41]");
        assertThat(logs.get("throttles").get(0).get("destination").asText()).isEqualTo("isp-mail.example");
        assertThat(logs.get("destinations").size()).isEqualTo(6);
        assertThat(logs.get("queue").get("recipients").asInt()).isEqualTo(3);
        assertThat(logs.get("arrivals").get(0).get("byHourOfDay")).hasSize(24);
    }
}
