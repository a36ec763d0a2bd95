package org.mailmedic.engine.forecast;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The discrete-event simulation: every message is followed individually. A new message is tried
 * on arrival; a refused one waits in a time wheel (one slot per scheduler tick: the MTA's queue
 * run, or one minute) until its policy makes it due. At each tick the destination's
 * {@link Limiter} says how many of the due messages it takes; which ones follows the MTA's
 * {@link RetryPolicy.Order}; the others are deferred again, or bounce if they have reached the
 * queue lifetime.
 *
 * <p>Arrivals are deterministic: the k-th message of the horizon arrives when the expected
 * cumulative count (following the hour-of-day profile) reaches k + ½. The random order of
 * Postfix's and Exim's queue scans uses a fixed seed. So a forecast is an expected course,
 * identical run to run, and comparable with the fluid model. The forecast starts at midnight, and
 * a sliding-window limit starts as it would be after a day of the same traffic: full when there
 * is a backlog (the destination has been refusing mail), holding a window's arrivals otherwise.
 *
 * <p>Cost: a waiting message is a single {@code long} (arrival time and last retry delay packed).
 * While its retry delay still grows it is handled on its own at each try; once the delay is
 * steady ({@link RetryPolicy#steadyAfterAge()}) it sits in a per-tick list sorted by arrival, and
 * what the destination did not take from that list moves one retry period on in one piece, the
 * expired ones being a prefix. {@link ForecastInput#validate()} refuses inputs whose estimated
 * work ({@link ForecastInput#simulationWork()}) would take more than a second or two.
 */
final class QueueSimulation {

    /**
     * Arrival times are stored offset into the upper 31 bits (±2^30 s, ±34 years), so packed
     * entries are positive and order by arrival time first.
     */
    private static final long OFFSET = 1L << 30;
    private static final long SEED = 0x6d61696c6d656469L;

    private QueueSimulation() {
    }

    private static long pack(long arrival, long prevDelay) {
        return ((arrival + OFFSET) << 32) | (prevDelay & 0xffff_ffffL);
    }

    private static long arrivalOf(long e) {
        return (e >>> 32) - OFFSET;
    }

    private static long prevDelayOf(long e) {
        return e & 0xffff_ffffL;
    }

    /** Runs the simulation for a validated input. */
    static SimulationResult run(ForecastInput in) {
        RetryPolicy policy = in.policy();
        final long horizon = in.horizonDays() * 86_400L;
        final long tick = policy.tickSeconds();
        final long lifetime = in.lifetimeSeconds();
        final int hours = in.horizonDays() * 24;
        final RetryPolicy.Order order = policy.order();
        final long steadyAfter = policy.steadyAfterAge();
        final int period = (int) ((policy.steadyDelay() + tick - 1) / tick);
        SplittableRandom random = new SplittableRandom(SEED);

        long[] fresh = arrivals(in.arrivalsPerDay(), in.normalisedHourProfile(), in.horizonDays());
        int nBacklog = (int) in.backlogCount();
        // Ticks inside the horizon: [0, horizon).
        int ticks = (int) ((horizon + tick - 1) / tick);
        // Two lists per tick: messages still on the growing part of their schedule ("young"), and
        // messages whose retry interval no longer changes ("steady"), kept sorted by arrival. What
        // is left of a steady list after the destination took its share moves one period on as a
        // whole, so a message that only waits costs nothing.
        LongList[] young = new LongList[ticks];
        LongList[] steady = new LongList[ticks];

        // The starting backlog: each message is somewhere inside its current retry interval.
        double phase = 0;
        for (BacklogCohort c : in.backlog()) {
            long d = policy.delayAfterFailure(c.ageSeconds(), 0);
            for (int i = 0; i < c.count(); i++) {
                phase = (phase + 0.6180339887498949) % 1.0;
                long first = policy.ceilToTick((long) Math.floor(phase * d));
                int k = (int) (first / tick);
                if (k < ticks) {
                    long e = pack(-c.ageSeconds(), d);
                    if (first + c.ageSeconds() >= steadyAfter) {
                        steady[k] = list(steady[k]);
                        steady[k].add(e);
                    } else {
                        young[k] = list(young[k]);
                        young[k].add(e);
                    }
                }
            }
        }
        for (LongList l : steady) {
            if (l != null) {
                Arrays.sort(l.items, l.start, l.end);
            }
        }

        Limiter limiter = Limiter.of(in.limitKind(), in.limit());
        if (in.limitKind() == LimitKind.ROLLING_24H || in.limitKind() == LimitKind.HOURLY) {
            double[] p = in.normalisedHourProfile();
            double recent = in.limitKind() == LimitKind.ROLLING_24H ? in.arrivalsPerDay() : in.arrivalsPerDay() * p[23];
            limiter.warmStart(nBacklog > 0 ? in.limit() : (int) Math.min(in.limit(), Math.round(recent)));
        }

        int[] arrivedH = new int[hours];
        int[] deliveredH = new int[hours];
        int[] expiredH = new int[hours];
        Delays delays = new Delays();
        long attempts = 0;
        long connection = 0;
        final long firstDelay = policy.delayAfterFailure(0, 0);
        int[] picks = new int[16];

        int nextFresh = 0;
        for (int k = 0; k < ticks; k++) {
            long now = k * tick;
            // New messages arriving up to this tick, each tried at once on its own connection.
            while (nextFresh < fresh.length && fresh[nextFresh] <= now) {
                long t = fresh[nextFresh++];
                int h = hourOf(t, hours);
                arrivedH[h]++;
                attempts++;
                if (limiter.tryAccept(t, ++connection)) {
                    deliveredH[h]++;
                    delays.add(0);
                } else {
                    schedule(young, steady, pack(t, firstDelay), t, policy.ceilToTick(t + firstDelay), tick, ticks,
                            steadyAfter);
                }
            }
            LongList y = young[k];
            LongList st = steady[k];
            young[k] = null;
            steady[k] = null;
            int ny = y == null ? 0 : y.size();
            int ns = st == null ? 0 : st.size();
            int n = ny + ns;
            if (n == 0) {
                continue;
            }
            attempts += n;
            int h = hourOf(now, hours);
            long avail = limiter.available(now, ++connection);
            int take = (int) Math.min(n, Math.max(0, avail));
            if (take > 0) {
                limiter.consume(now, connection, take);
                deliveredH[h] += take;
            }
            // Which messages get the slots: the young ones delivered are moved to y[0..fromY);
            // the steady ones delivered are cut out of st.
            int fromY;
            switch (order) {
                case OLDEST_FIRST -> {
                    int fromS = Math.min(take, ns);
                    fromY = take - fromS;
                    if (fromY > 0 && fromY < ny) {
                        select(y.items, ny, fromY);
                    }
                    for (int i = 0; i < fromS; i++) {
                        delays.add(now - arrivalOf(st.items[st.start + i]));
                    }
                    if (fromS > 0) {
                        st.start += fromS;
                    }
                }
                case NEWEST_FIRST -> {
                    fromY = Math.min(take, ny);
                    int fromS = take - fromY;
                    if (fromY > 0 && fromY < ny) {
                        select(y.items, ny, ny - fromY);
                        for (int i = 0; i < fromY; i++) {
                            long tmp = y.items[i];
                            y.items[i] = y.items[ny - fromY + i];
                            y.items[ny - fromY + i] = tmp;
                        }
                    }
                    for (int i = 0; i < fromS; i++) {
                        delays.add(now - arrivalOf(st.items[st.end - 1 - i]));
                    }
                    if (fromS > 0) {
                        st.end -= fromS;
                    }
                }
                default -> {
                    // Random: draw from which list each slot's message comes (as successive random
                    // draws from all due messages would), then which ones.
                    fromY = 0;
                    int leftY = ny;
                    int leftS = ns;
                    for (int i = 0; i < take; i++) {
                        if (random.nextInt(leftY + leftS) < leftY) {
                            int j = fromY + random.nextInt(leftY);
                            long tmp = y.items[fromY];
                            y.items[fromY] = y.items[j];
                            y.items[j] = tmp;
                            fromY++;
                            leftY--;
                        } else {
                            leftS--;
                        }
                    }
                    int fromS = take - fromY;
                    if (fromS > 0) {
                        if (picks.length < fromS) {
                            picks = new int[Math.max(fromS, picks.length * 2)];
                        }
                        sample(random, ns, fromS, picks);
                        int w = st.start;
                        int from = st.start;
                        for (int i = 0; i < fromS; i++) {
                            int at = st.start + picks[i];
                            delays.add(now - arrivalOf(st.items[at]));
                            int len = at - from;
                            System.arraycopy(st.items, from, st.items, w, len);
                            w += len;
                            from = at + 1;
                        }
                        int rest = st.end - from;
                        System.arraycopy(st.items, from, st.items, w, rest);
                        st.end = w + rest;
                    }
                }
            }
            for (int i = 0; i < fromY; i++) {
                delays.add(now - arrivalOf(y.items[i]));
            }
            int expired = 0;
            // Young messages: each on its own schedule.
            for (int i = fromY; i < ny; i++) {
                long entry = y.items[i];
                long arrival = arrivalOf(entry);
                long age = now - arrival;
                if (age >= lifetime) {
                    expired++;
                    continue;
                }
                long d = policy.delayAfterFailure(age, prevDelayOf(entry));
                schedule(young, steady, pack(arrival, d), arrival, policy.ceilToTick(now + d), tick, ticks, steadyAfter);
            }
            // Steady messages: the oldest, which reached the lifetime, bounce; the rest move one period on.
            if (ns > 0 && st.size() > 0) {
                int cut = firstAtLeast(st.items, st.start, st.end, pack(now - lifetime + 1, 0));
                expired += cut - st.start;
                st.start = cut;
                int target = k + period;
                if (st.size() > 0 && target < ticks) {
                    steady[target] = merge(st, steady[target]);
                }
            }
            if (expired > 0) {
                expiredH[h] += expired;
            }
        }
        // Arrivals after the last tick but inside the horizon (when the tick does not divide it).
        while (nextFresh < fresh.length && fresh[nextFresh] < horizon) {
            long t = fresh[nextFresh++];
            int h = hourOf(t, hours);
            arrivedH[h]++;
            attempts++;
            if (limiter.tryAccept(t, ++connection)) {
                deliveredH[h]++;
                delays.add(0);
            }
        }
        int[] sorted = Arrays.copyOf(delays.items, delays.size);
        Arrays.sort(sorted);
        return new SimulationResult(nBacklog, arrivedH, deliveredH, expiredH, sorted, attempts);
    }

    /** Puts a deferred message in the list of the tick when it is tried next. */
    private static void schedule(LongList[] young, LongList[] steady, long entry, long arrival, long nextT, long tick,
            int ticks, long steadyAfter) {
        int slot = (int) (nextT / tick);
        if (slot >= ticks) {
            return;
        }
        if (nextT - arrival >= steadyAfter) {
            steady[slot] = list(steady[slot]);
            steady[slot].addSorted(entry);
        } else {
            young[slot] = list(young[slot]);
            young[slot].add(entry);
        }
    }

    /** Merges two sorted lists, reusing one of them; b may be null. */
    static LongList merge(LongList a, LongList b) {
        if (b == null || b.size() == 0) {
            return a;
        }
        if (a.items[a.end - 1] <= b.items[b.start]) {
            a.addAll(b.items, b.start, b.end);
            return a;
        }
        if (b.items[b.end - 1] <= a.items[a.start]) {
            b.addAll(a.items, a.start, a.end);
            return b;
        }
        long[] out = new long[Math.max(16, 2 * (a.size() + b.size()))];
        int i = a.start;
        int j = b.start;
        int w = 0;
        while (i < a.end && j < b.end) {
            out[w++] = a.items[i] <= b.items[j] ? a.items[i++] : b.items[j++];
        }
        while (i < a.end) {
            out[w++] = a.items[i++];
        }
        while (j < b.end) {
            out[w++] = b.items[j++];
        }
        a.items = out;
        a.start = 0;
        a.end = w;
        return a;
    }

    /** Index of the first element of the sorted range a[from..to) that is at least {@code key}. */
    static int firstAtLeast(long[] a, int from, int to, long key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code k} distinct indices of [0, n) into out[0..k), ascending. */
    static void sample(SplittableRandom random, int n, int k, int[] out) {
        if (k * 4 >= n) {
            // Dense: a partial shuffle of all indices.
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int j = i + random.nextInt(n - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            System.arraycopy(all, 0, out, 0, k);
        } else {
            // Sparse: Floyd's algorithm.
            java.util.HashSet<Integer> seen = new java.util.HashSet<>(k * 2);
            int w = 0;
            for (int j = n - k; j < n; j++) {
                int t = random.nextInt(j + 1);
                int v = seen.contains(t) ? j : t;
                seen.add(v);
                out[w++] = v;
            }
        }
        Arrays.sort(out, 0, k);
    }

    private static LongList list(LongList l) {
        return l == null ? new LongList() : l;
    }

    /** Quickselect: afterwards the k smallest of a[0..n) are in a[0..k) (in any order). */
    static void select(long[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi && k > lo && k <= hi) {
            int mid = (lo + hi) >>> 1;
            long x = median(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < x) {
                    i++;
                }
                while (a[j] > x) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] <= x <= a[i..hi], and everything between equals x.
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static int hourOf(long t, int hours) {
        return (int) Math.max(0, Math.min(hours - 1, t / 3_600));
    }

    /**
     * Deterministic arrival times over the horizon: the k-th message (k = 0, 1, …) arrives where
     * the expected cumulative count reaches k + ½, the rate within each hour being constant.
     */
    static long[] arrivals(double perDay, double[] profile, int days) {
        long expected = (long) Math.floor(perDay * days + 0.5);
        long[] out = new long[(int) Math.min(Integer.MAX_VALUE - 8, expected + 1)];
        int n = 0;
        double cum = 0;
        double nextAt = 0.5;
        for (int d = 0; d < days; d++) {
            for (int h = 0; h < 24; h++) {
                double rate = perDay * profile[h];
                double end = cum + rate;
                long hourStart = (d * 24L + h) * 3_600;
                while (rate > 0 && nextAt < end && n < out.length) {
                    out[n++] = hourStart + (long) Math.floor((nextAt - cum) / rate * 3_600);
                    nextAt += 1;
                }
                cum = end;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** A growable long array with a movable start: one list of the wheel. */
    static final class LongList {
        long[] items = new long[16];
        int start;
        int end;

        int size() {
            return end - start;
        }

        void add(long v) {
            if (end == items.length) {
                room(1);
            }
            items[end++] = v;
        }

        /** Adds keeping ascending order; new entries are nearly always the largest, so O(1). */
        void addSorted(long v) {
            add(v);
            int i = end - 1;
            while (i > start && items[i - 1] > v) {
                items[i] = items[i - 1];
                i--;
            }
            items[i] = v;
        }

        void addAll(long[] src, int from, int to) {
            int n = to - from;
            if (end + n > items.length) {
                room(n);
            }
            System.arraycopy(src, from, items, end, n);
            end += n;
        }

        private void room(int extra) {
            int size = size();
            long[] bigger = size + extra <= items.length / 2 ? items : new long[Math.max(16, (size + extra) * 2)];
            System.arraycopy(items, start, bigger, 0, size);
            items = bigger;
            start = 0;
            end = size;
        }
    }

    /** Delivery delays in seconds, growable. */
    static final class Delays {
        int[] items = new int[1024];
        int size;

        void add(long seconds) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = (int) Math.min(Integer.MAX_VALUE, seconds);
        }
    }
}
