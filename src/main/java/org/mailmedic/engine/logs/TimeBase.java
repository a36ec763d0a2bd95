package org.mailmedic.engine.logs;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Turns hand-parsed date fields into epoch seconds and back to local day / hour, with small
 * caches so that the hot path costs a comparison, not a {@code ZonedDateTime}. Not thread-safe:
 * one per reader or aggregator.
 */
final class TimeBase {

    private final ZoneId zone;
    private final ZoneRules rules;
    // local date+hour -> epoch second of that local hour's start
    private long cachedLocalKey = Long.MIN_VALUE;
    private long cachedLocalEpoch;
    // epoch hour -> offset seconds
    private long cachedEpochHour = Long.MIN_VALUE;
    private int cachedOffset;
    // date -> epoch day
    private int cachedDateKey = Integer.MIN_VALUE;
    private long cachedEpochDay;

    TimeBase(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    ZoneId zone() {
        return zone;
    }

    /** Local wall-clock time in this zone to epoch seconds; -1 when the fields are impossible. */
    long local(int year, int month, int day, int hour, int minute, int second) {
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return -1;
        }
        long key = ((((long) year * 13 + month) * 32 + day) * 24) + hour;
        if (key != cachedLocalKey) {
            try {
                cachedLocalEpoch = LocalDateTime.of(year, month, day, hour, 0).atZone(zone).toEpochSecond();
            } catch (java.time.DateTimeException e) {
                return -1;
            }
            cachedLocalKey = key;
        }
        return cachedLocalEpoch + minute * 60L + Math.min(second, 59);
    }

    /** A time with an explicit UTC offset (seconds east of UTC) to epoch seconds; -1 when impossible. */
    long withOffset(int year, int month, int day, int hour, int minute, int second, int offsetSeconds) {
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return -1;
        }
        int dateKey = (year * 13 + month) * 32 + day;
        if (dateKey != cachedDateKey) {
            try {
                cachedEpochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (java.time.DateTimeException e) {
                return -1;
            }
            cachedDateKey = dateKey;
        }
        return cachedEpochDay * 86400L + hour * 3600L + minute * 60L + Math.min(second, 59) - offsetSeconds;
    }

    private int offsetAt(long epochSecond) {
        long h = Math.floorDiv(epochSecond, 3600);
        if (h != cachedEpochHour) {
            cachedOffset = rules.getOffset(java.time.Instant.ofEpochSecond(h * 3600)).getTotalSeconds();
            cachedEpochHour = h;
        }
        return cachedOffset;
    }

    /** The local day (epoch day number) of an instant. */
    long localEpochDay(long epochSecond) {
        return Math.floorDiv(epochSecond + offsetAt(epochSecond), 86400);
    }

    /** The local hour of day (0..23) of an instant. */
    int localHour(long epochSecond) {
        return (int) (Math.floorMod(epochSecond + offsetAt(epochSecond), 86400) / 3600);
    }

    static ZoneOffset utc() {
        return ZoneOffset.UTC;
    }
}
