package org.mailmedic.ui.evidence;

import java.time.Duration;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * The log summary: a progress bar with Cancel while logs are read; the destinations table, most
 * troubled first; a stacked daily chart (delivered / deferred / bounced / expired) of the selected
 * destination; and the throttle, TLS and policy patterns, each with its evidence lines
 * (file:line: text). Meant to sit in the Evidence screen under the file list.
 */
public final class LogSummaryView {

    private final LogSummaryViewModel model;
    private final VBox root = new VBox(8);
    private final TableView<LogAnalysis.Destination> table = new TableView<>();
    private final StackedBarChart<String, Number> chart = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final ListView<LogSummaryViewModel.Pattern> patterns = new ListView<>();

    public LogSummaryView(LogSummaryViewModel model) {
        this.model = model;
        root.getStyleClass().addAll("screen", "log-summary");

        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("log-cancel");
        cancel.setOnAction(e -> model.cancel());
        HBox progressRow = new HBox(8, bar, cancel);
        progressRow.visibleProperty().bind(model.busyProperty());
        progressRow.managedProperty().bind(model.busyProperty());
        Label status = new Label();
        status.getStyleClass().add("log-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);

        ListView<String> problems = new ListView<>(model.problems());
        problems.getStyleClass().add("log-problems");
        problems.setPrefHeight(60);
        problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.problems()));
        problems.managedProperty().bind(problems.visibleProperty());

        table.getStyleClass().add("log-destinations");
        table.setItems(model.destinations());
        table.setPlaceholder(new Label("No deliveries in the logs read."));
        table.getColumns().add(column("Destination", LogAnalysis.Destination::domain, 220));
        table.getColumns().add(column("Delivered", LogAnalysis.Destination::delivered, 80));
        table.getColumns().add(column("Deferred", LogAnalysis.Destination::deferredAttempts, 80));
        table.getColumns().add(column("Bounced", LogAnalysis.Destination::bounced, 80));
        table.getColumns().add(column("Expired", LogAnalysis.Destination::expired, 70));
        table.getColumns().add(column("Queued", LogAnalysis.Destination::stillQueued, 70));
        table.getColumns().add(column("Oldest queued", d -> d.stillQueued() == 0 ? "" : age(d.oldestQueuedSeconds()), 100));
        table.getColumns().add(column("Most seen failure", d -> d.topReplies().isEmpty() ? ""
                : d.topReplies().get(0).text(), 360));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != model.selectedProperty().get()) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });

        chart.getStyleClass().add("log-daily-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setPrefHeight(220);
        chart.setTitle("Per day");
        model.days().addListener((ListChangeListener<LogSummaryViewModel.DayBar>) c -> fillChart());
        model.selectedProperty().addListener((o, was, now) -> chart.setTitle(now == null ? "Per day"
                : "Per day: " + now.domain()));

        patterns.getStyleClass().add("log-patterns");
        patterns.setItems(model.patterns());
        patterns.setPlaceholder(new Label("No throttling, TLS or SPF/DMARC/blocklist patterns found."));
        patterns.setCellFactory(v -> new PatternCell());
        patterns.setPrefHeight(200);

        SplitPane split = new SplitPane(table, chart, patterns);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.36, 0.68);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren().addAll(progressRow, status, problems, split);
    }

    public Node root() {
        return root;
    }

    public LogSummaryViewModel model() {
        return model;
    }

    private void fillChart() {
        XYChart.Series<String, Number> delivered = new XYChart.Series<>();
        delivered.setName("delivered");
        XYChart.Series<String, Number> deferred = new XYChart.Series<>();
        deferred.setName("deferred attempts");
        XYChart.Series<String, Number> bounced = new XYChart.Series<>();
        bounced.setName("bounced");
        XYChart.Series<String, Number> expired = new XYChart.Series<>();
        expired.setName("expired");
        for (LogSummaryViewModel.DayBar d : model.days()) {
            delivered.getData().add(new XYChart.Data<>(d.date(), d.delivered()));
            deferred.getData().add(new XYChart.Data<>(d.date(), d.deferred()));
            bounced.getData().add(new XYChart.Data<>(d.date(), d.bounced()));
            expired.getData().add(new XYChart.Data<>(d.date(), d.expired()));
        }
        chart.getData().setAll(java.util.List.of(delivered, deferred, bounced, expired));
    }

    private static <T> TableColumn<LogAnalysis.Destination, T> column(String title,
                                                                     Function<LogAnalysis.Destination, T> value,
                                                                     double width) {
        TableColumn<LogAnalysis.Destination, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    static String age(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : d.toMinutes() + " min";
    }

    /** A pattern: its title in bold and its evidence lines in a monospace block. */
    private static final class PatternCell extends ListCell<LogSummaryViewModel.Pattern> {
        @Override
        protected void updateItem(LogSummaryViewModel.Pattern p, boolean empty) {
            super.updateItem(p, empty);
            getStyleClass().removeIf(s -> s.startsWith("log-pattern-"));
            if (empty || p == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label(p.title());
            title.setWrapText(true);
            title.getStyleClass().add("log-pattern-title");
            title.setStyle("-fx-font-weight: bold;");
            Label lines = new Label(String.join("\n", p.evidence()));
            lines.getStyleClass().add("log-evidence");
            lines.setStyle("-fx-font-family: monospace;");
            VBox box = new VBox(2, title, lines);
            box.setStyle(switch (p.kind()) {
                case "throttle" -> "-fx-background-color: #fff1d6; -fx-padding: 4;";
                case "tls-inbound", "tls-outbound" -> "-fx-background-color: #fde4e4; -fx-padding: 4;";
                default -> "-fx-background-color: #eef2fb; -fx-padding: 4;";
            });
            getStyleClass().add("log-pattern-" + p.kind());
            setText(null);
            setGraphic(box);
        }
    }
}
