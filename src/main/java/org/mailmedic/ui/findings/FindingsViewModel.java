package org.mailmedic.ui.findings;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
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
    private Task<VerifyResult> verifyTask;

    public FindingsViewModel(Executor executor, Verifier verifier) {
        this.executor = executor;
        this.verifier.set(verifier);
        selected.addListener((o, a, b) -> refreshGuide());
        server.addListener((o, a, b) -> refreshGuide());
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

    private void refreshGuide() {
        cancelVerify();
        verifyResult.set(null);
        Finding f = selected.get();
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
        task.setOnSucceeded(e -> {
            verifying.set(false);
            verifyResult.set(task.getValue());
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
