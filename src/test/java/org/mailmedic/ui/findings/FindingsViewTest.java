package org.mailmedic.ui.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.ui.App;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class FindingsViewTest {

    private final AtomicBoolean fixed = new AtomicBoolean(false);
    private ExecutorService executor;
    private FindingsViewModel model;

    static final Finding ADVICE = new Finding("downgrade-risk", Severity.ADVICE,
            "Your encryption can be stripped by anyone in the path", "", Confidence.CERTAIN, "",
            List.of(), "harbourbooks.co.uk", Map.of());
    static final Finding THROTTLE = new Finding("throttling", Severity.BLOCKING,
            "btinternet.com accepts only about 49 messages a day from your server",
            "After 49 messages in a day it answers 421 Too many messages.", Confidence.LIKELY,
            "887 deferrals to btinternet.com since 16 Nov; 13 expired",
            List.of(EvidenceRef.logLine("maillog", 1204, "status=deferred (... 421 Too many messages (DailyLimit) ...)")),
            "btinternet.com", Map.of("destination", "btinternet.com", "limitPerDay", "49", "delaySeconds", "1800"));

    @Start
    void start(Stage stage) {
        executor = App.newExecutor();
        model = new FindingsViewModel(executor, (spec, cancelled) -> new VerifyResult(spec,
                fixed.get() ? VerifyResult.Outcome.PASSED : VerifyResult.Outcome.FAILED,
                fixed.get() ? "no more deferrals" : "still deferred", List.of("checked " + spec.args()), Instant.now()));
        stage.setScene(new Scene((javafx.scene.Parent) new FindingsView(model).root(), 1000, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void listsMostSeriousFirstAndWalksThroughTheFixToAVerifyThatFailsThenPasses(FxRobot robot) throws Exception {
        robot.interact(() -> {
            model.setDetectedServer(java.util.Optional.of(MailServer.POSTFIX));
            model.setFindings(List.of(ADVICE, THROTTLE));
        });
        @SuppressWarnings("unchecked")
        ListView<Finding> list = robot.lookup("#findingsList").queryAs(ListView.class);
        assertThat(list.getItems()).containsExactly(THROTTLE, ADVICE);
        assertThat(robot.lookup("#findingHeadline").queryAs(Label.class).getText()).contains("49 messages a day");
        assertThat(robot.lookup("#stepCounter").queryAs(Label.class).getText()).isEqualTo("Step 1 of 6");

        robot.clickOn("#stepNext");
        assertThat(robot.lookup("#stepCounter").queryAs(Label.class).getText()).isEqualTo("Step 2 of 6");
        robot.clickOn(".copy-button");
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, TimeUnit.SECONDS);
        assertThat(copied).isEqualTo("btinternet.com    slow:");

        for (int i = 0; i < 4; i++) {
            robot.clickOn("#stepNext");
        }
        robot.clickOn("#verifyButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#verifyResult").queryAs(Label.class).getText().startsWith("✘"));
        assertThat(robot.lookup("#verifyResult").queryAs(Label.class).getText()).contains("still deferred");

        fixed.set(true);
        robot.clickOn("#verifyButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#verifyResult").queryAs(Label.class).getText().startsWith("✔"));
    }

    @Test
    void inlineCodeShowsAsCodeWithoutBackticksAndAClickCopiesIt(FxRobot robot) throws Exception {
        robot.interact(() -> {
            model.setDetectedServer(java.util.Optional.of(MailServer.POSTFIX));
            model.setFindings(List.of(THROTTLE));
        });
        // Step 2 of the Postfix throttling guide warns against `slow_destination_recipient_limit = 1`.
        robot.clickOn("#stepNext");
        TextFlow flow = robot.lookup("#stepText").queryAs(TextFlow.class);
        List<Text> runs = flow.getChildren().stream().map(Text.class::cast).toList();
        String shown = runs.stream().map(Text::getText).collect(java.util.stream.Collectors.joining());
        assertThat(shown).contains("Do not add slow_destination_recipient_limit = 1: with").doesNotContain("`");
        Text code = runs.stream().filter(t -> t.getStyleClass().contains("inline-code")).findFirst().orElseThrow();
        assertThat(code.getText()).isEqualTo("slow_destination_recipient_limit = 1");
        assertThat(code.getFont().getFamily()).isEqualTo(javafx.scene.text.Font.font("Monospaced", 13).getFamily());
        Text prose = runs.stream().filter(t -> t.getStyleClass().contains("prose-text")).findFirst().orElseThrow();
        assertThat(prose.getFont().getFamily()).isNotEqualTo(code.getFont().getFamily());

        robot.clickOn(code);
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, TimeUnit.SECONDS);
        assertThat(copied).isEqualTo("slow_destination_recipient_limit = 1");
    }

    @Test
    void changingTheMailServerChangesTheGuide(FxRobot robot) {
        robot.interact(() -> model.setFindings(List.of(THROTTLE)));
        robot.interact(() -> model.serverProperty().set(MailServer.SENDMAIL));
        // No Sendmail throttling guide may exist yet: either a Sendmail guide or the honest message.
        var g = model.guideProperty().get();
        if (g != null) {
            assertThat(g.server()).isEqualTo(MailServer.SENDMAIL);
        } else {
            assertThat(robot.lookup("No step-by-step guide for this yet.").tryQuery()).isPresent();
        }
        robot.interact(() -> model.serverProperty().set(MailServer.POSTFIX));
        assertThat(model.guideProperty().get().title()).contains("Postfix");
    }

    @Test
    void emptyStateExplainsWhatWillAppear(FxRobot robot) {
        assertThat(robot.lookup("No findings yet").tryQuery()).isPresent();
    }
}
