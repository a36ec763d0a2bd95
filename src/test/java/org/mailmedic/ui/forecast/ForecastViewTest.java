package org.mailmedic.ui.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailmedic.engine.forecast.LimitKind;
import org.mailmedic.ui.App;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ForecastViewTest {

    private ExecutorService executor;
    private ForecastView view;

    @Start
    void start(Stage stage) {
        executor = App.newExecutor();
        view = new ForecastView(executor);
        Scene scene = new Scene((javafx.scene.Parent) view.root(), 1100, 720);
        scene.getStylesheets().add(App.class.getResource("/org/mailmedic/ui/mailmedic.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static String banner(FxRobot robot) {
        // Looked up on the FX thread: the charts rebuild their nodes there while the test polls.
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#forecastVerdict").queryAs(Label.class).getText())
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void inferredValuesShowTheVerdictAndMovingTheArrivalsSliderChangesIt(FxRobot robot) throws Exception {
        robot.interact(() -> view.viewModel().applyInferred("isp.example", 70, 49, null, LimitKind.ROLLING_24H,
                "postfix", 0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> banner(robot).startsWith("Never drains"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(banner(robot)).isEqualTo(
                "Never drains for isp.example: about 21 messages a day will bounce (the first on day 6).");
        assertThat(robot.lookup("#forecastVerdict").queryAs(Label.class).getStyleClass()).contains("bad");
        assertThat(robot.lookup(".from-logs").queryAll().stream().filter(javafx.scene.Node::isVisible).count())
                .isGreaterThanOrEqualTo(3);
        BarChart<?, ?> bars = robot.lookup("#forecastBars").queryAs(BarChart.class);
        LineChart<?, ?> line = robot.lookup("#forecastLine").queryAs(LineChart.class);
        assertThat(bars.getData()).hasSize(2);
        assertThat(bars.getData().get(0).getData()).hasSize(14);
        assertThat(line.getData().get(0).getData()).hasSize(14);

        // Drag the arrivals slider down to about 40 a day: the queue now keeps up.
        Slider slider = robot.lookup("#arrivalsSlider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(40));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> banner(robot).startsWith("Keeps up"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#arrivalsField").queryAs(TextField.class).getText()).isEqualTo("40");
        assertThat(robot.lookup("#forecastVerdict").queryAs(Label.class).getStyleClass()).contains("ok");
        // The user moved it: no longer "from your logs".
        assertThat(view.viewModel().inferredProperty(ForecastViewModel.Field.ARRIVALS).get()).isFalse();
    }

    @Test
    void theChartIsBuiltWhenTheScreenIsFirstShownAndDrawsTheForecastItMissed(FxRobot robot) throws Exception {
        ForecastView v = WaitForAsyncUtils.asyncFx(() -> new ForecastView(executor)).get(5, TimeUnit.SECONDS);
        // A forecast arrives while the screen is not shown (from the logs, or a restored session).
        robot.interact(() -> v.viewModel().applyInferred("isp.example", 70, 49, null, LimitKind.ROLLING_24H, "postfix", 0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> v.viewModel().forecastProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(v.chartBuilt()).isFalse();
        assertThat(robot.from(v.root()).lookup("#forecastBars").tryQuery()).isEmpty();
        assertThat(robot.from(v.root()).lookup("#forecastDelays").queryAs(Label.class).getText()).startsWith("Delivery delay");

        robot.interact(() -> view.root().getScene().setRoot((javafx.scene.Parent) v.root()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(v.chartBuilt()).isTrue();
        BarChart<?, ?> bars = robot.from(v.root()).lookup("#forecastBars").queryAs(BarChart.class);
        LineChart<?, ?> line = robot.from(v.root()).lookup("#forecastLine").queryAs(LineChart.class);
        assertThat(bars.getData()).hasSize(2);
        assertThat(bars.getData().get(0).getData()).hasSize(14);
        assertThat(line.getData().get(0).getData()).hasSize(14);
    }

    @Test
    void typingAnAbsurdValueShowsAMessageUnderTheFieldAndClearsTheChart(FxRobot robot) throws Exception {
        robot.interact(() -> view.viewModel().applyInferred("", 70, 49, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> banner(robot).startsWith("Never drains"));
        WaitForAsyncUtils.waitForFxEvents();
        TextField limit = robot.lookup("#limitField").queryAs(TextField.class);
        // Set the text as typing would leave it (robot keystrokes are slow on a busy machine).
        robot.interact(() -> limit.setText("0"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> banner(robot).startsWith("Fix the highlighted"));
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#limitError").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("accepts nothing");
        assertThat(robot.lookup("#forecastBars").queryAs(BarChart.class).getData()).isEmpty();

        robot.interact(() -> limit.setText("100"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> banner(robot).startsWith("Keeps up"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.isVisible()).isFalse();
    }
}
