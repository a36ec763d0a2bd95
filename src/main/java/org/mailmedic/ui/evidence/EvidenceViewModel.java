package org.mailmedic.ui.evidence;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.evidence.EvidenceSniffer;
import org.mailmedic.engine.evidence.SampleCase;
import org.mailmedic.engine.evidence.SampleCases;

/**
 * State of the Evidence screen: the files handed in and what each turned out to be. Reading
 * files happens in a {@link Task} on the injected executor, never on the FX thread; the list
 * only changes on the FX thread (in the task's success handler).
 *
 * <p>Every change of the list starts one analysis {@link Task} (bounces read, all logs analysed
 * together) that replaces {@link #analysisProperty()} when it succeeds; the screens that show
 * bounces, the log summary, findings and the forecast all feed from that one result, so a log is
 * read once per change. A newer change cancels an analysis still running.
 */
public final class EvidenceViewModel {

    private final Executor executor;
    private final EvidenceSniffer sniffer;
    private final ObservableList<EvidenceFile> files = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Drop a bounce email or a mail server log to begin.");
    private final ObjectProperty<EvidenceSet> analysis = new SimpleObjectProperty<>(EvidenceSet.empty());
    private final Clock clock;
    private Task<?> current;
    private Task<EvidenceSet> analysisTask;
    private String lastSummary = "";

    public EvidenceViewModel(Executor executor) {
        this(executor, new EvidenceSniffer(), Clock.systemUTC());
    }

    public EvidenceViewModel(Executor executor, EvidenceSniffer sniffer, Clock clock) {
        this.executor = Objects.requireNonNull(executor);
        this.sniffer = Objects.requireNonNull(sniffer);
        this.clock = Objects.requireNonNull(clock);
    }

    Executor executor() {
        return executor;
    }

    /** The last finished analysis of the files in the list (empty before the first). */
    public ReadOnlyObjectProperty<EvidenceSet> analysisProperty() {
        return analysis;
    }

    public ObservableList<EvidenceFile> files() {
        return files;
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

    /** Reads the given files in the background and adds them to the list (each once). */
    public Task<List<EvidenceFile>> addFiles(List<Path> paths) {
        Set<Path> known = new LinkedHashSet<>();
        files.forEach(f -> known.add(f.path().toAbsolutePath().normalize()));
        List<Path> fresh = paths.stream()
                .filter(p -> !known.contains(p.toAbsolutePath().normalize()))
                .distinct()
                .toList();
        if (!fresh.isEmpty()) {
            stopAnalysis(); // a new one follows with the added files
        }
        Task<List<EvidenceFile>> task = new Task<>() {
            @Override
            protected List<EvidenceFile> call() {
                List<EvidenceFile> out = new ArrayList<>();
                for (int i = 0; i < fresh.size(); i++) {
                    if (isCancelled()) {
                        break;
                    }
                    updateMessage("Reading " + fresh.get(i).getFileName() + "…");
                    out.add(sniffer.sniff(fresh.get(i)));
                    updateProgress(i + 1, fresh.size());
                }
                return out;
            }
        };
        task.setOnSucceeded(e -> {
            List<EvidenceFile> read = task.getValue();
            files.addAll(read);
            finish(summary(read, paths.size() - fresh.size()));
            if (!read.isEmpty()) {
                analyze();
            }
        });
        task.setOnCancelled(e -> finish("Cancelled."));
        task.setOnFailed(e -> finish("Could not read the files: " + task.getException().getMessage()));
        start(task);
        return task;
    }

    /** Copies a shipped sample case out of the app and adds its files. */
    public Task<List<Path>> openSample(SampleCase sample) {
        Task<List<Path>> task = new Task<>() {
            @Override
            protected List<Path> call() throws Exception {
                updateMessage("Opening sample case “" + sample.title() + "”…");
                return SampleCases.extractToTemp(sample);
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            addFiles(task.getValue());
        });
        task.setOnFailed(e -> finish("Could not open the sample case: " + task.getException().getMessage()));
        task.setOnCancelled(e -> finish("Cancelled."));
        start(task);
        return task;
    }

    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    public void remove(EvidenceFile f) {
        if (files.remove(f)) {
            analyze();
        }
    }

    public void clear() {
        stopAnalysis();
        files.clear();
        analysis.set(EvidenceSet.empty());
        status.set("Drop a bounce email or a mail server log to begin.");
    }

    /**
     * Reads the bounces and analyses the logs of the current list in the background (progress,
     * Cancel); the result replaces {@link #analysisProperty()} on the FX thread. Call on the FX thread.
     */
    public Task<EvidenceSet> analyze() {
        stopAnalysis();
        List<EvidenceFile> snapshot = List.copyOf(files);
        EvidenceAnalysis engine = new EvidenceAnalysis(clock);
        String before = status.get();
        lastSummary = before == null ? "" : before;
        Task<EvidenceSet> task = new Task<>() {
            @Override
            protected EvidenceSet call() {
                updateMessage("Reading the evidence…");
                updateProgress(0, 1);
                EvidenceSet set = engine.analyzeSniffed(snapshot, p -> {
                    updateProgress(Math.min(1, Math.max(0, p)), 1);
                    updateMessage(String.format("Reading the evidence… %d%%", Math.round(p * 100)));
                }, this::isCancelled);
                if (isCancelled()) {
                    return null;
                }
                return set;
            }
        };
        task.setOnSucceeded(e -> {
            EvidenceSet set = task.getValue();
            finish(analysedSummary(lastSummary, set));
            if (set != null) {
                adoptChecksums(set.files());
                analysis.set(set);
            }
        });
        task.setOnCancelled(e -> {
            if (current == task) { // not when a newer change replaced it
                finish("Cancelled: the diagnosis still shows the evidence read before.");
            }
        });
        task.setOnFailed(e -> finish("Could not read the evidence: " + plain(task.getException())));
        analysisTask = task;
        start(task);
        return task;
    }

    /** Big logs get their checksum from the analysis that read them: the list (sessions, reports) takes it. */
    private void adoptChecksums(List<EvidenceFile> analysed) {
        for (int i = 0; i < files.size(); i++) {
            EvidenceFile f = files.get(i);
            if (!f.sha256().isEmpty()) {
                continue;
            }
            for (EvidenceFile a : analysed) {
                if (a.path().equals(f.path()) && !a.sha256().isEmpty()) {
                    files.set(i, a);
                    break;
                }
            }
        }
    }

    private void stopAnalysis() {
        if (analysisTask != null && !analysisTask.isDone()) {
            analysisTask.cancel();
        }
    }

    static String plain(Throwable t) {
        if (t == null) {
            return "unknown error.";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() + "." : m;
    }

    static String analysedSummary(String added, EvidenceSet set) {
        if (set == null) {
            return added;
        }
        long bounces = set.recipients().size();
        StringBuilder sb = new StringBuilder(added == null ? "" : added.strip());
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append("Read ");
        if (bounces > 0 || set.logs() == null) { // a log alone: no "0 bounced recipients"
            sb.append(String.format("%,d bounced recipient%s", bounces, bounces == 1 ? "" : "s"));
        }
        if (set.logs() != null) {
            long lines = set.logs().files().stream().mapToLong(f -> f.mailLines()).sum();
            sb.append(bounces > 0 ? " and " : "").append(String.format("%,d mail log line%s", lines, lines == 1 ? "" : "s"));
            if (set.logs().cancelled()) {
                sb.append(" (stopped early: partial figures)");
            }
        }
        return sb.append('.').toString();
    }

    private void start(Task<?> task) {
        current = task;
        busy.set(true);
        progress.bind(task.progressProperty());
        status.bind(task.messageProperty());
        executor.execute(task);
    }

    private void finish(String message) {
        progress.unbind();
        status.unbind();
        progress.set(0);
        busy.set(false);
        status.set(message);
    }

    static String summary(List<EvidenceFile> read, int duplicates) {
        long bad = read.stream().filter(f -> !f.usable()).count();
        StringBuilder sb = new StringBuilder();
        sb.append("Added ").append(read.size()).append(read.size() == 1 ? " file" : " files");
        if (bad > 0) {
            sb.append("; ").append(bad).append(bad == 1 ? " could not be used" : " could not be used").append(" (see the list)");
        }
        if (duplicates > 0) {
            sb.append("; ").append(duplicates).append(" already in the list");
        }
        return sb.append('.').toString();
    }
}
