package org.mailmedic.engine.forecast;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a mail server tries a deferred message again, and when it gives up. Each factory returns
 * the MTA's shipped defaults, with the source of every number cited.
 *
 * <p>The model: a new message is tried at once on arrival. After each temporary failure the
 * policy gives the delay until the message is <em>due</em> again; the attempt itself happens at
 * the first scheduler tick at or after that moment (the queue-run interval for MTAs that scan
 * their queue periodically, one minute for MTAs with per-message timers). A failed attempt at an
 * age of at least the queue lifetime bounces the message instead of deferring it again.
 */
public final class RetryPolicy {

    /** Delay until a deferred message is due again. */
    @FunctionalInterface
    public interface Schedule {
        /**
         * @param ageSeconds            time since the message entered the queue, at this failure
         * @param previousDelaySeconds  the delay chosen after the previous failure, 0 after the first
         * @return seconds until the message is due again (at least 1)
         */
        long delayAfterFailure(long ageSeconds, long previousDelaySeconds);
    }

    /**
     * Which due messages a queue run tries first, which decides who gets a slot the destination
     * frees up.
     */
    public enum Order {
        /** The order the spool directory happens to yield: effectively random (Postfix, Exim). */
        RANDOM,
        /** Least-retried first (Sendmail's default QueueSortOrder=priority: each try lowers priority). */
        NEWEST_FIRST,
        /** Oldest first (Exchange's per-destination queues are first in, first out). */
        OLDEST_FIRST
    }

    private final String id;
    private final String label;
    private final Order order;
    private final long tickSeconds;
    private final long defaultLifetimeSeconds;
    private final Schedule schedule;
    private final String description;
    private final long steadyAfterAge;
    private final long steadyDelay;

    private RetryPolicy(String id, String label, Order order, long tickSeconds, long defaultLifetimeSeconds,
            long steadyAfterAge, long steadyDelay, Schedule schedule, String description) {
        this.steadyAfterAge = steadyAfterAge;
        this.steadyDelay = steadyDelay;
        this.id = id;
        this.label = label;
        this.order = order;
        this.tickSeconds = tickSeconds;
        this.defaultLifetimeSeconds = defaultLifetimeSeconds;
        this.schedule = schedule;
        this.description = description;
    }

    /**
     * Postfix defaults (postconf(5), http://www.postfix.org/postconf.5.html, Postfix 2.4 and later):
     * {@code queue_run_delay = 300s}, {@code minimal_backoff_time = 300s},
     * {@code maximal_backoff_time = 4000s}, {@code maximal_queue_lifetime = 5d}.
     * The backoff "doubles": qmgr(8) says "the queue manager implements exponential backoff by
     * doubling the time between delivery attempts", and src/qmgr/qmgr_active.c
     * ({@code qmgr_active_done_3_generic}) sets the next try to now + the message's age in the
     * queue, clamped to [minimal_backoff_time, maximal_backoff_time]. Deferred mail is only looked
     * at by the deferred-queue scan every queue_run_delay, which walks the hashed queue
     * directories: in effect a random order.
     */
    public static RetryPolicy postfix() {
        return postfix(300, 300, 4000, 5 * 86_400L);
    }

    /** Postfix with explicit {@code queue_run_delay}, backoff bounds and lifetime, in seconds. */
    public static RetryPolicy postfix(long queueRunDelay, long minBackoff, long maxBackoff, long lifetime) {
        require(queueRunDelay >= 1 && minBackoff >= 1 && maxBackoff >= minBackoff, "postfix timings");
        return new RetryPolicy("postfix", "Postfix", Order.RANDOM, queueRunDelay, lifetime, maxBackoff, maxBackoff,
                (age, prev) -> Math.max(minBackoff, Math.min(maxBackoff, age)),
                "tries again after the message's age (at least " + human(minBackoff) + ", at most " + human(maxBackoff)
                        + ") on the next queue scan (every " + human(queueRunDelay) + ")");
    }

    /**
     * Sendmail: every queued message is tried again on each queue run. The run interval is the
     * {@code -q} switch, "usually set to between 15 minutes (q15m) and 1 hour (q1h)" (Oracle Mail
     * Administration Guide, "Queue Interval"); Red Hat and Fedora ship {@code QUEUE=1h} in
     * /etc/sysconfig/sendmail, which is the default here. Queue runs sort by priority
     * ({@code QueueSortOrder=priority}, the default) and every delivery attempt adds
     * {@code RetryFactor} (90000) to a message's priority value, so the least-retried messages are
     * tried first (sendmail Installation and Operation Guide, "Queue priorities").
     * {@code Timeout.queuereturn} is five days
     * ({@code confTO_QUEUERETURN}, "by default, is five days": sendmail cf/README and Costales,
     * sendmail 4th ed., §24.9.119.18; RFC 1123 §5.3.1.1 asks for "at least 4-5 days").
     */
    public static RetryPolicy sendmail() {
        return sendmail(3_600, 5 * 86_400L);
    }

    /** Sendmail with an explicit queue-run interval ({@code -q}) and {@code Timeout.queuereturn}, in seconds. */
    public static RetryPolicy sendmail(long queueInterval, long lifetime) {
        require(queueInterval >= 1, "sendmail queue interval");
        return new RetryPolicy("sendmail", "Sendmail", Order.NEWEST_FIRST, queueInterval, lifetime, 0, queueInterval,
                (age, prev) -> queueInterval,
                "tries every queued message on each queue run (every " + human(queueInterval) + ")");
    }

    /**
     * Exim's default retry rule, shipped in the default configure file and Debian's
     * conf.d/retry/30_exim4-config: {@code * * F,2h,15m; G,16h,1h,1.5; F,4d,6h} — "retries every 15
     * minutes for 2 hours, then increasing retry intervals, starting at 1 hour and increasing each
     * time by a factor of 1.5, up to 16 hours, then retries every 6 hours until 4 days have passed
     * since the first failed delivery" (Exim specification, chapter "Retry configuration").
     * Retry times are lower bounds: the attempt happens on the next queue run, and Debian's
     * /etc/default/exim4 runs the queue every 30 minutes ({@code QUEUEINTERVAL='30m'}). Unless
     * {@code queue_run_in_order} is set (default false) a queue run takes messages in random order.
     * For a throttled destination the first failure is the first attempt, so the 4-day cutoff is
     * counted from arrival.
     */
    public static RetryPolicy exim() {
        return new RetryPolicy("exim", "Exim", Order.RANDOM, 1_800, 4 * 86_400L, 16 * 3_600, 6 * 3_600, (age, prev) -> {
            if (age < 2 * 3_600) {
                return 15 * 60;
            }
            if (age < 16 * 3_600) {
                return prev < 3_600 ? 3_600 : Math.round(prev * 1.5);
            }
            return 6 * 3_600;
        }, "retries every 15 min for 2 h, then from 1 h growing by 1.5× up to 16 h, then every 6 h;"
                + " queue runs every 30 min");
    }

    /**
     * Exchange Server transport: a message that a remote server refuses with a 4xx is retried after
     * {@code MessageRetryInterval} — "The default value is 15 minutes" (Microsoft Learn,
     * TransportServer.MessageRetryInterval) — and returned to the sender after
     * {@code MessageExpirationTimeout}, "The default value is 2 days" (TransportServer.
     * MessageExpirationTimeout; "Configure Message Retry, Resubmit, and Expiration Intervals").
     * Exchange uses per-message timers rather than queue scans (modelled with one-minute ticks) and
     * delivers each remote-delivery queue first in, first out.
     */
    public static RetryPolicy exchange() {
        return new RetryPolicy("exchange", "Exchange Server", Order.OLDEST_FIRST, 60, 2 * 86_400L, 0, 15 * 60,
                (age, prev) -> 15 * 60,
                "retries every 15 min (MessageRetryInterval)");
    }

    /**
     * Exchange Online (Microsoft 365): "Microsoft 365 continues to retry delivery for each message
     * for 24 hours. After 24 hours, the queued message expires, and the message is returned to the
     * original sender in a non-delivery report" (Microsoft Learn, "Mail flow intelligence"; message
     * center MC441064: "In Exchange Online the service-wide default setting is 24 hours", adjustable
     * down to 12 h). Microsoft does not document the retry intervals; they are observed as 30
     * minutes after the first failure and then hourly (office365itpros.com, "Set Message Expiration
     * Timeout Interval", 2022), which is what is modelled.
     */
    public static RetryPolicy exchangeOnline() {
        return new RetryPolicy("exchange-online", "Exchange Online (Microsoft 365)", Order.OLDEST_FIRST, 60, 86_400L,
                1_800, 3_600, (age, prev) -> age < 1_800 ? 1_800 : 3_600,
                "retries after 30 min, then hourly (observed; Microsoft documents only the 24 h expiry)");
    }

    /** Every shipped policy, in the order shown to users. */
    public static List<RetryPolicy> all() {
        return List.of(postfix(), sendmail(), exim(), exchange(), exchangeOnline());
    }

    /**
     * The policy for an MTA's name as it appears in logs, settings or on the command line:
     * "postfix", "Sendmail", "exim4", "Exchange", "exchange-online", "Microsoft 365", "o365"…
     */
    public static Optional<RetryPolicy> forMta(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
        if (n.startsWith("postfix")) {
            return Optional.of(postfix());
        }
        if (n.startsWith("sendmail")) {
            return Optional.of(sendmail());
        }
        if (n.startsWith("exim")) {
            return Optional.of(exim());
        }
        return switch (n) {
            case "exchange-online", "exchangeonline", "exo", "o365", "office365", "office-365", "microsoft-365", "m365",
                    "microsoft365" -> Optional.of(exchangeOnline());
            case "exchange", "exchange-server", "msexchange", "ms-exchange" -> Optional.of(exchange());
            default -> Optional.empty();
        };
    }

    /** Short stable identifier: postfix, sendmail, exim, exchange, exchange-online. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Which due messages are tried first at a queue run. */
    public Order order() {
        return order;
    }

    /** Resolution of retries: the queue-run interval, or one minute for timer-driven MTAs. */
    public long tickSeconds() {
        return tickSeconds;
    }

    /** The MTA's shipped queue lifetime, in seconds. */
    public long defaultLifetimeSeconds() {
        return defaultLifetimeSeconds;
    }

    /** One sentence on how it retries. */
    public String description() {
        return description;
    }

    /**
     * From this age on the delay no longer changes: it is {@link #steadyDelay()} whatever came
     * before. The simulation moves such messages in bulk.
     */
    public long steadyAfterAge() {
        return steadyAfterAge;
    }

    /** The delay between tries once a message is at least {@link #steadyAfterAge()} old. */
    public long steadyDelay() {
        return steadyDelay;
    }

    /** Seconds until a message deferred at {@code ageSeconds} is due again (at least 1). */
    public long delayAfterFailure(long ageSeconds, long previousDelaySeconds) {
        return Math.max(1, schedule.delayAfterFailure(ageSeconds, previousDelaySeconds));
    }

    /**
     * How many times one message that is refused every time is tried within {@code seconds} of
     * arriving (including the first try). Used to bound the simulation's work before it starts.
     */
    public long attemptsWithin(long seconds) {
        long t = 0;
        long prev = 0;
        long n = 1;
        while (n < 1_000_000) {
            long d = delayAfterFailure(t, prev);
            long next = ceilToTick(t + d);
            if (next > seconds) {
                break;
            }
            prev = d;
            t = next;
            n++;
        }
        return n;
    }

    long ceilToTick(long t) {
        return Math.floorDiv(t + tickSeconds - 1, tickSeconds) * tickSeconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && p.id.equals(id) && p.order == order && p.tickSeconds == tickSeconds
                && p.defaultLifetimeSeconds == defaultLifetimeSeconds && p.description.equals(description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, tickSeconds, defaultLifetimeSeconds, description);
    }

    @Override
    public String toString() {
        return id;
    }

    static String human(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + " d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + what);
        }
    }
}
