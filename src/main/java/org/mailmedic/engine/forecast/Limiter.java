package org.mailmedic.engine.forecast;

/**
 * The destination's acceptance limit as the simulation sees it: how many more messages it takes
 * at time t, and recording the ones it took. Times passed in never decrease.
 */
abstract class Limiter {

    /** How many messages the destination would accept at {@code t} on {@code connection}. */
    abstract long available(long t, long connection);

    /** Records {@code n} acceptances at {@code t} (n never exceeds {@link #available}). */
    abstract void consume(long t, long connection, int n);

    final boolean tryAccept(long t, long connection) {
        if (available(t, connection) > 0) {
            consume(t, connection, 1);
            return true;
        }
        return false;
    }

    static Limiter of(LimitKind kind, int limit) {
        return switch (kind) {
            case ROLLING_24H, HOURLY -> new Rolling(kind.windowSeconds(), limit);
            case CALENDAR_DAY -> new Calendar(limit);
            case PER_CONNECTION -> new PerConnection(limit);
        };
    }

    /**
     * Pre-fills a sliding window with {@code n} acceptances spread evenly over the window before t=0:
     * the state of a destination that has been taking mail at that pace.
     */
    void warmStart(int n) {
    }

    /** Sliding window: a ring of the acceptance times still inside the window. */
    static final class Rolling extends Limiter {
        private final long window;
        private final int limit;
        private long[] ring = new long[16];
        private int head;
        private int size;

        Rolling(long window, int limit) {
            this.window = window;
            this.limit = limit;
        }

        @Override
        long available(long t, long connection) {
            long cutoff = t - window;
            int mask = ring.length - 1;
            while (size > 0 && ring[head] <= cutoff) {
                head = (head + 1) & mask;
                size--;
            }
            return limit - size;
        }

        @Override
        void consume(long t, long connection, int n) {
            for (int i = 0; i < n; i++) {
                push(t);
            }
        }

        @Override
        void warmStart(int n) {
            int m = Math.min(n, limit);
            for (int i = 0; i < m; i++) {
                push(-window + (long) Math.floor((i + 0.5) * window / m));
            }
        }

        private void push(long t) {
            if (size == ring.length) {
                long[] bigger = new long[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) & (ring.length - 1)];
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size) & (ring.length - 1)] = t;
            size++;
        }
    }

    /** Count per calendar day (day 0 starts at t=0, midnight). */
    static final class Calendar extends Limiter {
        private final int limit;
        private long day = Long.MIN_VALUE;
        private long count;

        Calendar(int limit) {
            this.limit = limit;
        }

        @Override
        long available(long t, long connection) {
            long d = Math.floorDiv(t, 86_400L);
            if (d != day) {
                day = d;
                count = 0;
            }
            return limit - count;
        }

        @Override
        void consume(long t, long connection, int n) {
            count += n;
        }
    }

    /** Count per SMTP connection. */
    static final class PerConnection extends Limiter {
        private final int limit;
        private long connection = Long.MIN_VALUE;
        private long count;

        PerConnection(int limit) {
            this.limit = limit;
        }

        @Override
        long available(long t, long conn) {
            if (conn != connection) {
                connection = conn;
                count = 0;
            }
            return limit - count;
        }

        @Override
        void consume(long t, long conn, int n) {
            count += n;
        }
    }
}
