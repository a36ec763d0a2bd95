package org.mailmedic.engine.probe.smtp;

import java.time.Duration;

/** A point in monotonic time after which a step must give up. */
final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline in(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos());
    }

    /** The earlier of this deadline and {@code d} from now. */
    Deadline within(Duration d) {
        return new Deadline(Math.min(endNanos, System.nanoTime() + d.toNanos()));
    }

    long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** A socket timeout for the time left (never 0, which would mean "forever"). */
    int socketTimeout() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis()));
    }
}
