package org.mailmedic.ui.export;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.fix.FixGuide;
import org.mailmedic.engine.diagnosis.fix.FixLibrary;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.forecast.LimitKind;
import org.mailmedic.engine.forecast.RetryPolicy;
import org.mailmedic.engine.session.Session;
import org.mailmedic.ui.check.CheckViewModel;
import org.mailmedic.ui.findings.FindingsViewModel;
import org.mailmedic.ui.forecast.ForecastViewModel;

/**
 * What a saved session holds of the screens beyond the evidence, and the way back: the Findings
 * screen's fix progress and verify results, the Live check's fields and results, the Forecast's
 * inputs as typed and the forecast shown. {@link #capture()} and {@link #restore(Session)} run
 * on the FX thread and only copy references (no disk, no network): the session file is read and
 * written by {@link SessionController} in a task.
 */
public final class SessionScreens {

    /** The screens' state at one moment, ready to be added to a {@link Session}. */
    public record State(boolean serverDetected, Map<String, Session.FixProgress> progress, Session.LiveCheck live,
            Session.ForecastInputs forecastInputs, Forecast forecast) {
    }

    private static final Map<ForecastViewModel.Field, String> TYPED_KEYS = Map.of(
            ForecastViewModel.Field.ARRIVALS, "arrivals", ForecastViewModel.Field.LIMIT, "limit",
            ForecastViewModel.Field.LIFETIME, "lifetimeDays", ForecastViewModel.Field.HORIZON, "horizonDays",
            ForecastViewModel.Field.BACKLOG, "backlog");

    private final FindingsViewModel findings;
    private final CheckViewModel check;
    private final ForecastViewModel forecast;

    public SessionScreens(FindingsViewModel findings, CheckViewModel check, ForecastViewModel forecast) {
        this.findings = Objects.requireNonNull(findings);
        this.check = Objects.requireNonNull(check);
        this.forecast = Objects.requireNonNull(forecast);
    }

    /** Reads the screens (FX thread; cheap). */
    public State capture() {
        Map<String, Session.FixProgress> progress = new LinkedHashMap<>();
        findings.progress().forEach((kind, p) -> progress.put(kind,
                new Session.FixProgress(p.step(), List.copyOf(p.done()))));
        Session.LiveCheck live = new Session.LiveCheck(check.domainProperty().get(), check.sendingIpProperty().get(),
                check.dkimSelectorProperty().get(), check.dnsServerProperty().get(), check.lastResultProperty().get(),
                check.lastSmtpProperty().get());
        return new State(findings.serverDetectedProperty().get(), progress, live, forecastInputs(),
                forecast.forecastProperty().get());
    }

    private Session.ForecastInputs forecastInputs() {
        Map<String, String> typed = new LinkedHashMap<>();
        forecast.typedInputs().forEach((f, v) -> typed.put(TYPED_KEYS.get(f), v == null ? "" : v));
        double[] hours = forecast.hourProfile();
        List<Double> hourList = null;
        if (hours != null) {
            hourList = new ArrayList<>();
            for (double h : hours) {
                hourList.add(h);
            }
        }
        List<String> fromLogs = forecast.inferredFields().stream().map(Enum::name).toList();
        RetryPolicy policy = forecast.policyProperty().get();
        LimitKind kind = forecast.limitKindProperty().get();
        Forecast shown = forecast.forecastProperty().get();
        Forecast.Inputs used = shown == null ? null : shown.inputs();
        return new Session.ForecastInputs(forecast.destinationProperty().get(),
                used == null ? 0 : used.arrivalsPerDay(), used == null ? -1 : used.limit(),
                kind == null ? null : kind.cliName(), policy == null ? null : policy.id(),
                used == null ? 0 : used.lifetimeDays(), used == null ? -1 : used.horizonDays(),
                used == null ? -1 : used.backlog(), typed, hourList, fromLogs);
    }

    /**
     * Puts the session's findings, fix progress, verify results, live check and forecast back on
     * their screens (FX thread). The evidence files are the caller's: they are read again in a task.
     */
    public void restore(Session s) {
        MailServer server = MailServer.fromId(s.mailServer()).orElse(null);
        MailServer guideServer = server != null ? server : findings.serverProperty().get();
        Map<String, VerifyResult> verify = new LinkedHashMap<>();
        s.verify().forEach((kind, r) -> verifyResult(kind, r, s.findings(), guideServer)
                .ifPresent(v -> verify.put(kind, v)));
        Map<String, FindingsViewModel.Progress> progress = new LinkedHashMap<>();
        s.fixProgress().forEach((kind, p) -> progress.put(kind,
                new FindingsViewModel.Progress(p.step(), new java.util.TreeSet<>(p.done()))));
        findings.restore(s.findings(), server, s.mailServerDetected(), verify, progress);

        Session.LiveCheck live = s.live();
        if (live != null) {
            check.restore(live.domain(), live.sendingIp(), live.dkimSelector(), live.dnsServer(), live.dns(),
                    live.smtp());
        } else {
            // A session from before the screens were saved: the domain at least.
            check.restore(s.domain(), "", "", check.dnsServerProperty().get(), null, null);
        }
        restoreForecast(s.forecastInputs(), s.forecast());
    }

    private void restoreForecast(Session.ForecastInputs in, Forecast shown) {
        if (in == null) {
            return;
        }
        Map<ForecastViewModel.Field, String> typed = new LinkedHashMap<>();
        if (!in.typed().isEmpty()) {
            TYPED_KEYS.forEach((f, key) -> {
                if (in.typed().containsKey(key)) {
                    typed.put(f, in.typed().get(key));
                }
            });
        } else {
            // An older file: the numbers the forecast used.
            typed.put(ForecastViewModel.Field.ARRIVALS, number(in.arrivalsPerDay()));
            typed.put(ForecastViewModel.Field.LIMIT, Integer.toString(in.limit()));
            typed.put(ForecastViewModel.Field.LIFETIME, number(in.lifetimeDays()));
            typed.put(ForecastViewModel.Field.HORIZON, Integer.toString(in.horizonDays()));
            typed.put(ForecastViewModel.Field.BACKLOG, Long.toString(in.backlog()));
        }
        double[] hours = null;
        if (in.hourProfile() != null && in.hourProfile().size() == 24) {
            hours = in.hourProfile().stream().mapToDouble(d -> d == null ? 0 : d).toArray();
        }
        Set<ForecastViewModel.Field> fromLogs = EnumSet.noneOf(ForecastViewModel.Field.class);
        for (String f : in.fromLogs()) {
            try {
                fromLogs.add(ForecastViewModel.Field.valueOf(f));
            } catch (IllegalArgumentException e) {
                // a field this version does not have: nothing to mark
            }
        }
        LimitKind kind = LimitKind.parse(in.limitKind()).orElse(null);
        RetryPolicy policy = RetryPolicy.forMta(in.policy()).orElse(null);
        forecast.restore(in.destination(), typed, kind, policy, hours, fromLogs, shown);
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A saved verify result with the verify step it belongs to (from the finding's guide). */
    static Optional<VerifyResult> verifyResult(String kind, Session.VerifyRecord r, List<Finding> list,
            MailServer server) {
        VerifyResult.Outcome outcome;
        try {
            outcome = VerifyResult.Outcome.valueOf(r.outcome().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (RuntimeException e) {
            outcome = VerifyResult.Outcome.NOT_RUN;
        }
        VerifyResult.Outcome o = outcome;
        return list.stream().filter(f -> f.kind().equals(kind)).findFirst()
                .flatMap(f -> FixLibrary.guide(kind, server, f.facts())).map(FixGuide::verify)
                .map(spec -> new VerifyResult(spec, o, r.summary() == null ? "" : r.summary(), r.details(), r.at()));
    }
}
