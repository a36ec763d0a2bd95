package org.mailmedic.ui.export;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.report.JsonReportWriter;
import org.mailmedic.engine.report.PdfOptions;
import org.mailmedic.engine.report.PdfReportWriter;
import org.mailmedic.engine.report.ProviderPack;
import org.mailmedic.engine.report.ReportAssembler;
import org.mailmedic.engine.report.ReportModel;

/**
 * The Export screen's state: options (redaction, full report or provider pack for one
 * destination), a preview of the first page, and exports to PDF and JSON. Every build, render
 * and write runs as a {@link Task} on the executor; the FX thread only takes the snapshot.
 */
public final class ExportViewModel {

    /** Preview resolution: enough to read the headline, small enough to render fast. */
    static final float PREVIEW_DPI = 60;

    private final Executor executor;
    private final ReportSource source;
    private final Clock clock;

    private final BooleanProperty redact = new SimpleBooleanProperty(false);
    private final BooleanProperty providerPack = new SimpleBooleanProperty(false);
    private final StringProperty destination = new SimpleStringProperty("");
    private final ObservableList<String> destinations = FXCollections.observableArrayList();
    private final ObjectProperty<byte[]> preview = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<Path> lastPdf = new SimpleObjectProperty<>();
    private Task<?> running;

    public ExportViewModel(Executor executor, ReportSource source, Clock clock) {
        this.executor = executor;
        this.source = source;
        this.clock = clock;
    }

    public BooleanProperty redactProperty() {
        return redact;
    }

    public BooleanProperty providerPackProperty() {
        return providerPack;
    }

    public StringProperty destinationProperty() {
        return destination;
    }

    /** The destinations findings name: the choices for a provider pack. */
    public ObservableList<String> destinations() {
        return destinations;
    }

    /** The first page as PNG bytes, null until rendered. */
    public ObjectProperty<byte[]> previewProperty() {
        return preview;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The PDF written last, for "Open the PDF". */
    public ObjectProperty<Path> lastPdfProperty() {
        return lastPdf;
    }

    /** The PDF options the current choices mean. */
    PdfOptions options() {
        PdfOptions o = PdfOptions.defaults().withRedact(redact.get());
        String d = destination.get() == null ? "" : destination.get().strip();
        return providerPack.get() && !d.isEmpty() ? o.withVariant(PdfOptions.Variant.providerPack(d)) : o;
    }

    /** Builds the report model from a snapshot: analyses the files and infers the forecast if needed. */
    ReportModel build(ReportSource.Snapshot s) {
        EvidenceSet ev = s.evidence() != null ? s.evidence()
                : new EvidenceAnalysis(clock).analyzeSniffed(s.files(), p -> { }, () -> false);
        Forecast f = s.forecast() != null ? s.forecast()
                : ReportAssembler.forecastFromLogs(ev.logs(), s.server() == null ? null : s.server().id()).orElse(null);
        return ReportAssembler.assemble(new ReportAssembler.Input(s.domain(), ev, s.findings(), s.server(), s.verify(),
                s.dns(), s.smtp(), f), clock);
    }

    /** Renders the preview of the first page with the current options. Call on the FX thread. */
    public Task<byte[]> refreshPreview() {
        ReportSource.Snapshot s = source.snapshot();
        PdfOptions o = options();
        Task<byte[]> t = new Task<>() {
            @Override
            protected byte[] call() throws Exception {
                updateMessage("Preparing the preview…");
                ReportModel m = build(s);
                List<String> dests = ProviderPack.destinations(m);
                javafx.application.Platform.runLater(() -> {
                    if (!destinations.equals(dests)) {
                        destinations.setAll(dests);
                    }
                    if ((destination.get() == null || destination.get().isBlank()) && !dests.isEmpty()) {
                        destination.set(dests.get(0));
                    }
                });
                PdfOptions use = o.variant().isProviderPack() && !dests.contains(o.variant().providerDestination())
                        ? o.withVariant(PdfOptions.Variant.full()) : o;
                return PdfReportWriter.firstPagePng(m, use, PREVIEW_DPI);
            }
        };
        t.setOnSucceeded(e -> {
            preview.set(t.getValue());
            finish("");
        });
        start(t, "Could not prepare the preview");
        return t;
    }

    /** Writes the PDF to {@code out}. Call on the FX thread. */
    public Task<Path> exportPdf(Path out) {
        ReportSource.Snapshot s = source.snapshot();
        PdfOptions o = options();
        Task<Path> t = new Task<>() {
            @Override
            protected Path call() throws Exception {
                updateMessage("Reading the evidence…");
                updateProgress(0.2, 1);
                ReportModel m = build(s);
                updateMessage("Writing " + out.getFileName() + "…");
                updateProgress(0.6, 1);
                PdfReportWriter.write(m, out, o);
                updateProgress(1, 1);
                return out;
            }
        };
        t.setOnSucceeded(e -> {
            lastPdf.set(t.getValue());
            finish("Saved " + t.getValue() + ".");
        });
        start(t, "The PDF was not saved");
        return t;
    }

    /** Writes the JSON report to {@code out} (provider pack and redaction as chosen). Call on the FX thread. */
    public Task<Path> exportJson(Path out) {
        ReportSource.Snapshot s = source.snapshot();
        PdfOptions o = options();
        Task<Path> t = new Task<>() {
            @Override
            protected Path call() throws Exception {
                updateMessage("Writing " + out.getFileName() + "…");
                ReportModel m = build(s);
                if (o.variant().isProviderPack()) {
                    m = ProviderPack.derive(m, o.variant().providerDestination());
                }
                JsonReportWriter.write(m, out, o.redact());
                return out;
            }
        };
        t.setOnSucceeded(e -> finish("Saved " + t.getValue() + "."));
        start(t, "The JSON was not saved");
        return t;
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void start(Task<?> t, String failure) {
        if (running != null && running.isRunning()) {
            running.cancel();
        }
        running = t;
        busy.set(true);
        progress.unbind();
        progress.bind(t.progressProperty());
        status.set("Working…");
        t.messageProperty().addListener((o, a, b) -> {
            if (b != null && !b.isEmpty()) {
                status.set(b);
            }
        });
        t.setOnFailed(e -> {
            Throwable x = t.getException();
            finish(failure + ": " + (x == null || x.getMessage() == null ? String.valueOf(x) : x.getMessage()));
        });
        t.setOnCancelled(e -> finish("Cancelled."));
        executor.execute(t);
    }

    private void finish(String message) {
        progress.unbind();
        progress.set(0);
        busy.set(false);
        status.set(message);
    }
}
