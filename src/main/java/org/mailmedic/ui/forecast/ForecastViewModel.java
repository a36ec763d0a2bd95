package org.mailmedic.ui.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.mailmedic.engine.forecast.FieldProblem;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.forecast.ForecastInput;
import org.mailmedic.engine.forecast.LimitKind;
import org.mailmedic.engine.forecast.QueueForecaster;
import org.mailmedic.engine.forecast.RetryPolicy;

/**
 * State of the Forecast screen: the inputs as the user typed them, a message per field when one
 * cannot be used, which inputs came from the logs, and the latest forecast with its verdict.
 *
 * <p>Forecasts are computed by a {@link Runner} — in the window a {@link Task} on the app's
 * executor ({@link #taskRunner}) — never on the FX thread; a result that arrives after the
 * inputs changed again is dropped. Any input change calls the injected debouncer, which in the
 * window restarts a short pause before {@link #recompute()}; tests pass {@code Runnable::run} and
 * an inline runner, so the view-model needs no toolkit.
 */
public final class ForecastViewModel {

    /** Starts a forecast off the FX thread and reports back on it. */
    @FunctionalInterface
    public interface Runner {
        /** @return something that cancels the computation */
        Runnable start(ForecastInput input, Consumer<Forecast> onSuccess, Consumer<Throwable> onFailure);
    }

    /** The fields that can carry a message. */
    public enum Field {
        ARRIVALS, LIMIT, LIMIT_KIND, POLICY, LIFETIME, HORIZON, BACKLOG
    }

    private final Runner runner;
    private final Consumer<Runnable> debouncer;

    private final StringProperty destination = new SimpleStringProperty("");
    private final StringProperty arrivals = new SimpleStringProperty("");
    private final StringProperty limit = new SimpleStringProperty("");
    private final ObjectProperty<LimitKind> limitKind = new SimpleObjectProperty<>(LimitKind.ROLLING_24H);
    private final ObjectProperty<RetryPolicy> policy = new SimpleObjectProperty<>(RetryPolicy.postfix());
    private final StringProperty lifetimeDays = new SimpleStringProperty("5");
    private final StringProperty horizonDays = new SimpleStringProperty("14");
    private final StringProperty backlog = new SimpleStringProperty("0");
    private double[] hourProfile;

    private final Map<Field, StringProperty> errors = new LinkedHashMap<>();
    private final Map<Field, BooleanProperty> inferred = new LinkedHashMap<>();
    private final ObjectProperty<Forecast> forecast = new SimpleObjectProperty<>();
    private final StringProperty verdict = new SimpleStringProperty(
            "Enter the messages a day for the destination and its limit to see whether the queue drains.");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty inputsValid = new SimpleBooleanProperty(false);

    private long generation;
    private Runnable cancelCurrent;
    private boolean applying;
    private boolean restoring;

    /** In the window: forecasts in a {@link Task} on {@code executor}, debounced by the caller's pause. */
    public ForecastViewModel(Executor executor, Consumer<Runnable> debouncer) {
        this(taskRunner(executor), debouncer);
    }

    public ForecastViewModel(Runner runner, Consumer<Runnable> debouncer) {
        this.runner = Objects.requireNonNull(runner);
        this.debouncer = Objects.requireNonNull(debouncer);
        for (Field f : Field.values()) {
            errors.put(f, new SimpleStringProperty(""));
            inferred.put(f, new SimpleBooleanProperty(false));
        }
        watch(arrivals, Field.ARRIVALS);
        watch(limit, Field.LIMIT);
        watch(limitKind, Field.LIMIT_KIND);
        watch(policy, Field.POLICY);
        watch(lifetimeDays, Field.LIFETIME);
        watch(horizonDays, Field.HORIZON);
        watch(backlog, Field.BACKLOG);
        policy.addListener((o, was, now) -> {
            // A different MTA brings its own queue lifetime, unless the user typed one.
            if (now != null && !applying) {
                lifetimeDays.set(days(now.defaultLifetimeSeconds() / 86_400.0));
            }
        });
    }

    private void watch(javafx.beans.value.ObservableValue<?> p, Field f) {
        p.addListener((o, was, now) -> {
            if (!applying) {
                inferred.get(f).set(false);
            }
            if (!restoring) {
                debouncer.accept(this::recompute);
            }
        });
    }

    /**
     * Fills the inputs with values inferred from the user's logs and marks them "from your logs";
     * the user can still edit each (which removes the mark).
     *
     * @param destination    the receiving domain
     * @param arrivalsPerDay messages a day for it seen in the logs
     * @param limit          the acceptance limit seen (per {@code limitKind} period), 0 or less if unknown
     * @param hourProfile    24 weights of arrivals by hour of day, or null
     * @param limitKind      how the limit counts, or null to keep the current kind
     * @param mta            the sending MTA's name ("postfix", "sendmail", …), or null to keep
     * @param queued         messages queued for the destination now, or a negative number if unknown
     */
    public void applyInferred(String destination, double arrivalsPerDay, int limit, double[] hourProfile,
            LimitKind limitKind, String mta, int queued) {
        applying = true;
        try {
            this.destination.set(destination == null ? "" : destination);
            this.hourProfile = hourProfile == null ? null : hourProfile.clone();
            if (Double.isFinite(arrivalsPerDay) && arrivalsPerDay >= 0) {
                arrivals.set(number(arrivalsPerDay));
                inferred.get(Field.ARRIVALS).set(true);
            }
            if (limit > 0) {
                this.limit.set(Integer.toString(limit));
                inferred.get(Field.LIMIT).set(true);
            }
            if (limitKind != null) {
                this.limitKind.set(limitKind);
                inferred.get(Field.LIMIT_KIND).set(true);
            }
            RetryPolicy p = mta == null ? null : RetryPolicy.forMta(mta).orElse(null);
            if (p != null) {
                policy.set(p);
                lifetimeDays.set(days(p.defaultLifetimeSeconds() / 86_400.0));
                inferred.get(Field.POLICY).set(true);
            }
            if (queued >= 0) {
                backlog.set(Integer.toString(queued));
                inferred.get(Field.BACKLOG).set(true);
            }
        } finally {
            applying = false;
        }
        debouncer.accept(this::recompute);
    }

    /** {@link #applyInferred(String, double, int, double[], LimitKind, String, int)} with the rest unknown. */
    public void applyInferred(String destination, double arrivalsPerDay, int limitPerDay, double[] hourProfile) {
        applyInferred(destination, arrivalsPerDay, limitPerDay, hourProfile, null, null, -1);
    }

    /** The text fields as typed, for saving a session. */
    public Map<Field, String> typedInputs() {
        Map<Field, String> m = new LinkedHashMap<>();
        m.put(Field.ARRIVALS, arrivals.get());
        m.put(Field.LIMIT, limit.get());
        m.put(Field.LIFETIME, lifetimeDays.get());
        m.put(Field.HORIZON, horizonDays.get());
        m.put(Field.BACKLOG, backlog.get());
        return m;
    }

    /** The arrivals' hour-of-day weights read from the logs, or null. */
    public double[] hourProfile() {
        return hourProfile == null ? null : hourProfile.clone();
    }

    /** The fields currently marked "from your logs". */
    public java.util.Set<Field> inferredFields() {
        java.util.Set<Field> s = java.util.EnumSet.noneOf(Field.class);
        inferred.forEach((f, p) -> {
            if (p.get()) {
                s.add(f);
            }
        });
        return s;
    }

    /**
     * Puts back the screen as a saved session had it: the inputs as typed, which came from the
     * logs, and the forecast shown then (not computed again, so it reads as it did even if the
     * model has changed since). Without a saved forecast the inputs are checked and forecast
     * anew. Call on the FX thread.
     *
     * @param typed    text per field (missing fields keep their current text)
     * @param kind     the limit kind, or null to keep
     * @param policy   the retry policy, or null to keep
     * @param fromLogs the fields to mark "from your logs"
     * @param shown    the forecast to show, or null
     */
    public void restore(String destination, Map<Field, String> typed, LimitKind kind, RetryPolicy policy,
            double[] hours, java.util.Set<Field> fromLogs, Forecast shown) {
        applying = true;
        restoring = true;
        try {
            this.destination.set(destination == null ? "" : destination);
            this.hourProfile = hours == null || hours.length != 24 ? null : hours.clone();
            if (policy != null) {
                this.policy.set(policy);
            }
            if (kind != null) {
                this.limitKind.set(kind);
            }
            Map<Field, StringProperty> texts = Map.of(Field.ARRIVALS, arrivals, Field.LIMIT, limit, Field.LIFETIME,
                    lifetimeDays, Field.HORIZON, horizonDays, Field.BACKLOG, backlog);
            typed.forEach((f, v) -> {
                if (texts.containsKey(f) && v != null) {
                    texts.get(f).set(v);
                }
            });
            inferred.forEach((f, p) -> p.set(fromLogs != null && fromLogs.contains(f)));
        } finally {
            applying = false;
            restoring = false;
        }
        if (shown == null) {
            recompute();
            return;
        }
        generation++;
        if (cancelCurrent != null) {
            cancelCurrent.run();
            cancelCurrent = null;
        }
        errors.values().forEach(e -> e.set(""));
        inputsValid.set(true);
        busy.set(false);
        forecast.set(shown);
        verdict.set(capitalise(shown.verdict()) + ".");
    }

    /**
     * Checks the inputs; shows a message next to each field that cannot be used and clears the
     * chart, or starts a forecast. Call on the FX thread.
     */
    public void recompute() {
        generation++;
        if (cancelCurrent != null) {
            cancelCurrent.run();
            cancelCurrent = null;
        }
        errors.values().forEach(e -> e.set(""));
        ForecastInput in = readInput();
        if (in != null) {
            for (FieldProblem p : in.validate()) {
                Field f = fieldOf(p.field());
                if (errors.get(f).get().isEmpty()) {
                    errors.get(f).set(capitalise(p.message()));
                }
            }
        }
        boolean ok = errors.values().stream().allMatch(e -> e.get().isEmpty());
        inputsValid.set(ok);
        if (!ok) {
            busy.set(false);
            forecast.set(null);
            verdict.set("Fix the highlighted inputs to see the forecast.");
            return;
        }
        long mine = generation;
        busy.set(true);
        cancelCurrent = runner.start(in, f -> {
            if (mine == generation) {
                busy.set(false);
                cancelCurrent = null;
                forecast.set(f);
                verdict.set(capitalise(f.verdict()) + ".");
            }
        }, t -> {
            if (mine == generation) {
                busy.set(false);
                cancelCurrent = null;
                forecast.set(null);
                verdict.set("The forecast could not be computed: " + t.getMessage());
            }
        });
    }

    /** The input as typed, or null with field messages set when something is not a number. */
    ForecastInput readInput() {
        Double a = parse(arrivals.get(), Field.ARRIVALS, "messages a day");
        Double l = parse(limit.get(), Field.LIMIT, "the limit");
        Double life = parse(lifetimeDays.get(), Field.LIFETIME, "the queue lifetime");
        Double h = parse(horizonDays.get(), Field.HORIZON, "the days to forecast");
        Double b = parse(backlog.get().isBlank() ? "0" : backlog.get(), Field.BACKLOG, "the messages already queued");
        Integer li = whole(l, Field.LIMIT);
        Integer hi = whole(h, Field.HORIZON);
        Integer bi = whole(b, Field.BACKLOG);
        if (a == null || li == null || life == null || hi == null || bi == null) {
            return null;
        }
        if (bi < 0) {
            errors.get(Field.BACKLOG).set("The messages already queued cannot be negative");
            return null;
        }
        return ForecastInput.builder().destination(destination.get()).arrivalsPerDay(a).limit(li)
                .limitKind(limitKind.get()).policy(policy.get()).lifetimeDays(life).horizonDays(hi)
                .backlog(bi, 86_400).hourProfile(hourProfile).build();
    }

    private Double parse(String text, Field f, String what) {
        String t = text == null ? "" : text.trim().replace(",", "");
        if (t.isEmpty()) {
            errors.get(f).set("Enter " + what);
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            errors.get(f).set(capitalise(what) + " must be a number, not “" + text.trim() + "”");
            return null;
        }
    }

    private Integer whole(Double v, Field f) {
        if (v == null) {
            return null;
        }
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            errors.get(f).set("Enter a whole number");
            return null;
        }
        return v.intValue();
    }

    private static Field fieldOf(String engineField) {
        return switch (engineField) {
            case ForecastInput.F_ARRIVALS, ForecastInput.F_HOUR_PROFILE -> Field.ARRIVALS;
            case ForecastInput.F_LIMIT -> Field.LIMIT;
            case ForecastInput.F_LIMIT_KIND -> Field.LIMIT_KIND;
            case ForecastInput.F_POLICY -> Field.POLICY;
            case ForecastInput.F_LIFETIME -> Field.LIFETIME;
            case ForecastInput.F_BACKLOG -> Field.BACKLOG;
            default -> Field.HORIZON;
        };
    }

    /** Runs each forecast in a {@link Task} (cancellable) on the executor; callbacks on the FX thread. */
    public static Runner taskRunner(Executor executor) {
        Objects.requireNonNull(executor);
        return (input, onSuccess, onFailure) -> {
            Task<Forecast> task = new Task<>() {
                @Override
                protected Forecast call() {
                    updateMessage("Forecasting…");
                    return QueueForecaster.forecast(input);
                }
            };
            task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
            task.setOnFailed(e -> onFailure.accept(task.getException()));
            executor.execute(task);
            return () -> task.cancel(true);
        };
    }

    /** A runner that computes at once on the calling thread (tests, and headless use). */
    public static Runner inlineRunner() {
        return (input, onSuccess, onFailure) -> {
            try {
                onSuccess.accept(QueueForecaster.forecast(input));
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
            return () -> {
            };
        };
    }

    static String number(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }

    private static String days(double d) {
        return number(d);
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public StringProperty destinationProperty() {
        return destination;
    }

    public StringProperty arrivalsProperty() {
        return arrivals;
    }

    public StringProperty limitProperty() {
        return limit;
    }

    public ObjectProperty<LimitKind> limitKindProperty() {
        return limitKind;
    }

    public ObjectProperty<RetryPolicy> policyProperty() {
        return policy;
    }

    public StringProperty lifetimeDaysProperty() {
        return lifetimeDays;
    }

    public StringProperty horizonDaysProperty() {
        return horizonDays;
    }

    public StringProperty backlogProperty() {
        return backlog;
    }

    /** The message to show next to a field ("" when none). */
    public ReadOnlyStringProperty errorProperty(Field f) {
        return errors.get(f);
    }

    /** Whether a field's value came from the logs (and has not been edited since). */
    public ReadOnlyBooleanProperty inferredProperty(Field f) {
        return inferred.get(f);
    }

    public ReadOnlyObjectProperty<Forecast> forecastProperty() {
        return forecast;
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty inputsValidProperty() {
        return inputsValid;
    }

    /** The shipped retry policies, for the choice of mail server. */
    public static List<RetryPolicy> policies() {
        return RetryPolicy.all();
    }
}
