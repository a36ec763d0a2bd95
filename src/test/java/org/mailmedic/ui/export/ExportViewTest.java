package org.mailmedic.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.diagnosis.Diagnoser;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.ui.App;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ExportViewTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;

    private ExecutorService executor;
    private ExportViewModel model;
    private static ReportSource.Snapshot snapshot;

    /** The sample is read once; each export then maps, lays out and writes it (the evidence comes analysed). */
    @BeforeAll
    static void readSample() throws Exception {
        List<Path> paths = SampleCases.extract(SampleCases.byId("throttling").orElseThrow(),
                Files.createTempDirectory(dir, "case"));
        EvidenceSet ev = new EvidenceAnalysis(CLOCK).analyze(paths, p -> { }, () -> false);
        List<Finding> findings = new Diagnoser().diagnose(new DiagnosisInput("", ev, null, null));
        snapshot = new ReportSource.Snapshot("", ev.files(), ev, findings, MailServer.POSTFIX, Map.of(), null, null, null);
    }

    @Start
    void start(Stage stage) throws Exception {
        executor = App.newExecutor();
        model = new ExportViewModel(executor, () -> snapshot, CLOCK);
        stage.setScene(new Scene((javafx.scene.Parent) new ExportView(model, stage).root(), 1000, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static <T> T await(FxRobot robot, AtomicReference<Task<T>> task) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> task.get() != null && task.get().isDone());
        WaitForAsyncUtils.waitForFxEvents();
        return task.get().get();
    }

    @Test
    void previewsTheFirstPageThenExportsAPdfAndOffersToOpenIt(FxRobot robot) throws Exception {
        AtomicReference<Task<byte[]>> preview = new AtomicReference<>();
        robot.interact(() -> preview.set(model.refreshPreview()));
        byte[] png = await(robot, preview);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(robot.lookup("#preview").queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(model.destinations()).contains("btinternet.com");
        assertThat(robot.lookup("#openPdf").queryAs(Button.class).isVisible()).isFalse();

        Path pdf = dir.resolve("report.pdf");
        AtomicReference<Task<Path>> export = new AtomicReference<>();
        robot.interact(() -> export.set(model.exportPdf(pdf)));
        assertThat(await(robot, export)).isEqualTo(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", " "))
                    .containsSubsequence("harbourbooks.co.uk", "btinternet.com accepts only about 48", "Queue forecast");
        }
        assertThat(robot.lookup("#openPdf").queryAs(Button.class).isVisible()).isTrue();
        assertThat(robot.lookup("#exportStatus").queryAs(Label.class).getText()).contains("Saved").contains("report.pdf");
    }

    @Test
    void aProviderPackWithRedactionKeepsOnlyThatDestinationAndHidesAddresses(FxRobot robot) throws Exception {
        AtomicReference<Task<byte[]>> preview = new AtomicReference<>();
        robot.interact(() -> preview.set(model.refreshPreview()));
        await(robot, preview);
        robot.clickOn("#redact");
        robot.clickOn("#variantPack");
        assertThat(robot.lookup("#variantPack").queryAs(RadioButton.class).isSelected()).isTrue();
        assertThat(model.destinationProperty().get()).isEqualTo("btinternet.com");

        Path json = dir.resolve("pack.json");
        AtomicReference<Task<Path>> export = new AtomicReference<>();
        robot.interact(() -> export.set(model.exportJson(json)));
        await(robot, export);
        String text = Files.readString(json);
        assertThat(text).contains("btinternet.com").doesNotContain("quillon-distribution.co.uk greylists")
                .doesNotContain("hbooks.falmouth@");
    }

    @Test
    void aFailedWriteSaysWhyAndLeavesNoFile(FxRobot robot) throws Exception {
        Path pdf = dir.resolve("no-such-folder").resolve("r.pdf");
        AtomicReference<Task<Path>> export = new AtomicReference<>();
        robot.interact(() -> export.set(model.exportPdf(pdf)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> export.get() != null && export.get().isDone());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#exportStatus").queryAs(Label.class).getText())
                .startsWith("The PDF was not saved").contains("does not exist");
        assertThat(pdf).doesNotExist();
        assertThat(robot.lookup("#openPdf").queryAs(Button.class).isVisible()).isFalse();
    }
}
