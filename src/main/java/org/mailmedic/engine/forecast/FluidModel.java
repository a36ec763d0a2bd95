package org.mailmedic.engine.forecast;

/**
 * The closed-form fluid model: mail as a continuous flow of λ messages a day into a queue that
 * the destination empties at up to μ a day, where the queue lifetime L removes what has waited
 * too long. It ignores the retry schedule (a freed slot is taken at once) and the discreteness of
 * messages, which is why it is a cross-check for the simulation and not the forecast itself.
 *
 * <ul>
 *   <li>While there is a queue it changes by λ − μ a day; a backlog B drains after B / (μ − λ) days
 *       when λ &lt; μ (if nothing expires first).</li>
 *   <li>In steady state the destination delivers min(λ, μ) a day and max(0, λ − μ) a day bounce.</li>
 *   <li>With λ &gt; μ and the destination taking whichever queued message happens to retry first
 *       (random order, each of the Q queued messages served at rate μ/Q), a message survives the
 *       lifetime unserved with probability e^(−μL/Q); delivering μ of λ requires
 *       e^(−μL/Q) = 1 − μ/λ, so the steady backlog is Q* = μL / −ln(1 − μ/λ).</li>
 * </ul>
 */
public final class FluidModel {

    private FluidModel() {
    }

    /**
     * The fluid model's numbers.
     *
     * @param capacityPerDay          μ, messages a day the destination accepts (NaN for per-connection limits)
     * @param deliveredPerDay         steady state delivered a day
     * @param expiredPerDay           steady state bounced a day
     * @param growthPerDay            change of a non-empty queue per day before anything expires
     * @param steadyBacklog           Q* when λ &gt; μ (random-order service), 0 when λ &lt; μ, NaN when unknown
     * @param drainDays               days until a starting backlog is delivered when λ &lt; μ, null otherwise
     * @param firstExpiryDay          days from now until messages start to bounce (null: never)
     */
    public record Estimate(double capacityPerDay, double deliveredPerDay, double expiredPerDay, double growthPerDay,
            double steadyBacklog, Double drainDays, Double firstExpiryDay) {
    }

    /** Estimates for an input (validated or not: NaN in, NaN out). */
    public static Estimate estimate(ForecastInput in) {
        return estimate(in.arrivalsPerDay(), in.limitPerDay(), in.lifetimeSeconds() / 86_400.0, in.backlogCount());
    }

    /**
     * @param lambda   arrivals a day
     * @param mu       capacity a day
     * @param lifeDays queue lifetime in days
     * @param backlog  messages queued now
     */
    public static Estimate estimate(double lambda, double mu, double lifeDays, double backlog) {
        if (!Double.isFinite(mu)) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null);
        }
        double delivered = Math.min(lambda, mu);
        double expired = Math.max(0, lambda - mu);
        double growth = lambda - mu;
        double steady;
        Double drain = null;
        Double firstExpiry = null;
        if (lambda > mu) {
            steady = mu * lifeDays / -Math.log(1 - mu / lambda);
            firstExpiry = lifeDays;
        } else if (lambda < mu) {
            steady = 0;
            drain = backlog <= 0 ? 0.0 : backlog / (mu - lambda);
            if (drain > lifeDays) {
                firstExpiry = lifeDays;
            }
        } else {
            steady = backlog;
            firstExpiry = backlog > 0 ? lifeDays : null;
        }
        return new Estimate(mu, delivered, expired, growth, steady, drain, firstExpiry);
    }

    /** Arrivals a day at most for a backlog to drain within {@code days} (never below 0). */
    public static double maxArrivalsToDrainWithin(double mu, double backlog, double days) {
        return Math.max(0, mu - backlog / days);
    }

    /** Capacity a day needed for a backlog to drain within {@code days} with λ arrivals a day. */
    public static double capacityToDrainWithin(double lambda, double backlog, double days) {
        return lambda + backlog / days;
    }
}
