package org.mailmedic.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mailmedic.engine.diagnosis.Diagnoser;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.report.JsonReportWriter;
import org.mailmedic.engine.report.ReportAssembler;
import org.mailmedic.engine.report.ReportFileException;
import org.mailmedic.engine.report.ReportModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Session throttlingSession(List<Path> files) throws Exception {
        EvidenceSet ev = new EvidenceAnalysis(CLOCK).analyze(files, p -> { }, () -> false);
        List<Finding> findings = new Diagnoser().diagnose(new DiagnosisInput("", ev, null, null));
        Forecast f = ReportAssembler.forecastFromLogs(ev.logs(), "postfix").orElseThrow();
        ReportModel report = ReportAssembler.assemble(new ReportAssembler.Input("", ev, findings, MailServer.POSTFIX,
                Map.of(), null, null, f), CLOCK);
        List<Session.FileRef> refs = new ArrayList<>();
        for (EvidenceFile e : ev.files()) {
            refs.add(Session.FileRef.of(e.path(), e.kind().label()));
        }
        Forecast.Inputs i = f.inputs();
        return Session.of(CLOCK.instant(), report.domain(), refs, findings, "postfix",
                Map.of("throttling", new Session.VerifyRecord("failed", "btinternet.com still answers 421",
                        List.of("maillog:7000 421 Too many messages"), CLOCK.instant())),
                new Session.ForecastInputs(f.destination(), i.arrivalsPerDay(), i.limit(), i.limitKind(), i.policy(),
                        i.lifetimeDays(), i.horizonDays(), i.backlog()), report);
    }

    @Test
    void aSessionSavedBeforeTheScreensWereKeptStillOpens() throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId("throttling").orElseThrow(), dir);
        Path out = dir.resolve("old.json");
        SessionStore.save(throttlingSession(files), out);
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                org.mailmedic.engine.report.Json.mapper().readTree(out.toFile());
        tree.remove(List.of("mailServerDetected", "fixProgress", "live", "forecast"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("forecastInputs"))
                .remove(List.of("typed", "hourProfile", "fromLogs"));
        Files.writeString(out, tree.toString());

        Session s = SessionStore.load(out).session();
        assertThat(s.mailServerDetected()).isFalse();
        assertThat(s.fixProgress()).isEmpty();
        assertThat(s.live()).isNull();
        assertThat(s.forecast()).isNull();
        assertThat(s.forecastInputs().typed()).isEmpty();
        assertThat(s.forecastInputs().fromLogs()).isEmpty();
        assertThat(s.forecastInputs().destination()).isEqualTo("btinternet.com");
        assertThat(s.verify()).containsKey("throttling");
    }

    @Test
    void aSessionRoundTripsWithItsEvidenceFilesUnchanged() throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId("throttling").orElseThrow(), dir);
        Session s = throttlingSession(files);
        Path out = dir.resolve("case.mailmedic.json");
        SessionStore.save(s, out);
        assertThat(Files.readString(out)).contains("\"schemaVersion\" : 1", "\"type\" : \"mailmedic-session\"");

        SessionStore.Loaded loaded = SessionStore.load(out);
        assertThat(loaded.session()).isEqualTo(s);
        assertThat(loaded.session().findings()).extracting(Finding::kind).contains("throttling");
        assertThat(loaded.session().report().forecast().destination()).isEqualTo("btinternet.com");
        assertThat(loaded.files()).extracting(SessionStore.FileCheck::state).containsOnly(SessionStore.FileState.SAME);
        assertThat(loaded.usableFiles()).hasSize(files.size());
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void aChangedOrMissingEvidenceFileIsFlaggedNotFatal() throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId("throttling").orElseThrow(), dir);
        Session s = throttlingSession(files);
        Path out = dir.resolve("s.json");
        SessionStore.save(s, out);
        Path log = files.stream().filter(p -> p.getFileName().toString().equals("maillog")).findFirst().orElseThrow();
        Files.writeString(log, "\nappended\n", java.nio.file.StandardOpenOption.APPEND);
        Path eml = files.stream().filter(p -> p.toString().endsWith(".eml")).findFirst().orElseThrow();
        Files.delete(eml);

        SessionStore.Loaded loaded = SessionStore.load(out);
        assertThat(loaded.session().findings()).isEqualTo(s.findings());
        assertThat(loaded.files()).extracting(SessionStore.FileCheck::state)
                .containsExactlyInAnyOrder(SessionStore.FileState.CHANGED, SessionStore.FileState.MISSING);
        assertThat(loaded.warnings()).anyMatch(w -> w.contains("maillog has changed") && w.contains("checksum"))
                .anyMatch(w -> w.contains(".eml is no longer there"));
        assertThat(loaded.usableFiles()).isEmpty();
    }

    @Test
    void anUnknownSchemaVersionIsRefusedWithAClearMessage() throws Exception {
        Path f = dir.resolve("future.json");
        Files.writeString(f, "{\"schemaVersion\": 7, \"type\": \"mailmedic-session\", \"files\": []}");
        assertThatThrownBy(() -> SessionStore.load(f)).isInstanceOf(ReportFileException.class)
                .hasMessageContaining("session schema version 7").hasMessageContaining("Update MailMedic");
    }

    @Test
    void aReportOrGarbageIsNotASession() throws Exception {
        Path report = dir.resolve("report.json");
        JsonReportWriter.write(ReportModel.builder("example.com").build(), report);
        assertThatThrownBy(() -> SessionStore.load(report)).hasMessageContaining("looks like an exported report");
        Path junk = Files.write(dir.resolve("junk.json"), new byte[] {0, 1, 2, (byte) 0xff});
        assertThatThrownBy(() -> SessionStore.load(junk)).isInstanceOf(ReportFileException.class)
                .hasMessageContaining("not a MailMedic session");
        assertThatThrownBy(() -> SessionStore.load(dir.resolve("none.json"))).hasMessageContaining("no such file");
    }

    @Test
    void aFailedSaveLeavesNoFileBehind() throws Exception {
        Path out = dir.resolve("missing").resolve("s.json");
        assertThatThrownBy(() -> SessionStore.save(Session.of(CLOCK.instant(), "", List.of(), List.of(), null,
                Map.of(), null, null), out)).isInstanceOf(ReportFileException.class).hasMessageContaining("does not exist");
        assertThat(dir.resolve("missing")).doesNotExist();
    }
}
