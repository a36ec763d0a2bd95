package org.mailmedic.engine.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Everything the queue forecast needs. Build with {@link #builder()}; check with
 * {@link #validate()} before forecasting (the forecaster refuses invalid input with the same
 * problems).
 *
 * @param destination     the receiving domain, for the verdict's wording (may be empty)
 * @param arrivalsPerDay  new messages a day for the destination
 * @param hourProfile     24 non-negative weights: the share of a day's mail arriving in each hour
 *                        (normalised here); null means evenly spread
 * @param limit           how many messages the destination accepts per {@code limitKind} period
 * @param limitKind       how the destination counts
 * @param policy          the sending MTA's retry policy
 * @param lifetimeSeconds the queue lifetime: a message still refused at this age bounces
 * @param horizonDays     how many days to forecast
 * @param backlog         messages already queued for the destination
 * @param scenarios       proposed fixes to forecast alongside
 */
public record ForecastInput(String destination, double arrivalsPerDay, double[] hourProfile, int limit,
        LimitKind limitKind, RetryPolicy policy, long lifetimeSeconds, int horizonDays, List<BacklogCohort> backlog,
        List<FixScenario> scenarios) {

    public static final String F_ARRIVALS = "arrivalsPerDay";
    public static final String F_HOUR_PROFILE = "hourProfile";
    public static final String F_LIMIT = "limit";
    public static final String F_LIMIT_KIND = "limitKind";
    public static final String F_POLICY = "policy";
    public static final String F_LIFETIME = "lifetime";
    public static final String F_HORIZON = "horizonDays";
    public static final String F_BACKLOG = "backlog";

    /** Most arrivals a day accepted: more than any one small business sends to one destination. */
    public static final double MAX_ARRIVALS_PER_DAY = 1_000_000;
    /** Largest acceptance limit accepted (per period). */
    public static final int MAX_LIMIT = 10_000_000;
    /** Longest queue lifetime accepted: Exchange's own maximum for MessageExpirationTimeout. */
    public static final long MAX_LIFETIME_SECONDS = 90 * 86_400L;
    public static final int MAX_HORIZON_DAYS = 365;
    /** The simulation refuses to follow more messages than this (arrivals over the horizon plus backlog). */
    public static final long MAX_SIMULATED_MESSAGES = 3_000_000;
    /**
     * …or to do more work than this ({@link #simulationWork()}, estimated before it starts, in
     * tries of a message on its own, about 25 ns each): a second or two at most, never a hang.
     */
    public static final double MAX_SIMULATION_WORK = 60e6;

    public ForecastInput {
        destination = destination == null ? "" : destination.trim();
        hourProfile = hourProfile == null ? null : hourProfile.clone();
        backlog = backlog == null ? List.of() : List.copyOf(backlog);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    }

    @Override
    public double[] hourProfile() {
        return hourProfile == null ? null : hourProfile.clone();
    }

    /** Total messages in the starting backlog. */
    public long backlogCount() {
        long n = 0;
        for (BacklogCohort c : backlog) {
            n += Math.max(0, c.count());
        }
        return n;
    }

    /** The limit as messages a day (NaN for a per-connection limit, which has no daily rate). */
    public double limitPerDay() {
        return limit * limitKind.periodsPerDay();
    }

    /** The hour profile as 24 shares summing to 1 (flat when none was given or it is unusable). */
    public double[] normalisedHourProfile() {
        double[] p = new double[24];
        double sum = 0;
        if (hourProfile != null && hourProfile.length == 24) {
            for (double v : hourProfile) {
                sum += (Double.isFinite(v) && v > 0) ? v : 0;
            }
        }
        for (int h = 0; h < 24; h++) {
            p[h] = sum > 0 ? Math.max(0, Double.isFinite(hourProfile[h]) ? hourProfile[h] : 0) / sum : 1.0 / 24;
        }
        return p;
    }

    /**
     * Every reason this input cannot be forecast, one message per field at most, worded for a
     * person. Empty when the input is fine.
     */
    public List<FieldProblem> validate() {
        List<FieldProblem> out = new ArrayList<>();
        if (!Double.isFinite(arrivalsPerDay)) {
            out.add(new FieldProblem(F_ARRIVALS, "arrivals per day must be a number"));
        } else if (arrivalsPerDay < 0) {
            out.add(new FieldProblem(F_ARRIVALS, "arrivals per day cannot be negative (" + fmt(arrivalsPerDay) + ")"));
        } else if (arrivalsPerDay > MAX_ARRIVALS_PER_DAY) {
            out.add(new FieldProblem(F_ARRIVALS, "arrivals per day of " + fmt(arrivalsPerDay)
                    + " is not plausible for one destination; the most this forecast accepts is "
                    + fmt(MAX_ARRIVALS_PER_DAY)));
        } else if (arrivalsPerDay == 0 && backlogCount() == 0) {
            out.add(new FieldProblem(F_ARRIVALS, "with no arrivals and no backlog there is nothing to forecast;"
                    + " enter the messages a day sent to this destination"));
        }
        if (hourProfile != null) {
            boolean bad = hourProfile.length != 24;
            double sum = 0;
            for (int i = 0; !bad && i < 24; i++) {
                bad = !Double.isFinite(hourProfile[i]) || hourProfile[i] < 0;
                sum += bad ? 0 : hourProfile[i];
            }
            if (bad || sum <= 0) {
                out.add(new FieldProblem(F_HOUR_PROFILE,
                        "the hour-of-day profile needs 24 non-negative numbers, not all zero"));
            }
        }
        if (limitKind == null) {
            out.add(new FieldProblem(F_LIMIT_KIND, "choose how the destination counts: per rolling 24 h,"
                    + " per calendar day, per hour or per connection"));
        }
        if (limit < 0) {
            out.add(new FieldProblem(F_LIMIT, "the acceptance limit cannot be negative (" + limit + ")"));
        } else if (limit == 0) {
            out.add(new FieldProblem(F_LIMIT, "a limit of 0 means the destination accepts nothing, so every message"
                    + " bounces at the end of the queue lifetime; enter at least 1"));
        } else if (limit > MAX_LIMIT) {
            out.add(new FieldProblem(F_LIMIT, "a limit of " + limit + " is not plausible; the most this forecast"
                    + " accepts is " + MAX_LIMIT));
        }
        if (policy == null) {
            out.add(new FieldProblem(F_POLICY, "choose the sending mail server (Postfix, Sendmail, Exim, Exchange"
                    + " or Exchange Online)"));
        }
        if (lifetimeSeconds <= 0) {
            out.add(new FieldProblem(F_LIFETIME, "the queue lifetime must be more than 0 (a lifetime of 0 bounces"
                    + " every refused message at once, so there is no queue to forecast)"));
        } else if (lifetimeSeconds < 3_600) {
            out.add(new FieldProblem(F_LIFETIME, "a queue lifetime under one hour is not a real setting;"
                    + " enter at least 1 hour (0.05 days)"));
        } else if (lifetimeSeconds > MAX_LIFETIME_SECONDS) {
            out.add(new FieldProblem(F_LIFETIME, "a queue lifetime of " + fmt(lifetimeSeconds / 86_400.0)
                    + " days is beyond any MTA's setting; the most accepted is 90 days"));
        }
        if (horizonDays < 1) {
            out.add(new FieldProblem(F_HORIZON, "forecast at least 1 day (not " + horizonDays + ")"));
        } else if (horizonDays > MAX_HORIZON_DAYS) {
            out.add(new FieldProblem(F_HORIZON, "forecast at most " + MAX_HORIZON_DAYS + " days (not " + horizonDays
                    + ")"));
        }
        for (BacklogCohort c : backlog) {
            if (c.count() < 0 || c.ageSeconds() < 0) {
                out.add(new FieldProblem(F_BACKLOG, "the backlog cannot be negative (count and age)"));
                break;
            }
            if (c.ageSeconds() > MAX_HORIZON_DAYS * 86_400L) {
                out.add(new FieldProblem(F_BACKLOG, "queued messages older than a year are not a queue to forecast"));
                break;
            }
        }
        if (backlogCount() > 1_000_000) {
            out.add(new FieldProblem(F_BACKLOG, "a backlog of " + backlogCount() + " messages for one destination is"
                    + " beyond what this forecast follows (at most 1,000,000)"));
        }
        if (out.isEmpty()) {
            long messages = simulatedMessages();
            if (messages > MAX_SIMULATED_MESSAGES) {
                out.add(new FieldProblem(F_HORIZON, String.format(Locale.ROOT,
                        "%,d messages over %d days is more than this forecast simulates (%,d);"
                                + " shorten the horizon or lower the arrivals",
                        messages, horizonDays, MAX_SIMULATED_MESSAGES)));
            } else if (simulationWork() > MAX_SIMULATION_WORK) {
                out.add(new FieldProblem(F_LIFETIME, String.format(Locale.ROOT,
                        "%,d messages a day kept up to %s days is more than this forecast can follow quickly;"
                                + " shorten the horizon or the queue lifetime",
                        (long) arrivalsPerDay, fmt(Math.min(lifetimeSeconds, horizonDays * 86_400L) / 86_400.0))));
            }
        }
        return out;
    }

    /**
     * An upper estimate of the simulation's work: each message's tries while its retry delay still
     * grows (done one by one), plus, for MTAs that pick due messages at random, the sorted lists
     * compacted at every queue run that delivers something (the queue can hold up to a lifetime
     * of arrivals, spread over one retry period of ticks).
     */
    double simulationWork() {
        long span = Math.min(lifetimeSeconds, horizonDays * 86_400L);
        long youngSpan = Math.min(span, policy.steadyAfterAge() + policy.steadyDelay());
        double work = (double) simulatedMessages() * policy.attemptsWithin(youngSpan);
        if (policy.order() == RetryPolicy.Order.RANDOM && Double.isFinite(limitPerDay())) {
            double ticks = horizonDays * 86_400.0 / policy.tickSeconds();
            double deliveringTicks = Math.min(ticks, limitPerDay() * horizonDays);
            double period = Math.ceil((double) policy.steadyDelay() / policy.tickSeconds());
            double queue = arrivalsPerDay * span / 86_400.0 + backlogCount();
            // Moving a list entry costs about 1/64 of a try (a memory copy against the arithmetic).
            work += deliveringTicks * queue / period / 64;
        }
        return work;
    }

    long simulatedMessages() {
        return (long) Math.ceil(arrivalsPerDay * horizonDays) + backlogCount();
    }

    public Builder toBuilder() {
        return new Builder().destination(destination).arrivalsPerDay(arrivalsPerDay).hourProfile(hourProfile)
                .limit(limit).limitKind(limitKind).policy(policy).lifetimeSeconds(lifetimeSeconds)
                .horizonDays(horizonDays).backlog(backlog).scenarios(scenarios);
    }

    /** Defaults: Postfix with its 5-day lifetime, a rolling-24 h limit, 14 days, no backlog. */
    public static Builder builder() {
        return new Builder();
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForecastInput f && f.destination.equals(destination)
                && Double.compare(f.arrivalsPerDay, arrivalsPerDay) == 0 && Arrays.equals(f.hourProfile, hourProfile)
                && f.limit == limit && f.limitKind == limitKind && java.util.Objects.equals(f.policy, policy)
                && f.lifetimeSeconds == lifetimeSeconds && f.horizonDays == horizonDays && f.backlog.equals(backlog)
                && f.scenarios.equals(scenarios);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(destination, arrivalsPerDay, Arrays.hashCode(hourProfile), limit, limitKind,
                policy, lifetimeSeconds, horizonDays, backlog, scenarios);
    }

    @Override
    public String toString() {
        return "ForecastInput[" + destination + ", arrivals=" + arrivalsPerDay + "/day, limit=" + limit + " "
                + limitKind + ", policy=" + policy + ", lifetime=" + lifetimeSeconds + "s, days=" + horizonDays
                + ", backlog=" + backlogCount() + "]";
    }

    /** Mutable builder; {@link #build()} does not validate. */
    public static final class Builder {
        private String destination = "";
        private double arrivalsPerDay;
        private double[] hourProfile;
        private int limit = 1;
        private LimitKind limitKind = LimitKind.ROLLING_24H;
        private RetryPolicy policy = RetryPolicy.postfix();
        private Long lifetimeSeconds;
        private int horizonDays = 14;
        private List<BacklogCohort> backlog = List.of();
        private List<FixScenario> scenarios = List.of();

        public Builder destination(String v) {
            destination = v;
            return this;
        }

        public Builder arrivalsPerDay(double v) {
            arrivalsPerDay = v;
            return this;
        }

        public Builder hourProfile(double[] v) {
            hourProfile = v == null ? null : v.clone();
            return this;
        }

        public Builder limit(int v) {
            limit = v;
            return this;
        }

        public Builder limitKind(LimitKind v) {
            limitKind = v;
            return this;
        }

        /** Sets the policy; the lifetime follows the policy's default unless set explicitly. */
        public Builder policy(RetryPolicy v) {
            policy = v;
            return this;
        }

        public Builder lifetimeSeconds(long v) {
            lifetimeSeconds = v;
            return this;
        }

        public Builder lifetimeDays(double days) {
            lifetimeSeconds = Double.isFinite(days) ? Math.round(days * 86_400) : -1;
            return this;
        }

        public Builder horizonDays(int v) {
            horizonDays = v;
            return this;
        }

        public Builder backlog(List<BacklogCohort> v) {
            backlog = v == null ? List.of() : v;
            return this;
        }

        /** {@code count} messages with ages spread evenly up to {@code oldestSeconds}. */
        public Builder backlog(int count, long oldestSeconds) {
            backlog = BacklogCohort.spread(count, oldestSeconds);
            return this;
        }

        public Builder scenarios(List<FixScenario> v) {
            scenarios = v == null ? List.of() : v;
            return this;
        }

        public ForecastInput build() {
            long life = lifetimeSeconds != null ? lifetimeSeconds : (policy == null ? 0 : policy.defaultLifetimeSeconds());
            return new ForecastInput(destination, arrivalsPerDay, hourProfile, limit, limitKind, policy, life,
                    horizonDays, backlog, scenarios);
        }
    }
}
