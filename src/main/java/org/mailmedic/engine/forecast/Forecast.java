package org.mailmedic.engine.forecast;

import java.util.List;

/**
 * The forecast for one destination: the verdict in one sentence, the day-by-day course, delays,
 * what would make the queue drain within a week, the effect of each proposed fix, and the fluid
 * model's numbers as a cross-check. Serialisable as is with {@code org.mailmedic.engine.report.Json}.
 *
 * @param destination     the receiving domain ("" when not named)
 * @param inputs          the inputs as forecast
 * @param outcome         the kind of verdict
 * @param verdict         one sentence ("never drains: about 21 messages a day will bounce (the first on day 6)")
 * @param drainDays       days until the queue is down to under an hour's arrivals and stays there; null if not within the horizon
 * @param firstBounceDay  1-based day of the first bounce; null when nothing bounces within the horizon
 * @param bouncesPerDay   bounces a day over the last days of the horizon
 * @param deliveredTotal  messages delivered over the horizon (starting backlog included)
 * @param expiredTotal    messages bounced at the end of the queue lifetime over the horizon
 * @param backlogAtEnd    messages still queued at the end
 * @param delayMedianHours median time from entering the queue to delivery, null if nothing was delivered
 * @param delayP95Hours   95th percentile of that
 * @param days            day-by-day counts
 * @param backlogByHour   messages queued at the end of each hour of the horizon
 * @param toDrainInAWeek  the arrival rate or limit with which the queue would drain within 7 days
 * @param scenarios       the forecast under each proposed fix
 * @param fluid           the closed-form fluid model's numbers
 * @param attempts        delivery attempts simulated
 */
public record Forecast(String destination, Inputs inputs, Outcome outcome, String verdict, Double drainDays,
        Integer firstBounceDay, double bouncesPerDay, long deliveredTotal, long expiredTotal, long backlogAtEnd,
        Double delayMedianHours, Double delayP95Hours, List<Day> days, int[] backlogByHour, DrainTarget toDrainInAWeek,
        List<ScenarioOutcome> scenarios, FluidModel.Estimate fluid, long attempts) {

    /** The kind of verdict. */
    public enum Outcome {
        /** No queue builds up: every message goes through on its first try or soon after. */
        KEEPS_UP,
        /** The backlog is delivered and the queue stays empty, nothing bounces. */
        DRAINS,
        /** The queue empties, but some messages bounce on the way. */
        DRAINS_WITH_BOUNCES,
        /** Shrinking, but not empty by the end of the horizon. */
        STILL_DRAINING,
        /** Never empties: it grows, or mail keeps bouncing. */
        NEVER_DRAINS
    }

    /**
     * One day of the horizon.
     *
     * @param day       1-based
     * @param arrived   new messages that day
     * @param delivered accepted by the destination
     * @param expired   bounced at the end of the queue lifetime
     * @param backlog   queued at the end of the day
     */
    public record Day(int day, int arrived, int delivered, int expired, int backlog) {
    }

    /**
     * The inputs, flattened for reports.
     *
     * @param arrivalsPerDay  new messages a day
     * @param limit           the destination's limit per period
     * @param limitKind       rolling24h, calendar-day, hourly or per-connection
     * @param limitLabel      the period in words
     * @param policy          postfix, sendmail, exim, exchange or exchange-online
     * @param policyLabel     the MTA's name
     * @param policyRetries   how it retries, in words
     * @param lifetimeDays    queue lifetime
     * @param horizonDays     days forecast
     * @param backlog         messages queued at the start
     */
    public record Inputs(double arrivalsPerDay, int limit, String limitKind, String limitLabel, String policy,
            String policyLabel, String policyRetries, double lifetimeDays, int horizonDays, long backlog) {
    }

    /**
     * What would make the queue drain within 7 days, each change on its own.
     *
     * @param maxArrivalsPerDay arrivals a day at most (null when no daily rate is known)
     * @param minLimit          the limit needed, in the limit's own period (null when no daily rate is known)
     * @param advice            the same in one sentence
     */
    public record DrainTarget(Double maxArrivalsPerDay, Integer minLimit, String advice) {
    }

    /**
     * The forecast under one proposed fix.
     *
     * @param name           the fix
     * @param description    what it is
     * @param arrivalsPerDay arrivals a day with the fix
     * @param limit          limit with the fix
     * @param limitKind      limit kind with the fix
     * @param lifetimeDays   queue lifetime with the fix
     * @param outcome        the kind of verdict
     * @param verdict        the verdict with the fix
     * @param drainDays      as in the forecast
     * @param expiredTotal   bounces over the horizon with the fix
     * @param bouncesAvoided bounces over the horizon avoided compared with doing nothing
     * @param bouncesPerDay  bounces a day at the end of the horizon
     */
    public record ScenarioOutcome(String name, String description, double arrivalsPerDay, int limit, String limitKind,
            double lifetimeDays, Outcome outcome, String verdict, Double drainDays, long expiredTotal,
            long bouncesAvoided, double bouncesPerDay) {
    }
}
