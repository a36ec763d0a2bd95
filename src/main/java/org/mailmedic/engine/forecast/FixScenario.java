package org.mailmedic.engine.forecast;

import java.util.Objects;

/**
 * A proposed fix expressed as a change to the forecast's inputs, so its effect can be forecast
 * next to the current situation.
 *
 * @param name           short title ("Stop forwarding info@ to the ISP mailbox")
 * @param description    what the fix is, in plain words
 * @param arrivalsDelta  change in arrivals per day for the destination (negative removes mail)
 * @param limit          the destination's new acceptance limit, or null to keep it
 * @param limitKind      the new limit kind, or null to keep it
 * @param lifetimeSeconds the new queue lifetime, or null to keep it
 */
public record FixScenario(String name, String description, double arrivalsDelta, Integer limit, LimitKind limitKind,
        Long lifetimeSeconds) {

    public FixScenario {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }

    /** Stopping a forward (or any source) that sends {@code perDay} messages a day to the destination. */
    public static FixScenario removeArrivals(String name, String description, double perDay) {
        return new FixScenario(name, description, -Math.abs(perDay), null, null, null);
    }

    /** Sending through a smarthost or relay whose own limit for the destination is {@code limitPerDay}. */
    public static FixScenario smarthost(String name, String description, int limitPerDay) {
        return new FixScenario(name, description, 0, limitPerDay, LimitKind.ROLLING_24H, null);
    }

    /**
     * Pacing this destination's mail at the MTA (Postfix {@code smtp_destination_rate_delay}, a
     * Sendmail/Exim/Exchange per-domain rate limit) to stay just under a daily limit: modelled as
     * an hourly cap of {@code limitPerDay / 24} (rounded down) that the MTA keeps itself.
     * The model has no penalty for hammering a destination, so this shows what pacing alone does
     * to the queue: nothing good when more arrives than the limit.
     */
    public static FixScenario pacing(String name, String description, int limitPerDay) {
        return new FixScenario(name, description, 0, Math.max(1, limitPerDay / 24), LimitKind.HOURLY, null);
    }

    /** Applies the deltas to an input. */
    public ForecastInput applyTo(ForecastInput in) {
        return in.toBuilder()
                .arrivalsPerDay(Math.max(0, in.arrivalsPerDay() + arrivalsDelta))
                .limit(limit == null ? in.limit() : limit)
                .limitKind(limitKind == null ? in.limitKind() : limitKind)
                .lifetimeSeconds(lifetimeSeconds == null ? in.lifetimeSeconds() : lifetimeSeconds)
                .scenarios(java.util.List.of())
                .build();
    }
}
