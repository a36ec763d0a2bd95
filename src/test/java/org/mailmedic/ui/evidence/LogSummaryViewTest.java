package org.mailmedic.ui.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailmedic.engine.logs.LogAnalyzer;
import org.mailmedic.ui.App;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LogSummaryViewTest {

    private ExecutorService executor;
    private LogSummaryViewModel model;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean gated;

    @Start
    void start(Stage stage) {
        executor = App.newExecutor();
        // Work can be held at the gate, so that Cancel is clicked while the read is pending, however fast the machine.
        Executor gate = r -> executor.execute(() -> {
            if (gated) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            r.run();
        });
        model = new LogSummaryViewModel(gate,
                new LogAnalyzer(LogAnalyzer.Options.fixed(ZoneOffset.UTC, Instant.parse("2026-11-30T00:00:00Z"))));
        LogSummaryView view = new LogSummaryView(model);
        stage.setScene(new Scene((javafx.scene.Parent) view.root(), 1000, 750));
        stage.show();
    }

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void readingALogFillsTableChartAndPatterns(FxRobot robot) throws Exception {
        Path log = LogSummaryViewModelTest.resource("sendmail/starttls-no-shared-cipher.log");
        LogAnalysisTask task = WaitForAsyncUtils.asyncFx(() -> model.analyze(List.of(log))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, task::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(task::getState).get()).isEqualTo(Worker.State.SUCCEEDED);
        TableView<?> table = robot.lookup(".log-destinations").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(2);
        assertThat(table.getSelectionModel().getSelectedIndex()).isZero();
        StackedBarChart<?, ?> chart = robot.lookup(".log-daily-chart").queryAs(StackedBarChart.class);
        assertThat(chart.getData()).hasSize(4);
        assertThat(chart.getTitle()).isEqualTo("Per day: isp-mail.example");
        assertThat(chart.isLegendVisible()).isTrue();
        assertThat(robot.lookup(".log-daily-chart .chart-legend-item").queryAll())
                .extracting(n -> ((Label) n).getText())
                .containsExactly("delivered", "deferred attempts", "bounced", "expired");
        javafx.scene.Node legend = robot.lookup(".log-daily-chart .chart-legend").query();
        assertThat(legend.isVisible()).isTrue(); // laid out, not dropped for want of room
        assertThat(legend.getLayoutBounds().getHeight()).isGreaterThan(40);
        assertThat(table.getColumnResizePolicy()).isEqualTo(TableView.CONSTRAINED_RESIZE_POLICY);
        assertThat(table.getColumns()).allSatisfy(c -> assertThat(c.getWidth()).isGreaterThanOrEqualTo(c.getMinWidth()));
        assertThat(table.getHeight()).isGreaterThanOrEqualTo(24 * 5 + 30); // five destinations show
        ListView<?> patterns = robot.lookup(".log-patterns").queryAs(ListView.class);
        assertThat(patterns.getItems()).hasSize(4);
        assertThat(robot.lookup(".log-pattern-tls-inbound").tryQuery()).isPresent();
        assertThat(robot.lookup(".log-status").queryAs(Label.class).getText()).startsWith("2 recipients");
    }

    @Test
    void cancelStopsTheReadAndTheWindowStaysResponsive(FxRobot robot) throws Exception {
        gated = true;
        Path log = LogSummaryViewModelTest.resource("sendmail/starttls-no-shared-cipher.log");
        LogAnalysisTask task = WaitForAsyncUtils.asyncFx(() -> model.analyze(List.of(log))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".log-cancel").queryButton().isVisible()).isTrue();
        robot.clickOn(".log-cancel"); // the FX thread answers while the read is pending
        release.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, task::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(task::getState).get()).isEqualTo(Worker.State.CANCELLED);
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).startsWith("Cancelled");
        assertThat(model.destinations()).isEmpty();
    }

    @Test
    void chartDaysAreShortLabelsWithTheYearOnlyAcrossTwo() {
        assertThat(LogSummaryView.shortDay("2026-11-16", true)).isEqualTo("Nov 16");
        assertThat(LogSummaryView.shortDay("2026-12-31", false)).isEqualTo("Dec 31 2026");
        assertThat(LogSummaryView.shortDay("not a day", true)).isEqualTo("not a day");
    }
}
