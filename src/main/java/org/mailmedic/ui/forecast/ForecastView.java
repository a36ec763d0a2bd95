package org.mailmedic.ui.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.DoubleFunction;
import javafx.animation.PauseTransition;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.forecast.LimitKind;
import org.mailmedic.engine.forecast.RetryPolicy;
import org.mailmedic.ui.forecast.ForecastViewModel.Field;

/**
 * Forecast: will a stuck queue ever drain? Inputs on the left (fields with sliders; values from
 * the logs are marked, problems are shown under the field), the verdict as a banner, and one chart:
 * delivered and bounced per day as bars with the queue at the end of each day as a line over them,
 * both on the same message scale.
 *
 * <p>The chart is built when the screen first joins a scene (its tab first selected, see
 * {@code Tabs}), not with the screen: two XY charts with their axes were the largest part of
 * building the hidden screens at start. Until then a forecast (from the logs, or restored from a
 * session) updates the texts, and the chart draws the model's forecast when it is built.
 */
public final class ForecastView {

    private final ForecastViewModel model;
    private final HBox root = new HBox(16);
    private final Label banner = new Label();
    private final StackPane chartHolder = new StackPane();
    /** Built by {@link #buildChart} when the screen first joins a scene; null until then. */
    private CategoryAxis barX;
    private NumberAxis barY;
    private BarChart<String, Number> bars;
    private CategoryAxis lineX;
    private NumberAxis lineY;
    private LineChart<String, Number> line;
    private final Label delays = new Label();
    private final Label advice = new Label();
    private final VBox fixes = new VBox(4);
    private final PauseTransition pause = new PauseTransition(Duration.millis(150));

    /** The screen with its own view-model, forecasting on {@code executor}. */
    public ForecastView(Executor executor) {
        this(null, executor);
    }

    /** The screen for a given view-model (its runner decides where forecasts run). */
    public ForecastView(ForecastViewModel model) {
        this(model, null);
    }

    private ForecastView(ForecastViewModel given, Executor executor) {
        this.model = given != null ? given : new ForecastViewModel(executor, this::debounce);
        root.getStyleClass().add("screen");
        root.getStylesheets().add(ForecastView.class.getResource("forecast.css").toExternalForm());
        root.setId("forecastView");

        VBox inputs = inputs();
        ScrollPane inputScroll = new ScrollPane(inputs);
        inputScroll.setFitToWidth(true);
        inputScroll.setPrefWidth(360);
        inputScroll.setMinWidth(280);
        inputScroll.setStyle("-fx-background-color: transparent;");

        banner.setId("forecastVerdict");
        banner.getStyleClass().add("forecast-banner");
        banner.setWrapText(true);
        banner.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap instead of cutting the verdict off
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(model.verdictProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(22, 22);
        spinner.visibleProperty().bind(model.busyProperty());
        HBox top = new HBox(8, banner, spinner);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(banner, Priority.ALWAYS);

        StackPane chart = chartHolder;
        chart.setMinHeight(260);
        chart.setId("forecastChart");
        VBox.setVgrow(chart, Priority.ALWAYS);
        delays.setId("forecastDelays");
        advice.setId("forecastAdvice");
        advice.setWrapText(true);
        delays.getStyleClass().add("forecast-note");
        advice.getStyleClass().add("forecast-note");
        fixes.setId("forecastFixes");
        VBox right = new VBox(10, top, legend(), chart, delays, advice, fixes);
        HBox.setHgrow(right, Priority.ALWAYS);
        root.getChildren().addAll(inputScroll, right);

        model.forecastProperty().addListener((o, was, now) -> show(now));
        model.verdictProperty().addListener((o, was, now) -> styleBanner(model.forecastProperty().get()));
        styleBanner(null);
        root.sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o,
                    javafx.scene.Scene was, javafx.scene.Scene now) {
                if (now != null) {
                    root.sceneProperty().removeListener(this);
                    buildChart();
                }
            }
        });
        if (root.getScene() != null) {
            buildChart();
        }
    }

    /** True once the chart exists (the screen has been in a scene). */
    boolean chartBuilt() {
        return bars != null;
    }

    public Node root() {
        return root;
    }

    public ForecastViewModel viewModel() {
        return model;
    }

    private void debounce(Runnable r) {
        pause.setOnFinished(e -> r.run());
        pause.playFromStart();
    }

    private VBox inputs() {
        VBox box = new VBox(6);
        box.setPadding(new Insets(0, 8, 0, 0));
        box.getChildren().add(numberField("Messages a day", "arrivals", model.arrivalsProperty(),
                Field.ARRIVALS, 0, 500, v -> ForecastViewModel.number(v)));
        box.getChildren().add(numberField("Destination's limit", "limit", model.limitProperty(),
                Field.LIMIT, 1, 500, v -> Long.toString(Math.round(v))));

        ChoiceBox<LimitKind> kind = new ChoiceBox<>(FXCollections.observableArrayList(LimitKind.values()));
        kind.setId("limitKindChoice");
        kind.setConverter(converter(LimitKind::label));
        kind.valueProperty().bindBidirectional(model.limitKindProperty());
        box.getChildren().add(fieldBox("The limit counts", kind, Field.LIMIT_KIND));

        ChoiceBox<RetryPolicy> policy = new ChoiceBox<>(FXCollections.observableArrayList(ForecastViewModel.policies()));
        policy.setId("policyChoice");
        policy.setConverter(converter(RetryPolicy::label));
        // Policies are values: select the listed one equal to the model's.
        policy.setValue(match(model.policyProperty().get()));
        policy.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(model.policyProperty().get())) {
                model.policyProperty().set(now);
            }
        });
        model.policyProperty().addListener((o, was, now) -> policy.setValue(match(now)));
        box.getChildren().add(fieldBox("Your mail server", policy, Field.POLICY));

        box.getChildren().add(numberField("Queue lifetime (days)", "lifetime", model.lifetimeDaysProperty(),
                Field.LIFETIME, 0.5, 30, v -> ForecastViewModel.number(Math.round(v * 2) / 2.0)));
        box.getChildren().add(numberField("Days to forecast", "horizon", model.horizonDaysProperty(), Field.HORIZON,
                1, 90, v -> Long.toString(Math.round(v))));
        box.getChildren().add(numberField("Already queued", "backlog", model.backlogProperty(),
                Field.BACKLOG, 0, 2_000, v -> Long.toString(Math.round(v))));
        return box;
    }

    private RetryPolicy match(RetryPolicy p) {
        if (p == null) {
            return null;
        }
        for (RetryPolicy r : ForecastViewModel.policies()) {
            if (r.id().equals(p.id())) {
                return r;
            }
        }
        return p;
    }

    /** A label, a text field with a slider under it, the "from your logs" mark and the field's message. */
    private VBox numberField(String title, String id, StringProperty text, Field f, double min, double max,
            DoubleFunction<String> format) {
        TextField field = new TextField();
        field.setId(id + "Field");
        field.setPrefColumnCount(8);
        field.textProperty().bindBidirectional(text);
        Slider slider = new Slider(min, max, min);
        slider.setId(id + "Slider");
        slider.setMaxWidth(Double.MAX_VALUE);
        boolean[] syncing = {false};
        Runnable fromText = () -> {
            try {
                double v = Double.parseDouble(text.get().trim().replace(",", ""));
                if (Double.isFinite(v)) {
                    syncing[0] = true;
                    if (v > slider.getMax()) {
                        slider.setMax(Math.ceil(v * 1.5));
                    }
                    slider.setValue(Math.max(min, v));
                    syncing[0] = false;
                }
            } catch (NumberFormatException | NullPointerException e) {
                // The model shows the message next to the field.
                syncing[0] = false;
            }
        };
        text.addListener((o, was, now) -> {
            if (!syncing[0]) {
                fromText.run();
            }
        });
        fromText.run();
        slider.valueProperty().addListener((o, was, now) -> {
            if (!syncing[0]) {
                syncing[0] = true;
                text.set(format.apply(now.doubleValue()));
                syncing[0] = false;
            }
        });
        HBox row = new HBox(8, field, slider);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(slider, Priority.ALWAYS);
        return fieldBox(title, row, f);
    }

    private VBox fieldBox(String title, Node control, Field f) {
        Label label = new Label(title);
        label.getStyleClass().add("field-label");
        label.setMinWidth(Region.USE_PREF_SIZE);
        Label fromLogs = new Label("from your logs");
        fromLogs.getStyleClass().add("from-logs");
        fromLogs.visibleProperty().bind(model.inferredProperty(f));
        fromLogs.managedProperty().bind(fromLogs.visibleProperty());
        HBox head = new HBox(6, label, fromLogs);
        head.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId(f.name().toLowerCase(java.util.Locale.ROOT) + "Error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty(f));
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox box = new VBox(3, head, control, error);
        box.setPadding(new Insets(0, 0, 6, 0));
        return box;
    }

    /** Builds the chart into its place and draws the model's forecast, if there is one. Once. */
    private void buildChart() {
        if (bars != null) {
            return;
        }
        barX = new CategoryAxis();
        barY = new NumberAxis();
        bars = new BarChart<>(barX, barY);
        lineX = new CategoryAxis();
        lineY = new NumberAxis();
        line = new LineChart<>(lineX, lineY);
        barX.setLabel("Day");
        barY.setLabel("Messages");
        lineX.setLabel("Day");
        lineY.setLabel("Messages");
        for (NumberAxis y : List.of(barY, lineY)) {
            y.setAutoRanging(false);
            y.setLowerBound(0);
            y.setMinorTickVisible(false);
        }
        for (CategoryAxis x : List.of(barX, lineX)) {
            x.setAnimated(false);
            x.setAutoRanging(true);
        }
        bars.setId("forecastBars");
        line.setId("forecastLine");
        bars.setAnimated(false);
        line.setAnimated(false);
        bars.setLegendVisible(false);
        line.setLegendVisible(false);
        bars.setBarGap(1);
        bars.setCategoryGap(6);
        line.setCreateSymbols(true);
        line.setHorizontalGridLinesVisible(false);
        line.setVerticalGridLinesVisible(false);
        line.setHorizontalZeroLineVisible(false);
        line.setVerticalZeroLineVisible(false);
        line.getStyleClass().add("overlay-chart");
        line.setMouseTransparent(true);
        chartHolder.getChildren().setAll(bars, line);
        drawChart(model.forecastProperty().get());
    }

    private HBox legend() {
        HBox box = new HBox(14, swatch("#48bb78", "delivered a day"), swatch("#e53e3e", "bounced a day"),
                swatch("#2b6cb0", "queued at the end of the day"));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static HBox swatch(String colour, String text) {
        Region r = new Region();
        r.getStyleClass().add("legend-swatch");
        r.setStyle("-fx-background-color: " + colour + ";");
        HBox h = new HBox(5, r, new Label(text));
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private void show(Forecast f) {
        drawChart(f);
        fixes.getChildren().clear();
        if (f == null) {
            delays.setText("");
            advice.setText("");
            return;
        }
        delays.setText(f.delayMedianHours() == null ? "Nothing is delivered within the forecast."
                : "Delivery delay: half the messages within " + hours(f.delayMedianHours()) + ", 95% within "
                        + hours(f.delayP95Hours()) + ".");
        String a = f.toDrainInAWeek().advice();
        advice.setText(Character.toUpperCase(a.charAt(0)) + a.substring(1) + ".");
        for (Forecast.ScenarioOutcome s : f.scenarios()) {
            Label l = new Label("If you " + lower(s.name()) + ": " + s.verdict()
                    + (s.bouncesAvoided() > 0 ? " (" + s.bouncesAvoided() + " fewer bounces)" : ""));
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            l.getStyleClass().add("forecast-note");
            fixes.getChildren().add(l);
        }
    }

    /** The forecast's days in the chart (cleared for none); nothing while the chart is not built. */
    private void drawChart(Forecast f) {
        if (bars == null) {
            return;
        }
        bars.getData().clear();
        line.getData().clear();
        if (f == null) {
            return;
        }
        XYChart.Series<String, Number> delivered = new XYChart.Series<>();
        delivered.setName("Delivered");
        XYChart.Series<String, Number> bounced = new XYChart.Series<>();
        bounced.setName("Bounced");
        XYChart.Series<String, Number> queued = new XYChart.Series<>();
        queued.setName("Queued");
        List<String> categories = new ArrayList<>();
        double top = 1;
        for (Forecast.Day d : f.days()) {
            String c = Integer.toString(d.day());
            categories.add(c);
            delivered.getData().add(new XYChart.Data<>(c, d.delivered()));
            bounced.getData().add(new XYChart.Data<>(c, d.expired()));
            queued.getData().add(new XYChart.Data<>(c, d.backlog()));
            top = Math.max(top, Math.max(d.backlog(), Math.max(d.delivered(), d.expired())));
        }
        double upper = niceCeiling(top * 1.05);
        for (NumberAxis y : List.of(barY, lineY)) {
            y.setUpperBound(upper);
            y.setTickUnit(upper / 5);
        }
        barX.setCategories(FXCollections.observableArrayList(categories));
        lineX.setCategories(FXCollections.observableArrayList(categories));
        bars.getData().add(delivered);
        bars.getData().add(bounced);
        line.getData().add(queued);
    }

    private void styleBanner(Forecast f) {
        banner.getStyleClass().removeAll("ok", "warn", "bad");
        if (f == null) {
            return;
        }
        banner.getStyleClass().add(switch (f.outcome()) {
            case KEEPS_UP, DRAINS -> "ok";
            case STILL_DRAINING, DRAINS_WITH_BOUNCES -> "warn";
            case NEVER_DRAINS -> "bad";
        });
    }

    static double niceCeiling(double v) {
        double exp = Math.pow(10, Math.floor(Math.log10(Math.max(1, v))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * exp >= v) {
                return m * exp;
            }
        }
        return 10 * exp;
    }

    private static String hours(double h) {
        if (h < 1) {
            return Math.max(1, Math.round(h * 60)) + " min";
        }
        if (h < 48) {
            return ForecastViewModel.number(h) + " hours";
        }
        return ForecastViewModel.number(h / 24) + " days";
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
