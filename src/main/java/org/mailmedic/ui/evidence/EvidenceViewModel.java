package org.mailmedic.ui.evidence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
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
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.evidence.EvidenceSniffer;
import org.mailmedic.engine.evidence.SampleCase;
import org.mailmedic.engine.evidence.SampleCases;

/**
 * State of the Evidence screen: the files handed in and what each turned out to be. Reading
 * files happens in a {@link Task} on the injected executor, never on the FX thread; the list
 * only changes on the FX thread (in the task's success handler).
 */
public final class EvidenceViewModel {

    private final Executor executor;
    private final EvidenceSniffer sniffer;
    private final ObservableList<EvidenceFile> files = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Drop a bounce email or a mail server log to begin.");
    private Task<?> current;

    public EvidenceViewModel(Executor executor) {
        this(executor, new EvidenceSniffer());
    }

    public EvidenceViewModel(Executor executor, EvidenceSniffer sniffer) {
        this.executor = Objects.requireNonNull(executor);
        this.sniffer = Objects.requireNonNull(sniffer);
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
        if (current != null) {
            current.cancel();
        }
    }

    public void remove(EvidenceFile f) {
        files.remove(f);
    }

    public void clear() {
        files.clear();
        status.set("Drop a bounce email or a mail server log to begin.");
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
