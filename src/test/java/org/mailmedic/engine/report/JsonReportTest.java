package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.report.ReportModel.BounceExcerpt;
import org.mailmedic.engine.report.ReportModel.Finding;

class JsonReportTest {

    @TempDir
    Path dir;

    @Test
    void throttlingReportRoundTripsExactly() throws IOException {
        ReportModel model = ReportFixtures.throttling();
        Path json = dir.resolve("r.json");
        JsonReportWriter.write(model, json);
        assertThat(JsonReportReader.read(json)).isEqualTo(model);
    }

    @Test
    void starttlsReportRoundTripsExactly() throws IOException {
        Path json = dir.resolve("r.json");
        JsonReportWriter.write(ReportFixtures.starttls(), json);
        assertThat(JsonReportReader.read(json)).isEqualTo(ReportFixtures.starttls());
    }

    @Test
    void documentIsVersionedAndTypesItsEvidence() throws IOException {
        Path json = dir.resolve("r.json");
        JsonReportWriter.write(ReportFixtures.throttling(), json);
        JsonNode tree = Json.mapper().readTree(json.toFile());
        assertThat(tree.get("schemaVersion").intValue()).isEqualTo(1);
        assertThat(tree.get("generatedAt").textValue()).isEqualTo("2026-11-27T10:00:00Z");
        JsonNode f1 = tree.get("findings").get(0);
        assertThat(f1.get("severity").textValue()).isEqualTo("blocking");
        assertThat(f1.get("evidence").get(0).get("kind").textValue()).isEqualTo("log");
        assertThat(f1.get("evidence").get(0).get("line").longValue()).isEqualTo(10412);
        assertThat(f1.get("fix").get("verify").get("lastResult").textValue()).isEqualTo("fail");
        assertThat(tree.get("findings").get(1).get("evidence").get(1).get("kind").textValue()).isEqualTo("bounce");
        assertThat(tree.get("forecast").get("series").get(13).get("backlog").doubleValue()).isEqualTo(355.0);
    }

    @Test
    void hostileTextSurvivesExceptBrokenSurrogates() throws IOException {
        ReportModel model = HostileText.model();
        Path json = dir.resolve("h.json");
        JsonReportWriter.write(model, json);
        ReportModel back = JsonReportReader.read(json);
        Finding f = back.findings().get(0);
        assertThat(f.headline()).isEqualTo(model.findings().get(0).headline());
        assertThat(f.impact()).isEqualTo("Impact: lone high \uFFFD end, lone low \uFFFD end, pair \uD83D\uDE00 ok");
        assertThat(f.evidence().get(5).text()).isEqualTo(HostileText.LONG_TOKEN);
        BounceExcerpt bounce = f.evidence().stream().filter(BounceExcerpt.class::isInstance)
                .map(BounceExcerpt.class::cast).findFirst().orElseThrow();
        assertThat(bounce.recipient()).isEqualTo("用户@例子.广告");
    }

    @Test
    void redactedJsonUsesTheSamePseudonymsAsThePdf() throws IOException {
        Path json = dir.resolve("r.json");
        JsonReportWriter.write(ReportFixtures.throttling(), json, true);
        String text = Files.readString(json);
        assertThat(text).doesNotContain("jane.doe").doesNotContain("Invoice 4471").contains("user1@btinternet.com");
        assertThat(JsonReportReader.read(json)).isEqualTo(Redactor.redactModel(ReportFixtures.throttling()));
    }

    @Test
    void refusesWhatItCannotRead() throws IOException {
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, "{\"schemaVersion\": 2, \"findings\": []}");
        assertThatThrownBy(() -> JsonReportReader.read(newer)).isInstanceOf(ReportFileException.class)
                .hasMessageContaining(newer.toString()).hasMessageContaining("schema version 2");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "[1,2,3]");
        assertThatThrownBy(() -> JsonReportReader.read(other)).hasMessageContaining("not a MailMedic report");
        Path broken = dir.resolve("broken.json");
        Files.write(broken, "{\"schemaVersion\": 1, \"findings\": [".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> JsonReportReader.read(broken)).hasMessageContaining(broken.toString())
                .hasMessageContaining("not valid JSON");
        Path badSeverity = dir.resolve("bad.json");
        Files.writeString(badSeverity, "{\"schemaVersion\": 1, \"findings\": [{\"severity\": \"apocalyptic\"}]}");
        assertThatThrownBy(() -> JsonReportReader.read(badSeverity)).hasMessageContaining("damaged");
        assertThatThrownBy(() -> JsonReportReader.read(dir.resolve("missing.json"))).hasMessageContaining("no such file");
    }

    @Test
    void readsDocumentsWithFieldsAddedLaterInTheSameVersion() throws IOException {
        Path json = dir.resolve("r.json");
        JsonReportWriter.write(ReportFixtures.starttls(), json);
        String text = Files.readString(json).replaceFirst("\\{", "{\"addedLater\": {\"x\": 1},");
        Files.writeString(json, text);
        assertThat(JsonReportReader.read(json).domain()).isEqualTo("kanzlei-müller.example");
    }
}
