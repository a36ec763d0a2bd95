package org.mailmedic.engine.forecast;

/**
 * Messages already waiting in the queue for the destination at the start of the forecast.
 *
 * @param count       how many
 * @param ageSeconds  how long they have been queued (all of this cohort share the age)
 */
public record BacklogCohort(int count, long ageSeconds) {

    /**
     * {@code count} messages whose ages are spread evenly from 0 to {@code oldestSeconds}, split
     * into hourly cohorts: what a backlog that built up steadily looks like.
     */
    public static java.util.List<BacklogCohort> spread(int count, long oldestSeconds) {
        if (count <= 0) {
            return java.util.List.of();
        }
        if (oldestSeconds <= 0) {
            return java.util.List.of(new BacklogCohort(count, 0));
        }
        int buckets = (int) Math.max(1, Math.min(count, Math.min(24 * 90, oldestSeconds / 3_600)));
        java.util.List<BacklogCohort> out = new java.util.ArrayList<>(buckets);
        int given = 0;
        for (int i = 0; i < buckets; i++) {
            int upTo = (int) Math.round((double) count * (i + 1) / buckets);
            int n = upTo - given;
            given = upTo;
            if (n > 0) {
                out.add(new BacklogCohort(n, Math.round(oldestSeconds * (i + 0.5) / buckets)));
            }
        }
        return out;
    }
}
