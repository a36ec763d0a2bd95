package org.mailmedic.engine.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Will this backlog ever drain? Runs the {@link QueueSimulation} for the input and for each
 * proposed fix, reads the verdict off the simulated course, and adds the {@link FluidModel}'s
 * numbers as a cross-check.
 *
 * <p>"Drained" means the queue is down to under one hour's worth of arrivals (at least one
 * message) and stays there until the end of the horizon.
 */
public final class QueueForecaster {

    static final double WEEK_DAYS = 7;

    private QueueForecaster() {
    }

    /**
     * Forecasts the queue.
     *
     * @throws InvalidForecastInputException when {@link ForecastInput#validate()} finds problems
     */
    public static Forecast forecast(ForecastInput in) {
        return forecast(in, true);
    }

    /**
     * Forecasts the queue; with {@code withScenarios} false only the current situation is
     * simulated (one simulation instead of one per fix), as a slider being dragged needs.
     *
     * @throws InvalidForecastInputException when {@link ForecastInput#validate()} finds problems
     */
    public static Forecast forecast(ForecastInput in, boolean withScenarios) {
        List<FieldProblem> problems = in.validate();
        if (!problems.isEmpty()) {
            throw new InvalidForecastInputException(problems);
        }
        SimulationResult sim = QueueSimulation.run(in);
        Assessment a = assess(in, sim);
        FluidModel.Estimate fluid = FluidModel.estimate(in);

        int[] arrived = sim.perDay(sim.arrivedPerHour());
        int[] delivered = sim.perDay(sim.deliveredPerHour());
        int[] expired = sim.perDay(sim.expiredPerHour());
        int[] backlogH = sim.backlogPerHour();
        List<Forecast.Day> days = new ArrayList<>();
        for (int d = 0; d < arrived.length; d++) {
            days.add(new Forecast.Day(d + 1, arrived[d], delivered[d], expired[d], backlogH[d * 24 + 23]));
        }
        List<Forecast.ScenarioOutcome> scenarios = new ArrayList<>();
        List<FixScenario> fixes = !withScenarios ? List.of()
                : in.scenarios().isEmpty() ? defaultScenarios(in, a) : in.scenarios();
        for (FixScenario fix : fixes) {
            ForecastInput changed = fix.applyTo(in);
            if (!changed.validate().isEmpty()) {
                continue;
            }
            Assessment s = assess(changed, QueueSimulation.run(changed));
            scenarios.add(new Forecast.ScenarioOutcome(fix.name(), fix.description(), changed.arrivalsPerDay(),
                    changed.limit(), changed.limitKind().cliName(), changed.lifetimeSeconds() / 86_400.0, s.outcome,
                    s.verdict, s.drainDays, s.expiredTotal, a.expiredTotal - s.expiredTotal, s.bouncesPerDay));
        }
        RetryPolicy p = in.policy();
        Forecast.Inputs inputs = new Forecast.Inputs(in.arrivalsPerDay(), in.limit(), in.limitKind().cliName(),
                in.limitKind().label(), p.id(), p.label(), p.description(), in.lifetimeSeconds() / 86_400.0,
                in.horizonDays(), in.backlogCount());
        return new Forecast(in.destination(), inputs, a.outcome, a.verdict, a.drainDays, a.firstBounceDay,
                a.bouncesPerDay, a.deliveredTotal, a.expiredTotal, backlogH[backlogH.length - 1],
                hours(sim.delayQuantile(0.5)), hours(sim.delayQuantile(0.95)), List.copyOf(days), backlogH,
                drainTarget(in), List.copyOf(scenarios), fluid, sim.attempts());
    }

    /** The verdict and its numbers, read off one simulated course. */
    record Assessment(Forecast.Outcome outcome, String verdict, Double drainDays, Integer firstBounceDay,
            double bouncesPerDay, long deliveredTotal, long expiredTotal) {
    }

    static Assessment assess(ForecastInput in, SimulationResult sim) {
        int[] backlog = sim.backlogPerHour();
        int[] expiredD = sim.perDay(sim.expiredPerHour());
        long expiredTotal = sum(sim.expiredPerHour());
        long deliveredTotal = sum(sim.deliveredPerHour());
        int hours = backlog.length;
        int daysN = expiredD.length;
        double threshold = Math.max(1, in.arrivalsPerDay() / 24);
        String dest = in.destination().isEmpty() ? "" : " for " + in.destination();
        FluidModel.Estimate fluid = FluidModel.estimate(in);

        int[] expiredH = sim.expiredPerHour();
        // Drained from hour `down` on: the queue is at most an hour's arrivals then, gets back there
        // every later day (a queue that forms at busy hours and empties daily is not a backlog),
        // and nothing bounces afterwards. down = -1 means from the start.
        int down = Integer.MAX_VALUE;
        if (sim.initialBacklog() <= threshold) {
            down = -1;
        } else {
            for (int h = 0; h < hours; h++) {
                if (backlog[h] <= threshold) {
                    down = h;
                    break;
                }
            }
        }
        boolean drained = down != Integer.MAX_VALUE;
        if (drained) {
            int fromDay = down < 0 ? 0 : down / 24;
            for (int d = fromDay; drained && d < daysN; d++) {
                boolean back = false;
                for (int h = d * 24; h < d * 24 + 24; h++) {
                    back |= backlog[h] <= threshold;
                }
                drained = back;
            }
            for (int h = Math.max(0, down + 1); drained && h < hours; h++) {
                drained = expiredH[h] == 0;
            }
        }
        Integer firstBounceDay = null;
        for (int d = 0; d < daysN; d++) {
            if (expiredD[d] > 0) {
                firstBounceDay = d + 1;
                break;
            }
        }
        int tail = Math.min(3, daysN);
        double tailBounces = 0;
        for (int d = daysN - tail; d < daysN; d++) {
            tailBounces += expiredD[d];
        }
        double bouncesPerDay = tailBounces / tail;

        if (drained && down < 0 && expiredTotal == 0) {
            int peak = 0;
            for (int b : backlog) {
                peak = Math.max(peak, b);
            }
            double p95 = sim.delayQuantile(0.95);
            String v = peak <= threshold
                    ? "keeps up: the queue" + dest + " never builds up"
                    : "keeps up: a queue" + dest + " forms at busy hours but empties every day"
                            + (Double.isNaN(p95) ? "" : "; 95% of messages are delivered within " + duration(p95));
            return new Assessment(Forecast.Outcome.KEEPS_UP, v, 0.0, null, 0, deliveredTotal, 0);
        }
        if (drained) {
            double drainDays = Math.max(1, down + 1) / 24.0;
            if (expiredTotal == 0) {
                return new Assessment(Forecast.Outcome.DRAINS, "drains in " + days(drainDays) + dest,
                        drainDays, null, 0, deliveredTotal, 0);
            }
            String v = "drains in " + days(drainDays) + dest + ", but " + count(expiredTotal)
                    + " bounce at the end of the queue lifetime before then";
            return new Assessment(Forecast.Outcome.DRAINS_WITH_BOUNCES, v, drainDays, firstBounceDay, bouncesPerDay,
                    deliveredTotal, expiredTotal);
        }
        double start = sim.initialBacklog();
        double end = backlog[hours - 1];
        if (bouncesPerDay > 0 || (firstBounceDay != null && end >= start)) {
            // In the long run whatever arrives beyond the limit bounces (conservation, once the queue
            // has stopped growing); the simulated tail is used when the limit has no daily rate or
            // the horizon ends before the bounce rate has settled below it.
            double longRun = Double.isFinite(fluid.expiredPerDay()) && fluid.expiredPerDay() > 0
                    ? fluid.expiredPerDay() : bouncesPerDay;
            long perDay = Math.max(1, Math.round(longRun));
            String v = "never drains" + dest + ": about " + perDay + " message" + (perDay == 1 ? "" : "s")
                    + " a day will bounce (the first on day " + firstBounceDay + ")";
            return new Assessment(Forecast.Outcome.NEVER_DRAINS, v, null, firstBounceDay, bouncesPerDay,
                    deliveredTotal, expiredTotal);
        }
        double observedGrowth = (end - start) / in.horizonDays();
        if (end > start || (Double.isFinite(fluid.growthPerDay()) && fluid.growthPerDay() > 0)) {
            double growth = Double.isFinite(fluid.growthPerDay()) ? fluid.growthPerDay() : observedGrowth;
            long g = Math.max(1, Math.round(growth));
            String v = "never drains" + dest + ": the backlog grows by about " + g + " a day, and once messages reach"
                    + " the " + days(in.lifetimeSeconds() / 86_400.0) + " queue lifetime about " + g
                    + " a day will bounce";
            return new Assessment(Forecast.Outcome.NEVER_DRAINS, v, null, firstBounceDay, 0, deliveredTotal,
                    expiredTotal);
        }
        double rate = Double.isFinite(fluid.capacityPerDay()) ? fluid.capacityPerDay() - in.arrivalsPerDay()
                : (start - end) / in.horizonDays();
        String more = rate > 0 ? "; at this pace it drains in about " + days(in.horizonDays() + end / rate) : "";
        String v = "still draining" + dest + " after " + in.horizonDays() + " days: " + count((long) end) + " left"
                + more;
        Double drainDays = rate > 0 ? in.horizonDays() + end / rate : null;
        return new Assessment(Forecast.Outcome.STILL_DRAINING, v, drainDays, firstBounceDay, bouncesPerDay,
                deliveredTotal, expiredTotal);
    }

    /** The arrival rate or limit with which the backlog would drain within a week (fluid model). */
    static Forecast.DrainTarget drainTarget(ForecastInput in) {
        double mu = in.limitPerDay();
        if (!Double.isFinite(mu)) {
            return new Forecast.DrainTarget(null, null,
                    "a per-connection limit has no daily rate; find out the destination's daily limit to size a fix");
        }
        double backlog = in.backlogCount();
        double maxArrivals = Math.floor(FluidModel.maxArrivalsToDrainWithin(mu, backlog, WEEK_DAYS) * 10) / 10;
        // A queue that never forms needs no margin; one with a backlog must beat arrivals strictly.
        double neededPerDay = FluidModel.capacityToDrainWithin(in.arrivalsPerDay(), backlog, WEEK_DAYS);
        int minLimit = (int) Math.ceil(neededPerDay / in.limitKind().periodsPerDay());
        if (in.arrivalsPerDay() < mu && backlog / (mu - in.arrivalsPerDay()) <= WEEK_DAYS) {
            return new Forecast.DrainTarget(maxArrivals, minLimit, "already drains within a week at "
                    + fmt(in.arrivalsPerDay()) + " a day; it would not with more than " + fmt(maxArrivals) + " a day");
        }
        String perPeriod = in.limitKind() == LimitKind.HOURLY ? " an hour" : " a day";
        String advice = "to drain within a week: bring arrivals down to " + fmt(maxArrivals) + " a day or fewer"
                + (maxArrivals <= 0 ? " (the backlog alone is more than a week of the limit)" : "")
                + ", or get the limit raised to " + minLimit + perPeriod + " or more";
        return new Forecast.DrainTarget(maxArrivals, minLimit, advice);
    }

    /** Fixes worth showing when the caller proposed none. */
    static List<FixScenario> defaultScenarios(ForecastInput in, Assessment a) {
        if (a.outcome == Forecast.Outcome.KEEPS_UP || a.outcome == Forecast.Outcome.DRAINS) {
            return List.of();
        }
        List<FixScenario> out = new ArrayList<>();
        double mu = in.limitPerDay();
        if (Double.isFinite(mu)) {
            double target = FluidModel.maxArrivalsToDrainWithin(mu, in.backlogCount(), WEEK_DAYS);
            double cut = Math.ceil(in.arrivalsPerDay() - target);
            if (cut > 0 && cut < in.arrivalsPerDay()) {
                out.add(FixScenario.removeArrivals("Send " + fmt(cut) + " fewer a day",
                        "stop a forward or another source that sends about " + fmt(cut) + " messages a day to "
                                + (in.destination().isEmpty() ? "the destination" : in.destination()), cut));
            }
        }
        if (a.outcome == Forecast.Outcome.NEVER_DRAINS && in.limit() >= 24
                && (in.limitKind() == LimitKind.ROLLING_24H || in.limitKind() == LimitKind.CALENDAR_DAY)) {
            out.add(FixScenario.pacing("Pace sending to the limit",
                    "rate-limit this destination at your mail server to " + in.limit() / 24
                            + " an hour, just under its limit; pacing alone adds no capacity", in.limit()));
        }
        long relay = (long) Math.max(1_000, 10 * Math.ceil(in.arrivalsPerDay() + in.backlogCount()));
        out.add(FixScenario.smarthost("Send through a smarthost",
                "relay this destination's mail through a provider's smarthost, whose limit is far above your volume",
                (int) Math.min(ForecastInput.MAX_LIMIT, relay)));
        return out;
    }

    private static Double hours(double seconds) {
        return Double.isNaN(seconds) ? null : Math.round(seconds / 3_600.0 * 100) / 100.0;
    }

    private static long sum(int[] a) {
        long s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }

    static String days(double d) {
        if (d < 1) {
            long h = Math.max(1, Math.round(d * 24));
            return h + (h == 1 ? " hour" : " hours");
        }
        return String.format(Locale.ROOT, "%.1f days", d);
    }

    static String duration(double seconds) {
        if (seconds < 60) {
            return "under a minute";
        }
        if (seconds < 3_600) {
            return Math.round(seconds / 60) + " min";
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%.1f hours", seconds / 3_600);
        }
        return String.format(Locale.ROOT, "%.1f days", seconds / 86_400);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d message%s", n, n == 1 ? "" : "s");
    }

    static String fmt(double v) {
        return ForecastInput.fmt(Math.round(v * 10) / 10.0);
    }
}
