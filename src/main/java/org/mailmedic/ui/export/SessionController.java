package org.mailmedic.ui.export;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.report.ReportModel;
import org.mailmedic.engine.session.Session;
import org.mailmedic.engine.session.SessionStore;
import org.mailmedic.engine.session.Settings;

/**
 * File &gt; Save session and Open session, and the settings kept between runs. Disk work runs
 * on the executor; results come back on the FX thread through the callbacks.
 */
public final class SessionController {

    private final Executor executor;
    private final ReportSource source;
    private final ExportViewModel export;
    private final Clock clock;
    private final Path settingsFile;
    private final ObjectProperty<Settings> settings = new SimpleObjectProperty<>(Settings.defaults());
    private final java.util.function.Supplier<SessionScreens.State> screens;

    /** Saves only what the report source holds (no fix progress, live fields or forecast as typed). */
    public SessionController(Executor executor, ReportSource source, ExportViewModel export, Clock clock,
            Path settingsFile) {
        this(executor, source, () -> null, export, clock, settingsFile);
    }

    /**
     * @param screens reads the screens' state on the FX thread when saving (see {@link SessionScreens#capture()});
     *                may return null
     */
    public SessionController(Executor executor, ReportSource source,
            java.util.function.Supplier<SessionScreens.State> screens, ExportViewModel export, Clock clock,
            Path settingsFile) {
        this.executor = executor;
        this.source = source;
        this.screens = screens;
        this.export = export;
        this.clock = clock;
        this.settingsFile = settingsFile;
    }

    /** The settings; set a new value to change them (it is saved in the background). */
    public ObjectProperty<Settings> settingsProperty() {
        return settings;
    }

    /** Loads the settings in the background, then saves every change. {@code problem} hears about a damaged file. */
    public Task<Settings.Loaded> loadSettings(Consumer<String> problem) {
        Task<Settings.Loaded> t = new Task<>() {
            @Override
            protected Settings.Loaded call() {
                return Settings.load(settingsFile);
            }
        };
        t.setOnSucceeded(e -> {
            settings.set(t.getValue().settings());
            if (t.getValue().problem() != null) {
                problem.accept(t.getValue().problem());
            }
            settings.addListener((o, a, b) -> {
                if (b != null && !b.equals(a)) {
                    executor.execute(() -> {
                        try {
                            b.save(settingsFile);
                        } catch (java.io.IOException x) {
                            javafx.application.Platform.runLater(() -> problem.accept(x.getMessage()));
                        }
                    });
                }
            });
        });
        executor.execute(t);
        return t;
    }

    /** Remembers a file among the recent ones. */
    public void remember(Path file) {
        settings.set(settings.get().withRecentFile(file));
    }

    /** Saves the session to {@code out}; {@code done} gets null on success or the problem. */
    public Task<Path> save(Path out, Consumer<String> done) {
        ReportSource.Snapshot s = source.snapshot();
        SessionScreens.State screen = screens.get();
        Task<Path> t = new Task<>() {
            @Override
            protected Path call() throws Exception {
                updateMessage("Saving the session…");
                ReportModel report = export.build(s);
                List<Session.FileRef> refs = new ArrayList<>();
                for (EvidenceFile f : s.files()) {
                    refs.add(new Session.FileRef(f.path().toAbsolutePath().toString(), f.sha256(), f.size(),
                            f.kind().label()));
                }
                Map<String, Session.VerifyRecord> verify = new LinkedHashMap<>();
                for (Map.Entry<String, VerifyResult> v : s.verify().entrySet()) {
                    VerifyResult r = v.getValue();
                    verify.put(v.getKey(), new Session.VerifyRecord(r.outcome().name().toLowerCase(java.util.Locale.ROOT),
                            r.summary(), r.details(), r.at()));
                }
                Session.ForecastInputs fi = null;
                Forecast f = s.forecast();
                if (f != null) {
                    Forecast.Inputs i = f.inputs();
                    fi = new Session.ForecastInputs(f.destination(), i.arrivalsPerDay(), i.limit(), i.limitKind(),
                            i.policy(), i.lifetimeDays(), i.horizonDays(), i.backlog());
                }
                Session session = Session.of(clock.instant(), report.domain(), refs, s.findings(),
                        s.server() == null ? null : s.server().id(), verify, fi, report);
                if (screen != null) {
                    session = new Session(session.schemaVersion(), session.type(), session.savedAt(),
                            session.domain(), refs, s.findings(), session.mailServer(), verify,
                            screen.forecastInputs() != null ? screen.forecastInputs() : fi, report,
                            screen.serverDetected(), screen.progress(), screen.live(), screen.forecast());
                }
                SessionStore.save(session, out);
                return out;
            }
        };
        t.setOnSucceeded(e -> {
            remember(out);
            done.accept(null);
        });
        t.setOnFailed(e -> done.accept(t.getException() == null ? "The session was not saved."
                : t.getException().getMessage()));
        executor.execute(t);
        return t;
    }

    /** Opens a session; {@code opened} gets it on the FX thread, {@code failed} the problem. */
    public Task<SessionStore.Loaded> open(Path in, Consumer<SessionStore.Loaded> opened, Consumer<String> failed) {
        Task<SessionStore.Loaded> t = new Task<>() {
            @Override
            protected SessionStore.Loaded call() throws Exception {
                return SessionStore.load(in);
            }
        };
        t.setOnSucceeded(e -> {
            remember(in);
            opened.accept(t.getValue());
        });
        t.setOnFailed(e -> failed.accept(t.getException() == null ? "The session could not be opened."
                : t.getException().getMessage()));
        executor.execute(t);
        return t;
    }
}
