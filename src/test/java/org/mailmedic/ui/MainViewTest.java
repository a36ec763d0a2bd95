package org.mailmedic.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.evidence.EvidenceKind;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.engine.diagnosis.Finding;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainViewTest {

    private ExecutorService executor;
    private MainView main;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        executor = App.newExecutor();
        main = new MainView(executor, stage);
        Scene scene = new Scene(main.root(), 1000, 700);
        scene.getStylesheets().add(App.class.getResource("/org/mailmedic/ui/mailmedic.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void firstScreenInvitesADrop(FxRobot robot) {
        Label title = robot.lookup(".drop-title").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo("Drop a bounce email or a mail server log here");
        assertThat(robot.lookup("#mainTabs").queryAs(javafx.scene.control.TabPane.class).getTabs())
                .extracting(t -> t.getText())
                .containsExactly("Evidence", "Findings", "Live check", "Forecast", "Export");
        assertThat(table(robot).getItems()).isEmpty();
    }

    @Test
    void openingASampleCaseFromTheFileMenuListsItsFiles(FxRobot robot) throws Exception {
        robot.clickOn("File");
        robot.clickOn("Open sample case");
        robot.clickOn("#sample-throttling");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
        List<EvidenceFile> rows = List.copyOf(table(robot).getItems());
        assertThat(rows).extracting(EvidenceFile::name).containsExactly("bounce-expired.eml", "maillog");
        assertThat(rows).extracting(EvidenceFile::kind).containsExactly(EvidenceKind.BOUNCE, EvidenceKind.POSTFIX_LOG);
        assertThat(rows).allMatch(EvidenceFile::usable);
        // One analysis of the evidence then feeds the findings (worst first), the forecast and the detail pane.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !main.findings().findings().isEmpty()
                && !main.evidence().busyProperty().get());
        assertThat(robot.lookup("#evidenceStatus").queryAs(Label.class).getText())
                .startsWith("Added 2 files. Read 1 bounced recipient and ");
        Finding first = main.findings().findings().get(0);
        assertThat(first.kind()).isEqualTo("throttling");
        assertThat(first.subject()).isEqualTo("btinternet.com");
        javafx.scene.control.TabPane tabs = robot.lookup("#mainTabs").queryAs(javafx.scene.control.TabPane.class);
        assertThat(tabs.getTabs().get(1).getText()).isEqualTo("Findings (" + main.findings().findings().size() + ")");
        assertThat(main.check().domainProperty().get()).isEqualTo("harbourbooks.co.uk");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> main.forecast().viewModel().verdictProperty().get().toLowerCase(java.util.Locale.ROOT).contains("never drains"));
        assertThat(main.forecast().viewModel().destinationProperty().get()).isEqualTo("btinternet.com");
        // The log is selected and its summary shown, most troubled destination first.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".log-destinations").tryQuery().isPresent());
        assertThat(table(robot).getSelectionModel().getSelectedItem().name()).isEqualTo("maillog");
    }

    @Test
    void theStarttlsSampleLeadsToTheInboundStarttlsFinding(FxRobot robot) throws Exception {
        robot.interact(() -> main.openSample(SampleCases.all().stream().filter(c -> c.id().equals("starttls"))
                .findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !main.findings().findings().isEmpty()
                && !main.evidence().busyProperty().get());
        assertThat(main.findings().findings()).extracting(Finding::kind).contains("inbound-starttls");
        assertThat(main.check().domainProperty().get()).isEqualTo("kestrel-design.co.uk");
        // Selecting the bounce shows its card.
        robot.interact(() -> table(robot).getSelectionModel().select(0));
        assertThat(table(robot).getSelectionModel().getSelectedItem().kind().isMessage()).isTrue();
        assertThat(robot.lookup("#bounceCards").tryQuery()).isPresent();
    }

    @Test
    void theLiveCheckOffersTheDomainTheDroppedEvidenceNamesAndSaysWhereItWasRead(FxRobot robot) throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId("starttls").orElseThrow(), dir.resolve("starttls"));
        drop(robot, robot.lookup("#dropZone").query(), files.stream().map(Path::toFile).toList());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !main.findings().findings().isEmpty()
                && !main.evidence().busyProperty().get());
        TabSelection.select(robot, main.root(), "checkTab");
        javafx.scene.control.TextField field = robot.lookup("#checkDomain").queryAs(javafx.scene.control.TextField.class);
        Label source = robot.lookup("#checkDomainSource").queryAs(Label.class);
        assertThat(field.getText()).isEqualTo("kestrel-design.co.uk");
        assertThat(source.isVisible()).isTrue();
        assertThat(source.getText()).isEqualTo("Filled in from gmail-bounce.eml (recipient anna@kestrel-design.co.uk)."
                + " Type another domain to check that one instead.");

        // What the user types wins, and the note goes.
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write("shop.example");
        assertThat(field.getText()).isEqualTo("shop.example");
        assertThat(source.isVisible()).isFalse();
    }

    @Test
    void droppingFilesOnTheDropZoneAddsThemWithTheirKinds(FxRobot robot) throws Exception {
        Path log = Files.writeString(dir.resolve("mail.log"),
                "Nov 23 08:14:03 mail postfix/smtp[1135]: 4F2A81C0A3B: to=<a@example.net>, relay=none, delay=1,"
                        + " delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to example.net[192.0.2.1]:25: Connection timed out)\n",
                StandardCharsets.UTF_8);
        Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {0, 1, 2, 3, 0, 0, 7});
        drop(robot, robot.lookup("#dropZone").query(), List.of(log.toFile(), junk.toFile()));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
        List<EvidenceFile> rows = List.copyOf(table(robot).getItems());
        assertThat(rows.get(0).name()).isEqualTo("mail.log");
        assertThat(rows.get(0).kind()).isEqualTo(EvidenceKind.POSTFIX_LOG);
        assertThat(rows.get(1).name()).isEqualTo("junk.bin");
        assertThat(rows.get(1).usable()).isFalse();
        assertThat(rows.get(1).problem()).contains("binary file");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !main.evidence().busyProperty().get());
        assertThat(robot.lookup("#evidenceStatus").queryAs(Label.class).getText())
                .startsWith("Added 2 files; 1 could not be used (see the list).");
    }

    @Test
    void droppingTheSameFileTwiceListsItOnce(FxRobot robot) throws Exception {
        Path log = Files.writeString(dir.resolve("maillog"), "Nov 23 08:14:03 mail postfix/qmgr[9]: ABC123: removed\n");
        Node zone = robot.lookup("#dropZone").query();
        drop(robot, zone, List.of(log.toFile()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        drop(robot, zone, List.of(log.toFile()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#evidenceStatus").queryAs(Label.class).getText().contains("already in the list"));
        assertThat(table(robot).getItems()).hasSize(1);
        // The analysis the first drop started ends before the executor is shut down (else its
        // follow-up is rejected, and TestFX reports that in the next test).
        waitUntilIdle();
    }

    @Test
    void filesOpenedFromOutsideArriveOnTheEvidenceTabAlsoWhileAnotherIsShown(FxRobot robot) throws Exception {
        Path eml = Files.writeString(dir.resolve("finder.eml"), "From: a@example.net\nSubject: hi\n\nbody\n");
        Path log = Files.writeString(dir.resolve("maillog"), "Nov 23 08:14:03 mail postfix/qmgr[9]: ABC123: removed\n");
        // Wired as App wires it; an inbox of its own so the process-wide one stays untouched.
        OpenFilesInbox inbox = new OpenFilesInbox();
        inbox.offer(List.of(eml)); // before the window exists (the event that launched the app)
        robot.interact(() -> inbox.attach(main::openWith, javafx.application.Platform::runLater));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);

        TabSelection.select(robot, main.root(), "forecastTab");
        inbox.offer(List.of(log)); // MailMedic already running, from a non-FX thread (this one)
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
        assertThat(table(robot).getItems()).extracting(EvidenceFile::name).containsExactly("finder.eml", "maillog");
        assertThat(robot.lookup("#mainTabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedItem().getId()).isEqualTo("evidenceTab");
        waitUntilIdle();
    }

    /**
     * Waits until the evidence is not busy, looking on the FX thread: between reading the files
     * and starting their analysis the FX thread briefly sets busy false, which a look from the
     * test thread can catch; the executor shut down then would refuse the analysis.
     */
    private void waitUntilIdle() throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> !main.evidence().busyProperty().get()).get());
    }

    /** Delivers DRAG_OVER then DRAG_DROPPED through the scene's event dispatch, as the OS would. */
    private static void drop(FxRobot robot, Node target, List<File> files) {
        robot.interact(() -> {
            Dragboard board = FakeDragboard.withFiles(files);
            Bounds b = target.localToScreen(target.getBoundsInLocal());
            Bounds s = target.localToScene(target.getBoundsInLocal());
            double x = s.getCenterX();
            double y = s.getCenterY();
            Event.fireEvent(target, new DragEvent(null, target, DragEvent.DRAG_OVER, board, x, y,
                    b.getCenterX(), b.getCenterY(), TransferMode.COPY, null, null, null));
            Event.fireEvent(target, new DragEvent(null, target, DragEvent.DRAG_DROPPED, board, x, y,
                    b.getCenterX(), b.getCenterY(), TransferMode.COPY, null, null, null));
        });
    }

    @SuppressWarnings("unchecked")
    private static TableView<EvidenceFile> table(FxRobot robot) {
        return robot.lookup("#evidenceTable").queryAs(TableView.class);
    }
}
