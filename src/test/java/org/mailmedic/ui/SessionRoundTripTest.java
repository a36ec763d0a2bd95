package org.mailmedic.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.session.SessionStore;
import org.mailmedic.engine.session.Settings;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.ShopExampleZone;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;
import org.mailmedic.ui.check.CheckViewModel;
import org.mailmedic.ui.forecast.ForecastViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File &gt; Save session in one window, File &gt; Open session in a fresh one: every screen shows
 * the same thing (evidence, findings with fix progress and verify result, live check rows and
 * mail server cards, forecast inputs and verdict). Live checks reach only the loopback DNS and
 * SMTP fixtures this test starts.
 */
@ExtendWith(ApplicationExtension.class)
class SessionRoundTripTest {

    private static final TestPki PKI = new TestPki();
    private static final Instant VERIFIED_AT = Instant.parse("2026-11-27T09:30:00Z");

    @TempDir
    static Path config;

    @TempDir
    Path dir;

    private static String configBefore;
    private ExecutorService executor;
    private DnsTestServer dns;
    private SmtpFixture smtp;
    private MainView first;

    @BeforeAll
    static void ownConfigFolder() {
        configBefore = System.getProperty(Settings.DIR_PROPERTY);
        System.setProperty(Settings.DIR_PROPERTY, config.toString());
    }

    @AfterAll
    static void restoreConfigFolder() {
        if (configBefore == null) {
            System.clearProperty(Settings.DIR_PROPERTY);
        } else {
            System.setProperty(Settings.DIR_PROPERTY, configBefore);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        executor = App.newExecutor();
        dns = DnsTestServer.start(ShopExampleZone.zone());
        smtp = SmtpFixture.builder().banner("220 mx.shop.example ESMTP Postfix")
                .starttls(PKI.good("mx.shop.example").serverContext()).start();
        first = window(stage);
    }

    /** A main window whose live checks reach only the loopback fixtures ("8.8.4.4" is only a name). */
    private MainView window(Stage stage) {
        LoopbackConnector loop = new LoopbackConnector().host(ShopExampleZone.MX_HOST, ShopExampleZone.MX_ADDRESS)
                .route(ShopExampleZone.MX_ADDRESS, 25, smtp.port());
        CheckViewModel check = new CheckViewModel(executor, javafx.application.Platform::runLater,
                (setting, timeout) -> dns.resolver(timeout),
                d -> SmtpOptions.builder(d).connector(loop).resolver(loop).trustStore(PKI.trustStore())
                        .checkSubmission(false).probeTlsVersions(false).checkDane(false)
                        .connectTimeout(Duration.ofSeconds(2)).replyTimeout(Duration.ofSeconds(5)));
        MainView main = new MainView(executor, stage, check);
        Scene scene = new Scene(main.root(), 1100, 720);
        scene.getStylesheets().add(App.class.getResource("/org/mailmedic/ui/mailmedic.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        return main;
    }

    private MainView secondWindow(FxRobot robot) throws Exception {
        AtomicReference<MainView> w = new AtomicReference<>();
        robot.interact(() -> w.set(window(new Stage())));
        return w.get();
    }

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        dns.close();
        smtp.close();
    }

    private static <T> T await(Task<T> t) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, t::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        return t.get();
    }

    /** Evidence read, live check run, a fix walked through and verified, the forecast edited; then saved. */
    private Path preparedAndSaved(FxRobot robot, List<Path> files) throws Exception {
        robot.interact(() -> {
            first.evidence().addFiles(files);
            first.check().dnsServerProperty().set(dns.hostPort());
            first.check().sendingIpProperty().set("8.8.4.4");
            first.check().domainProperty().set("shop.example");
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !first.evidence().busyProperty().get()
                && first.findings().findings().stream().anyMatch(f -> f.kind().equals("throttling")));
        robot.interact(() -> first.check().check());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !first.check().busyProperty().get()
                && first.check().lastSmtpProperty().get() != null);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> first.forecast().viewModel().forecastProperty().get() != null);

        // The fix for throttling: step 3 reached, steps 1 and 2 ticked, verified (not yet passing).
        robot.interact(() -> {
            first.findings().verifierProperty().set((spec, cancelled) -> new VerifyResult(spec,
                    VerifyResult.Outcome.FAILED, "btinternet.com still answers 421", List.of("maillog: 421 Too many"),
                    VERIFIED_AT));
            Finding throttling = first.findings().findings().stream().filter(f -> f.kind().equals("throttling"))
                    .findFirst().orElseThrow();
            first.findings().selectedProperty().set(throttling);
            first.findings().stepProperty().set(first.findings().guideProperty().get().steps().size());
        });
        Task<VerifyResult> verify = WaitForAsyncUtils.asyncFx(() -> first.findings().verify()).get(5, TimeUnit.SECONDS);
        await(verify);
        robot.interact(() -> {
            first.findings().setStepDone(0, true);
            first.findings().setStepDone(1, true);
            first.findings().stepProperty().set(2);
            // An edit on the Forecast screen: 21 days instead of the default.
            first.forecast().viewModel().horizonDaysProperty().set("21");
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> first.forecast().viewModel().forecastProperty().get() != null
                && first.forecast().viewModel().forecastProperty().get().inputs().horizonDays() == 21);

        Path saved = dir.resolve("case.session.json");
        await(WaitForAsyncUtils.asyncFx(() -> first.saveSession(saved)).get(5, TimeUnit.SECONDS));
        assertThat(saved).exists();
        return saved;
    }

    @Test
    void aSavedSessionOpensInAFreshWindowWithEveryScreenAsItWas(FxRobot robot) throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId("throttling").orElseThrow(), dir);
        Path saved = preparedAndSaved(robot, files);
        assertThat(Files.readString(saved)).contains("\"fixProgress\"", "\"live\"", "\"typed\"");

        MainView second = secondWindow(robot);
        await(WaitForAsyncUtils.asyncFx(() -> second.openSession(saved)).get(5, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> second.evidence().files().size() == files.size()
                && !second.evidence().busyProperty().get()
                && second.evidence().analysisProperty().get().files().size() == files.size());
        WaitForAsyncUtils.waitForFxEvents();

        // Evidence and findings.
        assertThat(second.evidence().files()).extracting(f -> f.name())
                .containsExactlyElementsOf(first.evidence().files().stream().map(f -> f.name()).toList());
        assertThat(second.findings().findings()).containsExactlyElementsOf(first.findings().findings());
        assertThat(second.findings().serverProperty().get()).isEqualTo(first.findings().serverProperty().get())
                .isEqualTo(MailServer.POSTFIX);
        assertThat(second.findings().serverDetectedProperty().get()).isTrue();

        // Fix progress and the verify result with its time, on the Findings screen.
        robot.interact(() -> second.findings().selectedProperty().set(second.findings().findings().stream()
                .filter(f -> f.kind().equals("throttling")).findFirst().orElseThrow()));
        Node findingsOfSecond = second.root().lookup("#findingDetail");
        assertThat(second.findings().stepProperty().get()).isEqualTo(2);
        assertThat(second.findings().doneSteps()).containsExactlyInAnyOrder(0, 1);
        assertThat(robot.from(findingsOfSecond).lookup("#stepCounter").queryAs(Label.class).getText())
                .startsWith("Step 3 of ");
        robot.interact(() -> second.findings().stepProperty().set(1));
        assertThat(robot.from(findingsOfSecond).lookup("#stepDone").queryAs(CheckBox.class).isSelected()).isTrue();
        robot.interact(() -> second.findings().stepProperty().set(second.findings().guideProperty().get().steps().size()));
        String verified = robot.from(findingsOfSecond).lookup("#verifyResult").queryAs(Label.class).getText();
        assertThat(verified).startsWith("✘ Not yet: btinternet.com still answers 421 (checked ")
                .contains("2026");
        assertThat(second.findings().verifyResults().get("throttling").at()).isEqualTo(VERIFIED_AT);

        // Live check: the fields, each row with its mark and headline, the mail server card.
        assertThat(second.check().domainProperty().get()).isEqualTo("shop.example");
        assertThat(second.check().sendingIpProperty().get()).isEqualTo("8.8.4.4");
        assertThat(second.check().rows()).extracting(r -> r.title() + " | " + r.result().status() + " | "
                + r.result().headline()).containsExactlyElementsOf(first.check().rows().stream()
                        .map(r -> r.title() + " | " + r.result().status() + " | " + r.result().headline()).toList());
        assertThat(second.check().statusProperty().get()).startsWith(first.check().statusProperty().get())
                .contains("Saved results from");
        TabSelection.select(robot, second.root(), "checkTab");
        Node checkOfSecond = second.root().lookup("#checkRows").getParent();
        TitledPane spf = robot.from(checkOfSecond).lookup("#row-spf").queryAs(TitledPane.class);
        assertThat(spf.getText()).contains("SPF for 8.8.4.4: pass");
        assertThat(robot.from(second.root()).lookup("#smtp-card-mx-shop-example").tryQuery()).isPresent();
        assertThat(robot.from(second.root()).lookup((Label l) -> l.getText() != null
                && l.getText().startsWith("220 mx.shop.example")).tryQuery()).isPresent();
        assertThat(second.check().lastSmtpProperty().get().hosts()).hasSize(1);

        // Forecast: inputs as typed, marks "from your logs", the verdict and the same series.
        ForecastViewModel a = first.forecast().viewModel();
        ForecastViewModel b = second.forecast().viewModel();
        assertThat(b.typedInputs()).isEqualTo(a.typedInputs());
        assertThat(b.horizonDaysProperty().get()).isEqualTo("21");
        assertThat(b.inferredFields()).isEqualTo(a.inferredFields()).contains(ForecastViewModel.Field.ARRIVALS);
        assertThat(b.destinationProperty().get()).isEqualTo("btinternet.com");
        assertThat(b.policyProperty().get().id()).isEqualTo(a.policyProperty().get().id());
        assertThat(b.limitKindProperty().get()).isEqualTo(a.limitKindProperty().get());
        assertThat(b.verdictProperty().get()).isEqualTo(a.verdictProperty().get());
        assertThat(b.forecastProperty().get().days()).isEqualTo(a.forecastProperty().get().days());
        TabSelection.select(robot, first.root(), "forecastTab");
        TabSelection.select(robot, second.root(), "forecastTab");
        assertThat(robot.from(second.root()).lookup("#forecastVerdict").queryAs(Label.class).getText())
                .isEqualTo(robot.from(first.root()).lookup("#forecastVerdict").queryAs(Label.class).getText());
        assertThat(robot.from(second.root()).lookup("#horizonField").queryAs(TextField.class).getText()).isEqualTo("21");
        // The chart, built when the tab was first shown, draws the restored forecast: 21 days.
        javafx.scene.chart.BarChart<?, ?> bars = robot.from(second.root()).lookup("#forecastBars")
                .queryAs(javafx.scene.chart.BarChart.class);
        assertThat(bars.getData()).hasSize(2);
        assertThat(bars.getData().get(0).getData()).hasSize(21);
    }

    @Test
    void movedOrChangedEvidenceIsNamedPerFileAndTheRestStillOpens(FxRobot robot) throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId("throttling").orElseThrow(), dir);
        Path saved = preparedAndSaved(robot, files);
        Path log = files.stream().filter(p -> p.getFileName().toString().equals("maillog")).findFirst().orElseThrow();
        Files.writeString(log, "Nov 30 10:00:00 mail postfix/qmgr[9]: ABC123: removed\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Path eml = files.stream().filter(p -> p.toString().endsWith(".eml")).findFirst().orElseThrow();
        Files.move(eml, dir.resolve("moved.eml"));

        MainView second = secondWindow(robot);
        SessionStore.Loaded loaded = await(WaitForAsyncUtils.asyncFx(() -> second.openSession(saved))
                .get(5, TimeUnit.SECONDS));
        assertThat(loaded.warnings()).hasSize(2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#sessionWarnings").tryQuery().isPresent());
        String told = robot.lookup("#sessionWarnings").queryAs(DialogPane.class).getContentText();
        assertThat(told.lines()).hasSize(2);
        assertThat(told).contains(log + " has changed since the session was saved")
                .contains(eml + " is no longer there");
        // Nothing of the saved diagnosis is lost, though neither file can be read as it was.
        assertThat(second.findings().findings()).containsExactlyElementsOf(first.findings().findings());
        assertThat(second.check().rows()).hasSameSizeAs(first.check().rows());
        assertThat(second.forecast().viewModel().verdictProperty().get())
                .isEqualTo(first.forecast().viewModel().verdictProperty().get());
        assertThat(second.evidence().files()).isEmpty();
    }

    @Test
    void aDamagedOrNewerSessionIsExplainedAndTheWindowKeepsWhatItHad(FxRobot robot) throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId("throttling").orElseThrow(), dir);
        robot.interact(() -> first.evidence().addFiles(files));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !first.evidence().busyProperty().get()
                && !first.findings().findings().isEmpty());
        List<Finding> before = List.copyOf(first.findings().findings());

        Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "{\"schemaVersion\": 1, \"type\": \"mailm");
        Task<SessionStore.Loaded> t = WaitForAsyncUtils.asyncFx(() -> first.openSession(corrupt)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, t::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane error = robot.lookup(".dialog-pane").match((DialogPane p) -> p.getContentText() != null
                && p.getContentText().contains("corrupt.json")).queryAs(DialogPane.class);
        assertThat(error.getHeaderText()).contains("nothing in the window has changed");
        assertThat(error.getContentText()).contains("not valid JSON");
        assertThat(first.findings().findings()).containsExactlyElementsOf(before);
        assertThat(first.evidence().files()).hasSize(files.size());

        Path newer = Files.writeString(dir.resolve("newer.json"),
                "{\"schemaVersion\": 7, \"type\": \"mailmedic-session\", \"files\": []}");
        Task<SessionStore.Loaded> t2 = WaitForAsyncUtils.asyncFx(() -> first.openSession(newer)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, t2::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane tooNew = robot.lookup(".dialog-pane").match((DialogPane p) -> p.getContentText() != null
                && p.getContentText().contains("newer.json")).queryAs(DialogPane.class);
        assertThat(tooNew.getContentText()).contains("schema version 7").contains("Update MailMedic");
        assertThat(first.findings().findings()).containsExactlyElementsOf(before);
        assertThat(Files.readString(newer)).contains("\"schemaVersion\": 7"); // the file itself is untouched
    }
}
