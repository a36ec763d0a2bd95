package org.mailmedic.engine.forecast;

/**
 * What the simulation counted, hour by hour.
 *
 * @param initialBacklog  messages queued at t=0
 * @param arrivedPerHour  new messages per hour of the horizon
 * @param deliveredPerHour accepted by the destination
 * @param expiredPerHour  bounced at the end of the queue lifetime
 * @param sortedDelays    seconds from entering the queue to delivery, for every delivered message, ascending
 * @param attempts        delivery attempts made (work done)
 */
record SimulationResult(int initialBacklog, int[] arrivedPerHour, int[] deliveredPerHour, int[] expiredPerHour,
        int[] sortedDelays, long attempts) {

    int hours() {
        return arrivedPerHour.length;
    }

    /** Messages queued at the end of each hour. */
    int[] backlogPerHour() {
        int[] b = new int[hours()];
        int q = initialBacklog;
        for (int h = 0; h < b.length; h++) {
            q += arrivedPerHour[h] - deliveredPerHour[h] - expiredPerHour[h];
            b[h] = q;
        }
        return b;
    }

    int[] perDay(int[] hourly) {
        int[] d = new int[hourly.length / 24];
        for (int h = 0; h < hourly.length; h++) {
            d[h / 24] += hourly[h];
        }
        return d;
    }

    /** The p-quantile (0..1) of delivery delays in seconds, NaN when nothing was delivered. */
    double delayQuantile(double p) {
        if (sortedDelays.length == 0) {
            return Double.NaN;
        }
        double pos = p * (sortedDelays.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sortedDelays.length - 1, lo + 1);
        return sortedDelays[lo] + (pos - lo) * (sortedDelays[hi] - sortedDelays[lo]);
    }
}
