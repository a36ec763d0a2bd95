package org.mailmedic.ui.evidence;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;

/**
 * State of the log summary: the per-destination table (most troubled first), the selected
 * destination's days for the chart, and the throttle / TLS / policy patterns with their evidence
 * lines. Reading runs as a {@link LogAnalysisTask} on the injected executor; everything here
 * changes on the FX thread only (in the task's handlers). {@link #show} and {@link #select} are
 * plain methods, testable without the toolkit.
 */
public final class LogSummaryViewModel {

    /** One highlighted pattern: kind ("throttle", "tls-inbound", "tls-outbound", "policy"), title, evidence. */
    public record Pattern(String kind, String destination, String title, List<String> evidence) {
    }

    /** One day of the selected destination, for the chart. */
    public record DayBar(String date, long delivered, long deferred, long bounced, long expired) {
    }

    private final Executor executor;
    private final LogAnalyzer analyzer;
    private final ObjectProperty<LogAnalysis> analysis = new SimpleObjectProperty<>();
    private final ObservableList<LogAnalysis.Destination> destinations = FXCollections.observableArrayList();
    private final ObjectProperty<LogAnalysis.Destination> selected = new SimpleObjectProperty<>();
    private final ObservableList<DayBar> days = FXCollections.observableArrayList();
    private final ObservableList<Pattern> patterns = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("No mail log read yet.");
    private LogAnalysisTask current;

    public LogSummaryViewModel(Executor executor) {
        this(executor, new LogAnalyzer());
    }

    public LogSummaryViewModel(Executor executor, LogAnalyzer analyzer) {
        this.executor = Objects.requireNonNull(executor);
        this.analyzer = Objects.requireNonNull(analyzer);
        selected.addListener((o, was, now) -> fillDays(now));
    }

    public ReadOnlyObjectProperty<LogAnalysis> analysisProperty() {
        return analysis;
    }

    public ObservableList<LogAnalysis.Destination> destinations() {
        return destinations;
    }

    public ObjectProperty<LogAnalysis.Destination> selectedProperty() {
        return selected;
    }

    public ObservableList<DayBar> days() {
        return days;
    }

    public ObservableList<Pattern> patterns() {
        return patterns;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** Reads the logs in the background; the summary changes when the task succeeds. */
    public LogAnalysisTask analyze(List<Path> files) {
        cancel();
        LogAnalysisTask task = new LogAnalysisTask(analyzer, files);
        current = task;
        busy.set(true);
        progress.bind(task.progressProperty());
        status.bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            finish(null);
            show(task.getValue());
        });
        task.setOnCancelled(e -> finish("Cancelled: the log summary was not changed."));
        task.setOnFailed(e -> finish("Could not read the logs: " + task.getException()));
        executor.execute(task);
        return task;
    }

    public void cancel() {
        if (current != null && !current.isDone()) { // also while still waiting for a worker thread
            current.cancel();
        }
    }

    private void finish(String message) {
        progress.unbind();
        status.unbind();
        busy.set(false);
        progress.set(0);
        if (message != null) {
            status.set(message);
        }
    }

    /** Shows an analysis: table, patterns, problems; selects the most troubled destination. */
    public void show(LogAnalysis a) {
        analysis.set(a);
        destinations.setAll(a.destinations());
        problems.setAll(a.files().stream().flatMap(f -> f.problems().stream()).toList());
        patterns.setAll(patternsOf(a));
        LogAnalysis.Totals t = a.totals();
        status.set(String.format("%,d recipients: %,d delivered, %,d bounced, %,d expired, %,d still queued"
                + " — %d destination%s%s", t.recipients(), t.delivered(), t.bounced(), t.expired(), t.stillQueued(),
                a.destinations().size(), a.destinations().size() == 1 ? "" : "s",
                a.cancelled() ? " (stopped early: partial figures)" : ""));
        selected.set(a.destinations().isEmpty() ? null : a.destinations().get(0));
    }

    /** Selects a destination by domain (null clears). */
    public void select(String domain) {
        LogAnalysis a = analysis.get();
        selected.set(a == null || domain == null ? null : a.destination(domain));
    }

    private void fillDays(LogAnalysis.Destination d) {
        if (d == null) {
            days.clear();
            return;
        }
        List<DayBar> out = new ArrayList<>();
        for (LogAnalysis.Day day : d.days()) {
            out.add(new DayBar(day.date().toString(), day.delivered(), day.deferredAttempts(), day.bounced(),
                    day.expired()));
        }
        days.setAll(out);
    }

    /** Throttling first, then TLS, then SPF/DMARC/blocklist: what a reader should look at. */
    static List<Pattern> patternsOf(LogAnalysis a) {
        ZoneId zone = ZoneId.of(a.zone());
        DateTimeFormatter ts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
        List<Pattern> out = new ArrayList<>();
        for (LogAnalysis.Throttle t : a.throttles()) {
            List<String> ev = new ArrayList<>();
            t.onsets().stream().limit(5).forEach(o -> ev.add("onset " + ts.format(o.at()) + " after "
                    + o.acceptedInPrevious24h() + " accepted in 24 h — " + line(o.evidence())));
            t.evidence().stream().skip(Math.min(5, t.onsets().size())).limit(5).forEach(l -> ev.add(line(l)));
            out.add(new Pattern("throttle", t.destination(), t.summary(), ev));
        }
        for (LogAnalysis.TlsFailures f : a.tlsInbound()) {
            out.add(tls("tls-inbound", "Inbound TLS handshakes from " + f.peer() + " fail", f));
        }
        for (LogAnalysis.TlsFailures f : a.tlsOutbound()) {
            out.add(tls("tls-outbound", "Outbound TLS to " + f.peer() + " fails", f));
        }
        for (LogAnalysis.PolicyRejections p : a.policyRejections()) {
            out.add(new Pattern("policy", p.destination(), p.destination() + " refuses mail citing "
                    + p.kind().toUpperCase(Locale.ROOT) + " (" + (p.permanent() + p.temporary()) + "×): " + p.example(),
                    p.evidence().stream().map(LogSummaryViewModel::line).toList()));
        }
        return out;
    }

    /** "maillog:1234: text": the file's own name, as in the Findings, not the folder it was opened from. */
    static String line(LogAnalysis.LogLine l) {
        if (l == null) {
            return "";
        }
        String name = l.file();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1) + ":" + l.line() + ": " + l.text();
    }

    private static Pattern tls(String kind, String title, LogAnalysis.TlsFailures f) {
        String reasons = f.reasons().isEmpty() ? "" : " — " + String.join(", ",
                f.reasons().stream().map(r -> r.reason() + " (" + r.count() + "×)").toList());
        return new Pattern(kind, f.peer(), title + ": " + f.failures() + " failure" + (f.failures() == 1 ? "" : "s")
                + reasons, f.evidence().stream().map(LogSummaryViewModel::line).toList());
    }
}
