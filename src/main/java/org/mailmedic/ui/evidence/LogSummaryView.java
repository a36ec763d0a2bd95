package org.mailmedic.ui.evidence;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Side;
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
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
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
        root.getStylesheets().add(LogSummaryView.class.getResource("log-summary.css").toExternalForm());

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
        // Columns share the table's width (no sideways scrolling): the numbers keep what their
        // headers need, the failure text takes the rest and shows in full as a tooltip.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Destination", LogAnalysis.Destination::domain, 190, 120));
        table.getColumns().add(number("Delivered", LogAnalysis.Destination::delivered, 78));
        table.getColumns().add(number("Deferred", LogAnalysis.Destination::deferredAttempts, 74));
        table.getColumns().add(number("Bounced", LogAnalysis.Destination::bounced, 72));
        table.getColumns().add(number("Expired", LogAnalysis.Destination::expired, 66));
        table.getColumns().add(number("Queued", LogAnalysis.Destination::stillQueued, 66));
        TableColumn<LogAnalysis.Destination, String> oldest = column("Oldest queued",
                d -> d.stillQueued() == 0 ? "" : age(d.oldestQueuedSeconds()), 104, 104);
        oldest.getStyleClass().add("number");
        table.getColumns().add(oldest);
        TableColumn<LogAnalysis.Destination, String> failure = column("Most seen failure",
                d -> d.topReplies().isEmpty() ? "" : d.topReplies().get(0).text(), 300, 160);
        failure.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        table.getColumns().add(failure);
        table.setFixedCellSize(24);
        table.setMinHeight(24 * 5 + 30); // the header and five destinations, at least
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
        chart.setLegendSide(Side.RIGHT); // beside the bars: a short chart keeps its legend (above them it was dropped)
        chart.setCategoryGap(6);
        chart.setMinHeight(170);
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
        patterns.setMinHeight(110);

        // The table above; below it the chart and the patterns side by side, so that none of the
        // three is squeezed to a sliver in a window of ordinary height.
        SplitPane lower = new SplitPane(chart, patterns);
        lower.setOrientation(Orientation.HORIZONTAL);
        lower.setDividerPositions(0.6);
        SplitPane split = new SplitPane(table, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
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
        List<LogSummaryViewModel.DayBar> days = model.days();
        boolean oneYear = days.isEmpty() || days.get(0).date().regionMatches(0, days.get(days.size() - 1).date(), 0, 4);
        for (LogSummaryViewModel.DayBar d : days) {
            String day = shortDay(d.date(), oneYear);
            delivered.getData().add(new XYChart.Data<>(day, d.delivered()));
            deferred.getData().add(new XYChart.Data<>(day, d.deferred()));
            bounced.getData().add(new XYChart.Data<>(day, d.bounced()));
            expired.getData().add(new XYChart.Data<>(day, d.expired()));
        }
        chart.getData().setAll(List.of(delivered, deferred, bounced, expired));
    }

    private static <T> TableColumn<LogAnalysis.Destination, T> column(String title,
                                                                     Function<LogAnalysis.Destination, T> value,
                                                                     double width, double min) {
        TableColumn<LogAnalysis.Destination, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(min);
        return c;
    }

    /** A count: right-aligned, never narrower than its header. */
    private static TableColumn<LogAnalysis.Destination, Long> number(String title,
                                                                   Function<LogAnalysis.Destination, Long> value,
                                                                   double width) {
        TableColumn<LogAnalysis.Destination, Long> c = column(title, value, width, width);
        c.getStyleClass().add("number");
        c.setMaxWidth(width * 1.4);
        return c;
    }

    /** "2026-11-16" -> "Nov 16" (the year only when the days span two): labels that stay horizontal. */
    static String shortDay(String isoDate, boolean oneYear) {
        try {
            LocalDate d = LocalDate.parse(isoDate);
            return d.format(DateTimeFormatter.ofPattern(oneYear ? "MMM d" : "MMM d yyyy", Locale.ENGLISH));
        } catch (DateTimeParseException e) {
            return isoDate;
        }
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
