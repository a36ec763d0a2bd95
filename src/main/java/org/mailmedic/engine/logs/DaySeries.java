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
    private long[] days = new long[4];
    private long[][] rows = new long[4][];
    private int size;

    /** @param width counters per day */
    DaySeries(int width) {
        this.width = width;
    }

    /** The counters of {@code day}, created (zero) when new. */
    long[] row(long day) {
        int n = size;
        if (n > 0 && days[n - 1] == day) {
            return rows[n - 1];
        }
        if (n == 0 || days[n - 1] < day) {
            return insert(n, day);
        }
        int i = Arrays.binarySearch(days, 0, n, day);
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
        return size;
    }

    /** The {@code i}-th day in ascending order. */
    long day(int i) {
        return days[i];
    }

    /** The counters of the {@code i}-th day. */
    long[] counts(int i) {
        return rows[i];
    }
}
