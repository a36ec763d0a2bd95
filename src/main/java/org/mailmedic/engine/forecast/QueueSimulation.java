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
 * identical run to run, and comparable with the fluid model.
 *
 * <p>Cost: each try is a few arithmetic operations and one append to a wheel slot; a waiting
 * message is a single {@code long} (arrival time and last retry delay packed), so there is no
 * per-message lookup and no sorting. {@link ForecastInput#validate()} bounds the number of tries.
 */
final class QueueSimulation {

    /** Arrival times are stored offset into 32 unsigned bits: ±2^31 s covers ±68 years. */
    private static final long OFFSET = 1L << 31;
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
        SplittableRandom random = new SplittableRandom(SEED);

        long[] fresh = arrivals(in.arrivalsPerDay(), in.normalisedHourProfile(), in.horizonDays());
        int nBacklog = (int) in.backlogCount();
        // Ticks inside the horizon: [0, horizon).
        int ticks = (int) ((horizon + tick - 1) / tick);
        LongList[] wheel = new LongList[ticks];
        LongList spare = null;

        // The starting backlog: each message is somewhere inside its current retry interval.
        double phase = 0;
        for (BacklogCohort c : in.backlog()) {
            long d = policy.delayAfterFailure(c.ageSeconds(), 0);
            for (int i = 0; i < c.count(); i++) {
                phase = (phase + 0.6180339887498949) % 1.0;
                long first = policy.ceilToTick((long) Math.floor(phase * d));
                int k = (int) (first / tick);
                if (k < ticks) {
                    wheel[k] = add(wheel[k], pack(-c.ageSeconds(), d));
                }
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
        int[] delays = new int[Math.max(16, Math.min(fresh.length + nBacklog, 1 << 16))];
        int nDelays = 0;
        long attempts = 0;
        long connection = 0;
        final long firstDelay = policy.delayAfterFailure(0, 0);

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
                    if (nDelays == delays.length) {
                        delays = Arrays.copyOf(delays, nDelays * 2);
                    }
                    delays[nDelays++] = 0;
                } else {
                    int next = (int) (policy.ceilToTick(t + firstDelay) / tick);
                    if (next < ticks) {
                        wheel[next] = add(wheel[next], pack(t, firstDelay));
                    }
                }
            }
            LongList due = wheel[k];
            if (due == null) {
                continue;
            }
            wheel[k] = null;
            int n = due.size;
            long[] e = due.items;
            attempts += n;
            long avail = limiter.available(now, ++connection);
            int take = (int) Math.min(n, Math.max(0, avail));
            if (take > 0 && take < n) {
                choose(e, n, take, order, random);
            }
            if (take > 0) {
                limiter.consume(now, connection, take);
                int h = hourOf(now, hours);
                deliveredH[h] += take;
                if (nDelays + take > delays.length) {
                    delays = Arrays.copyOf(delays, Math.max(nDelays + take, nDelays * 2));
                }
                for (int i = 0; i < take; i++) {
                    delays[nDelays++] = (int) Math.min(Integer.MAX_VALUE, now - arrivalOf(e[i]));
                }
            }
            int expired = 0;
            for (int i = take; i < n; i++) {
                long entry = e[i];
                long arrival = arrivalOf(entry);
                long age = now - arrival;
                if (age >= lifetime) {
                    expired++;
                    continue;
                }
                long d = policy.delayAfterFailure(age, prevDelayOf(entry));
                long nextT = policy.ceilToTick(now + d);
                if (nextT < horizon) {
                    int slot = (int) (nextT / tick);
                    LongList l = wheel[slot];
                    if (l == null) {
                        if (spare != null) {
                            l = spare;
                            spare = null;
                        } else {
                            l = new LongList();
                        }
                        wheel[slot] = l;
                    }
                    l.add(pack(arrival, d));
                }
            }
            if (expired > 0) {
                expiredH[hourOf(now, hours)] += expired;
            }
            due.size = 0;
            spare = due;
        }
        // Arrivals after the last tick but inside the horizon (when the tick does not divide it).
        while (nextFresh < fresh.length && fresh[nextFresh] < horizon) {
            long t = fresh[nextFresh++];
            int h = hourOf(t, hours);
            arrivedH[h]++;
            attempts++;
            if (limiter.tryAccept(t, ++connection)) {
                deliveredH[h]++;
                if (nDelays == delays.length) {
                    delays = Arrays.copyOf(delays, nDelays * 2);
                }
                delays[nDelays++] = 0;
            }
        }
        int[] sorted = Arrays.copyOf(delays, nDelays);
        Arrays.sort(sorted);
        return new SimulationResult(nBacklog, arrivedH, deliveredH, expiredH, sorted, attempts);
    }

    /** Moves the {@code take} messages the MTA tries first to the front of {@code e[0..n)}. */
    static void choose(long[] e, int n, int take, RetryPolicy.Order order, SplittableRandom random) {
        switch (order) {
            case RANDOM -> {
                for (int i = 0; i < take; i++) {
                    int j = i + random.nextInt(n - i);
                    long tmp = e[i];
                    e[i] = e[j];
                    e[j] = tmp;
                }
            }
            // Packed entries order by arrival time first, so the k smallest are the oldest.
            case OLDEST_FIRST -> select(e, n, take);
            case NEWEST_FIRST -> {
                select(e, n, n - take);
                // The newest are now in [n - take, n): bring them to the front.
                for (int i = 0; i < take; i++) {
                    long tmp = e[i];
                    e[i] = e[n - take + i];
                    e[n - take + i] = tmp;
                }
            }
            default -> throw new IllegalStateException(order.toString());
        }
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

    private static LongList add(LongList l, long v) {
        LongList list = l == null ? new LongList() : l;
        list.add(v);
        return list;
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

    /** A growable long array: one slot of the wheel. */
    static final class LongList {
        long[] items = new long[16];
        int size;

        void add(long v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }
    }
}
