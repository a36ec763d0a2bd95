package org.mailmedic.engine.logs;

import java.util.Arrays;

/**
 * Counters per day (epoch day number), kept sorted by day in two parallel arrays. A log is read
 * in time order, so the day asked for is nearly always the last one or a new one after it: a
 * comparison, or an append. Older days (several files, clock steps) are found by binary search
 * and inserted in place.
 *
 * <p>Used instead of a {@code TreeMap<Long, long[]>} per destination: the tree's rare paths
 * (inserting a node, rotating) ran inside the aggregation's hottest method, and each first use of
 * one made the JIT throw that method's compiled code away and compile it again (JFR, a 1 GB log:
 * four times in one run).
 */
final class DaySeries {

    private final int width;
    // Index 0 holds a sentinel day before every real one, so that the first day of a series takes
    // the same path (append) as every later one, and there is room for a week before the arrays
    // grow: the JIT sees the common path from the first destination on, instead of first on day
    // two of a big log, when taking a branch never taken before throws the compiled code away
    // (JFR deoptimization events).
    private long[] days = {Long.MIN_VALUE, 0, 0, 0, 0, 0, 0, 0};
    private long[][] rows = new long[8][];
    private int size = 1;

    /** @param width counters per day */
    DaySeries(int width) {
        this.width = width;
    }

    /** The counters of {@code day}, created (zero) when new. */
    long[] row(long day) {
        int n = size;
        long last = days[n - 1];
        if (last == day) {
            return rows[n - 1];
        }
        if (last < day) {
            return insert(n, day);
        }
        int i = Arrays.binarySearch(days, 1, n, day);
        return i >= 0 ? rows[i] : insert(-i - 1, day);
    }

    private long[] insert(int at, long day) {
        if (size == days.length) {
            days = Arrays.copyOf(days, size * 2);
            rows = Arrays.copyOf(rows, size * 2);
        }
        System.arraycopy(days, at, days, at + 1, size - at);
        System.arraycopy(rows, at, rows, at + 1, size - at);
        long[] row = new long[width];
        days[at] = day;
        rows[at] = row;
        size++;
        return row;
    }

    int size() {
        return size - 1;
    }

    /** The {@code i}-th day in ascending order. */
    long day(int i) {
        return days[i + 1];
    }

    /** The counters of the {@code i}-th day. */
    long[] counts(int i) {
        return rows[i + 1];
    }
}
