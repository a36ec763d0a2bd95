package org.mailmedic.engine.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the mail logs said, once read: per file what was recognised (and what was wrong with it),
 * per destination domain what happened to the mail, the throttle / TLS / policy patterns found,
 * the queue left at the end of the logs and the arrivals profile the queue forecast needs.
 * Every finding carries the log lines that prove it as {@link LogLine}s (file:line and text).
 *
 * <p>Plain immutable records, serialised as they are by {@code org.mailmedic.engine.report.Json}.
 *
 * @param files           one report per input file, in the order given
 * @param zone            the time zone used for days and hours of day (syslog has no zone)
 * @param firstEvent      the earliest mail event read, or null when none
 * @param lastEvent       the latest mail event read (the "now" of the queue snapshot), or null
 * @param totals          counts over all destinations
 * @param destinations    per destination domain, most troubled first
 * @param throttles       destinations that answer with rate/limit wording after a number of accepted messages
 * @param tlsInbound      failed inbound TLS handshakes, by client
 * @param tlsOutbound     failed outbound TLS, by destination (or remote host when the domain is unknown)
 * @param policyRejections SPF / DMARC / blocklist wording in replies, by destination
 * @param queue           messages still waiting at the end of the logs
 * @param arrivals        arrivals per destination per day and hour of day (input for the forecast)
 * @param sampleTimelines full delivery stories of a few notable messages (bounced, expired, throttled)
 * @param cancelled       true when the caller cancelled: everything above covers only what was read
 */
public record LogAnalysis(
        List<FileReport> files,
        String zone,
        Instant firstEvent,
        Instant lastEvent,
        Totals totals,
        List<Destination> destinations,
        List<Throttle> throttles,
        List<TlsFailures> tlsInbound,
        List<TlsFailures> tlsOutbound,
        List<PolicyRejections> policyRejections,
        QueueSnapshot queue,
        List<Arrivals> arrivals,
        List<MessageTimeline> sampleTimelines,
        List<SenderDomain> senderDomains,
        boolean cancelled) {

    public LogAnalysis {
        senderDomains = senderDomains == null ? List.of() : List.copyOf(senderDomains); // sessions saved before it
    }

    /**
     * A domain that sends through the logged server, with its share of the messages whose sender
     * was counted (all of the first 4,096, then one in eight): on a server that relays a small
     * business's mail the business's own domain leads by far; on a receiving server no domain does.
     *
     * @param domain lower case
     * @param share  percent of the counted senders, one decimal
     */
    public record SenderDomain(String domain, double share) {
    }

    /** The destination's summary, or null when the logs never mention it. */
    public Destination destination(String domain) {
        return destinations.stream().filter(d -> d.domain().equalsIgnoreCase(domain)).findFirst().orElse(null);
    }

    /** The throttle finding for a destination, or null. */
    public Throttle throttle(String domain) {
        return throttles.stream().filter(t -> t.destination().equalsIgnoreCase(domain)).findFirst().orElse(null);
    }

    /** The arrivals profile of a destination, or null. */
    public Arrivals arrivalsFor(String domain) {
        return arrivals.stream().filter(a -> a.destination().equalsIgnoreCase(domain)).findFirst().orElse(null);
    }

    /** True when at least one file held mail lines. */
    public boolean anyMailLines() {
        return files.stream().anyMatch(f -> f.mailLines() > 0);
    }

    /**
     * One log line quoted as evidence.
     *
     * @param file the file as the user named it
     * @param line 1-based line number in the (decompressed) file
     * @param text the line, cut to {@value LogLine#MAX_TEXT} characters
     */
    public record LogLine(String file, long line, String text) {
        public static final int MAX_TEXT = 300;

        /** "maillog:1234". */
        public String ref() {
            return file + ":" + line;
        }

        @Override
        public String toString() {
            return ref() + ": " + text;
        }
    }

    /**
     * What one input file turned out to be.
     *
     * @param file       the file as the user named it
     * @param format     e.g. "Postfix (syslog)", "Exim mainlog", "Exchange message tracking", or "unknown"
     * @param compressed read through gzip
     * @param bytes      size on disk
     * @param lines      lines read
     * @param mailLines  lines that were mail-server events (the rest are other programs or noise)
     * @param firstEvent earliest event of the file, or null
     * @param lastEvent  latest event of the file, or null
     * @param problems   plain-language problems, each naming the file (and line where it matters); empty when fine
     * @param sha256     hex SHA-256 of the file's bytes, computed while reading it; "" when the file could not
     *                   be read or the analysis was cancelled
     */
    public record FileReport(String file, String format, boolean compressed, long bytes, long lines, long mailLines,
                             Instant firstEvent, Instant lastEvent, List<String> problems, String sha256) {
        public boolean usable() {
            return mailLines > 0;
        }
    }

    /** Counts over all destinations; {@code stillQueued} counts recipients. */
    public record Totals(long messagesReceived, long recipients, long delivered, long deferredAttempts,
                         long bounced, long expired, long stillQueued) {
    }

    /**
     * What happened to mail for one destination domain.
     *
     * @param domain            the recipient domain, lower case
     * @param delivered         recipients accepted (2xx)
     * @param deferredAttempts  temporary failures (each retry counts)
     * @param deferredRecipients recipients that were deferred at least once
     * @param bounced           recipients refused for good
     * @param expired           recipients given up after the queue lifetime
     * @param stillQueued       recipients waiting at the end of the logs
     * @param oldestQueuedSeconds age of the oldest waiting recipient's message at the end of the logs, 0 when none
     * @param troubleScore      how troubled the destination looks (sorting key): failures weighted above deferrals
     * @param topReplies        the failure replies most seen (normalised text), most frequent first
     * @param days              per day, in time order
     */
    public record Destination(String domain, long delivered, long deferredAttempts, long deferredRecipients,
                              long bounced, long expired, long stillQueued, long oldestQueuedSeconds,
                              double troubleScore, List<ReplyCount> topReplies, List<Day> days) {
    }

    /** A reply seen {@code count} times: SMTP code, enhanced status, normalised text and one real line. */
    public record ReplyCount(String code, String enhancedStatus, String text, long count, LogLine example) {
    }

    /** One day of one destination (days in {@link LogAnalysis#zone()}). */
    public record Day(LocalDate date, long delivered, long deferredAttempts, long bounced, long expired) {
    }

    /**
     * A destination that starts refusing with rate/limit wording once it has accepted a number of
     * messages within 24 hours: "accepts about {@code inferredDailyLimit} a day from your server".
     *
     * @param destination        the recipient domain
     * @param inferredDailyLimit typical number accepted in the 24 h before each onset; null when nothing was accepted first
     * @param onsets             each episode's first rate-limited reply, with how many were accepted in the 24 h before
     * @param deferredAttempts   rate-limited temporary failures
     * @param deferredMessages   recipients that met at least one rate-limited failure
     * @param expired            recipients of this destination that expired
     * @param bounced            recipients of this destination that bounced
     * @param typicalReply       the rate-limit reply most seen
     * @param summary            one sentence in plain language
     * @param evidence           the lines that show it (onsets first), capped
     */
    public record Throttle(String destination, Integer inferredDailyLimit, List<Onset> onsets, long deferredAttempts,
                           long deferredMessages, long expired, long bounced, String typicalReply, String summary,
                           List<LogLine> evidence) {
    }

    /** Start of one throttling episode. */
    public record Onset(Instant at, long acceptedInPrevious24h, LogLine evidence) {
    }

    /**
     * Failed TLS handshakes with one peer.
     *
     * @param direction "inbound" (a client connecting to us) or "outbound" (we connecting to a destination)
     * @param peer      inbound: the client "host [ip]"; outbound: the destination domain or remote host
     * @param failures  number of failures
     * @param first     first failure
     * @param last      last failure
     * @param reasons   reasons as logged (e.g. "no shared cipher"), most frequent first
     * @param evidence  a few lines that show it
     */
    public record TlsFailures(String direction, String peer, long failures, Instant first, Instant last,
                              List<ReasonCount> reasons, List<LogLine> evidence) {
    }

    /** A reason with how often it was seen. */
    public record ReasonCount(String reason, long count) {
    }

    /**
     * Replies from a destination that mention SPF, DMARC or a blocklist.
     *
     * @param destination the recipient domain
     * @param kind        "spf", "dmarc" or "blocklist"
     * @param temporary   how many were temporary (4xx)
     * @param permanent   how many were permanent (5xx)
     * @param example     the text of one such reply
     * @param evidence    a few lines
     */
    public record PolicyRejections(String destination, String kind, long temporary, long permanent, String example,
                                   List<LogLine> evidence) {
    }

    /**
     * The messages still waiting at the end of the logs, like Postfix's {@code qshape} but for any MTA.
     *
     * @param asOf        the time of the last event read
     * @param recipients  waiting recipients
     * @param ageBucketsMinutes the upper bounds of the age columns (minutes); the last column is "older"
     * @param byDestination per destination, most waiting first
     * @param messages    the waiting messages with their stories, oldest first (capped)
     * @param messagesOmitted waiting messages not listed because of the cap
     */
    public record QueueSnapshot(Instant asOf, long recipients, List<Integer> ageBucketsMinutes,
                                List<QueuedDestination> byDestination, List<MessageTimeline> messages,
                                long messagesOmitted) {
    }

    /** Waiting recipients of one destination, with their ages spread over the snapshot's buckets. */
    public record QueuedDestination(String destination, long recipients, long oldestSeconds, List<Long> byAge) {
    }

    /**
     * Mail arriving for one destination: the forecast's input.
     *
     * @param destination   the recipient domain
     * @param total         recipients that arrived (first seen) in the logs
     * @param days          days covered by the logs
     * @param averagePerDay total / days
     * @param byHourOfDay   24 counts, hour 0 to 23 in {@link LogAnalysis#zone()}
     * @param perDay        arrivals per day, in time order
     */
    public record Arrivals(String destination, long total, int days, double averagePerDay, List<Long> byHourOfDay,
                           List<DayCount> perDay) {
    }

    /** A count on one day. */
    public record DayCount(LocalDate date, long count) {
    }

    /**
     * One message's story, joined by queue id.
     *
     * @param queueId    the MTA's queue id
     * @param from       envelope sender, or null when not logged
     * @param received   when the message entered the queue (or was first seen)
     * @param client     where it came from (e.g. "host[ip]"), or null
     * @param size       bytes, or -1 when not logged
     * @param recipients each recipient with its attempts and final state
     * @param evidence   where the message entered the queue (file and line; text null: see the attempts for lines)
     */
    public record MessageTimeline(String queueId, String from, Instant received, String client, long size,
                                  List<RecipientTimeline> recipients, LogLine evidence) {
    }

    /**
     * One recipient of a message.
     *
     * @param address         the recipient
     * @param domain          its domain
     * @param state           "delivered", "bounced", "expired", "queued" (still waiting) or "unknown"
     * @param attempts        the attempts in order (capped: the first ones and the last one)
     * @param attemptsOmitted attempts left out by the cap
     */
    public record RecipientTimeline(String address, String domain, String state, List<DeliveryAttempt> attempts,
                                    int attemptsOmitted) {
    }

    /**
     * One delivery attempt as the log tells it.
     *
     * @param at             when
     * @param status         "sent", "deferred", "bounced" or "expired"
     * @param relay          the host tried (as logged), or null
     * @param replyCode      the SMTP reply code (e.g. "421"), or null
     * @param enhancedStatus the enhanced status (e.g. "4.7.0"), or null
     * @param text           the reply or reason text
     * @param delaySeconds   the MTA's total delay so far, or null when not logged
     * @param evidence       the line
     */
    public record DeliveryAttempt(Instant at, String status, String relay, String replyCode, String enhancedStatus,
                                  String text, Double delaySeconds, LogLine evidence) {
    }
}
