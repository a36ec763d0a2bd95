package org.mailmedic.ui.findings;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ObservableSet;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.fix.FixGuide;
import org.mailmedic.engine.diagnosis.fix.FixLibrary;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.Verifier;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;

/**
 * State of the Findings screen: the findings (most serious first), the one selected, the mail
 * server the fixes are written for, the selected finding's fix guide, and its verify result.
 * Verify runs in a {@link Task} on the injected executor.
 */
public final class FindingsViewModel {

    private final Executor executor;
    private final ObjectProperty<Verifier> verifier = new SimpleObjectProperty<>();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObjectProperty<Finding> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<MailServer> server = new SimpleObjectProperty<>(MailServer.POSTFIX);
    private final BooleanProperty serverDetected = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<FixGuide> guide = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<VerifyResult> verifyResult = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty verifying = new SimpleBooleanProperty(false);
    private final IntegerProperty step = new SimpleIntegerProperty(0);
    private final ObservableSet<Integer> doneSteps = FXCollections.observableSet(new TreeSet<>());
    /** Per finding kind: the last verify result, kept when the user looks at another finding. */
    private final Map<String, VerifyResult> verifyResults = new LinkedHashMap<>();
    /** Per finding kind: how far the user went through its guide. */
    private final Map<String, Progress> progress = new LinkedHashMap<>();
    private Task<VerifyResult> verifyTask;
    private boolean switching;

    /**
     * How far the user went through one finding's fix guide.
     *
     * @param step the step shown last (0-based; the verify step follows the fix steps)
     * @param done the steps ticked as done (0-based)
     */
    public record Progress(int step, java.util.SortedSet<Integer> done) {
        public Progress {
            done = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(done));
        }
    }

    public FindingsViewModel(Executor executor, Verifier verifier) {
        this.executor = executor;
        this.verifier.set(verifier);
        selected.addListener((o, a, b) -> refreshGuide(true));
        server.addListener((o, a, b) -> refreshGuide(false));
        step.addListener((o, a, b) -> remember());
        doneSteps.addListener((javafx.collections.SetChangeListener<Integer>) c -> remember());
    }

    /** The step of the selected finding's guide on show (0-based). */
    public IntegerProperty stepProperty() {
        return step;
    }

    /** The steps of the selected finding's guide the user ticked as done (0-based). */
    public ObservableSet<Integer> doneSteps() {
        return doneSteps;
    }

    /** Ticks or unticks a step of the selected finding's guide. */
    public void setStepDone(int index, boolean done) {
        if (done) {
            doneSteps.add(index);
        } else {
            doneSteps.remove(index);
        }
    }

    /** The last verify result per finding kind (a copy). */
    public Map<String, VerifyResult> verifyResults() {
        return Map.copyOf(verifyResults);
    }

    /** The fix progress per finding kind (a copy). */
    public Map<String, Progress> progress() {
        return Map.copyOf(progress);
    }

    /**
     * Puts back a saved session's Findings screen: the findings, the mail server (and whether it
     * was detected), each finding's verify result and how far its fix went. Call on the FX thread.
     */
    public void restore(List<Finding> list, MailServer mailServer, boolean detected, Map<String, VerifyResult> verify,
            Map<String, Progress> fixProgress) {
        cancelVerify();
        verifyResults.clear();
        verifyResults.putAll(verify);
        progress.clear();
        progress.putAll(fixProgress);
        switching = true;
        try {
            if (mailServer != null) {
                server.set(mailServer);
            }
            serverDetected.set(mailServer != null && detected);
        } finally {
            switching = false;
        }
        findings.setAll(list.stream().sorted(Comparator.comparing(Finding::severity)).toList());
        selected.set(findings.isEmpty() ? null : findings.get(0));
        refreshGuide(true);
    }

    private void remember() {
        Finding f = selected.get();
        if (f == null || switching) {
            return;
        }
        progress.put(f.kind(), new Progress(step.get(), new TreeSet<>(doneSteps)));
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    /** Replaces the findings, most serious first, and selects the first. */
    public void setFindings(List<Finding> list) {
        findings.setAll(list.stream().sorted(Comparator.comparing(Finding::severity)).toList());
        selected.set(findings.isEmpty() ? null : findings.get(0));
    }

    public ObjectProperty<Finding> selectedProperty() {
        return selected;
    }

    public ObjectProperty<MailServer> serverProperty() {
        return server;
    }

    /** True when {@link #serverProperty()} was set from the evidence rather than by the user. */
    public BooleanProperty serverDetectedProperty() {
        return serverDetected;
    }

    public void setDetectedServer(Optional<MailServer> detected) {
        detected.ifPresent(s -> {
            server.set(s);
            serverDetected.set(true);
        });
    }

    public ObjectProperty<Verifier> verifierProperty() {
        return verifier;
    }

    public ReadOnlyObjectProperty<FixGuide> guideProperty() {
        return guide.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VerifyResult> verifyResultProperty() {
        return verifyResult.getReadOnlyProperty();
    }

    public BooleanProperty verifyingProperty() {
        return verifying;
    }

    private void refreshGuide(boolean findingChanged) {
        cancelVerify();
        Finding f = selected.get();
        verifyResult.set(f == null ? null : verifyResults.get(f.kind()));
        if (findingChanged) {
            switching = true;
            try {
                Progress p = f == null ? null : progress.get(f.kind());
                doneSteps.clear();
                if (p != null) {
                    doneSteps.addAll(p.done());
                }
                step.set(p == null ? 0 : p.step());
            } finally {
                switching = false;
            }
        } else {
            // Another mail server: another guide, whose steps are not the ones ticked; start it afresh.
            doneSteps.clear();
            step.set(0);
        }
        guide.set(f == null ? null : FixLibrary.guide(f.kind(), server.get(), f.facts()).orElse(null));
    }

    /** Runs the selected guide's verify step in the background. */
    public Task<VerifyResult> verify() {
        FixGuide g = guide.get();
        Verifier v = verifier.get();
        if (g == null || g.verify() == null || !g.verify().runnable() || v == null) {
            return null;
        }
        cancelVerify();
        Task<VerifyResult> task = new Task<>() {
            @Override
            protected VerifyResult call() {
                return v.verify(g.verify(), this::isCancelled);
            }
        };
        Finding about = selected.get();
        task.setOnSucceeded(e -> {
            verifying.set(false);
            if (about != null) {
                verifyResults.put(about.kind(), task.getValue());
            }
            if (selected.get() == about) {
                verifyResult.set(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            verifying.set(false);
            verifyResult.set(new VerifyResult(g.verify(), VerifyResult.Outcome.NOT_RUN,
                    "The check could not run: " + task.getException().getMessage(), List.of(), java.time.Instant.now()));
        });
        task.setOnCancelled(e -> verifying.set(false));
        verifyTask = task;
        verifying.set(true);
        executor.execute(task);
        return task;
    }

    public void cancelVerify() {
        if (verifyTask != null && verifyTask.isRunning()) {
            verifyTask.cancel();
        }
        verifying.set(false);
    }
}
