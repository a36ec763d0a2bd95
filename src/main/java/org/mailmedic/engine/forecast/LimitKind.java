package org.mailmedic.engine.forecast;

import java.util.Locale;
import java.util.Optional;

/**
 * How a destination counts the messages it will accept from one sender (usually one sending IP).
 * Receivers publish little about this; the kind is inferred from the wording of their 4xx replies
 * ("too many messages in 24 hours", "hourly limit exceeded", "too many messages in this session").
 */
public enum LimitKind {

    /** At most N messages in any sliding 24 hours: a slot frees exactly 24 h after each acceptance. */
    ROLLING_24H("rolling24h", "per rolling 24 hours", 86_400),
    /** At most N messages per calendar day; the count resets at midnight (simulation day boundary). */
    CALENDAR_DAY("calendar-day", "per calendar day", 86_400),
    /** At most N messages in any sliding hour. */
    HOURLY("hourly", "per hour", 3_600),
    /**
     * At most N messages per SMTP connection. The model opens one connection per delivery round:
     * one for each freshly arrived message and one for each queue run's batch of due retries.
     */
    PER_CONNECTION("per-connection", "per connection", 0);

    private final String cliName;
    private final String label;
    private final long windowSeconds;

    LimitKind(String cliName, String label, long windowSeconds) {
        this.cliName = cliName;
        this.label = label;
        this.windowSeconds = windowSeconds;
    }

    /** The word used on the command line and in JSON, e.g. {@code rolling24h}. */
    public String cliName() {
        return cliName;
    }

    /** Plain words for the limit's period, e.g. "per rolling 24 hours". */
    public String label() {
        return label;
    }

    long windowSeconds() {
        return windowSeconds;
    }

    /** How many of this kind's periods fit in a day (for converting a limit to messages a day). */
    public double periodsPerDay() {
        return switch (this) {
            case ROLLING_24H, CALENDAR_DAY -> 1;
            case HOURLY -> 24;
            case PER_CONNECTION -> Double.NaN;
        };
    }

    /** Parses {@code rolling24h}, {@code calendar-day}, {@code hourly}, {@code per-connection} (case-insensitive). */
    public static Optional<LimitKind> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String k = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (LimitKind kind : values()) {
            if (kind.cliName.equals(k) || kind.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(k)) {
                return Optional.of(kind);
            }
        }
        return switch (k) {
            case "24h", "rolling-24h", "rolling" -> Optional.of(ROLLING_24H);
            case "daily", "day", "calendar" -> Optional.of(CALENDAR_DAY);
            case "hour", "per-hour" -> Optional.of(HOURLY);
            case "connection", "session" -> Optional.of(PER_CONNECTION);
            default -> Optional.empty();
        };
    }
}
