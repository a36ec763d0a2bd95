package org.mailmedic.engine.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailmedic.engine.logs.LogAnalysis.LogLine;

/**
 * The state the readers feed, in time order: open queue entries joined by queue id, and per
 * destination the counters, days, replies, throttle onsets and TLS/policy findings. Memory is
 * bounded by the number of destinations and of messages still open; evidence lines and stored
 * attempts are capped.
 */
final class Aggregator {

    static final int EVIDENCE_CAP = 8;
    static final int ATTEMPTS_KEPT = 6;
    static final int REPLY_KEYS_CAP = 40;
    static final int SAMPLES_PER_DEST = 3;
    static final int SAMPLES_CAP = 100;
    static final int QUEUE_LIST_CAP = 500;
    static final long THROTTLE_GAP = 6 * 3600;
    static final long ONSET_SPACING = 20 * 3600;
    static final int ONSETS_CAP = 400;
    static final int RING_CAP = 1 << 18;
    static final int[] AGE_BUCKETS = {5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240};

    enum State { NONE, DEFERRED, SENT, BOUNCED, EXPIRED }

    final TimeBase time;
    private final Map<String, Msg> open = new HashMap<>();
    private final Map<String, Dest> dests = new HashMap<>();
    /** The same destinations, for the hot path: looked up straight from a recipient address. */
    private final DomainIndex<Dest> destsByDomain = new DomainIndex<>();
    private final Replies.Meanings meanings = new Replies.Meanings();
    private final Map<String, long[]> senders = new HashMap<>(); // sender domain -> messages counted
    private long sendersSeen;
    private long sendersCounted;
    private final Map<String, Tls> tlsIn = new HashMap<>();
    private final Map<String, Tls> tlsOut = new HashMap<>();
    private final Map<String, String> hostToDomain = new HashMap<>();
    private final List<LogAnalysis.MessageTimeline> samples = new ArrayList<>();
    long messagesReceived;
    long recipients;
    long delivered;
    long deferred;
    long bounced;
    long expired;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    private long events;
    /** A queue id whose full story is wanted ({@link LogAnalyzer#trace}). */
    String traceId;
    LogAnalysis.MessageTimeline traced;

    Aggregator(TimeBase time) {
        this.time = time;
    }

    // ---------------------------------------------------------------- messages

    static final class Msg {
        final String qid;
        long firstSeen;
        long lastSeen;
        String from;
        String client;
        long size = -1;
        int nrcpt = -1;
        boolean counted;
        String originFile;
        long originLine;
        final List<Rcpt> rcpts = new ArrayList<>(2);
        int finals;
        /** No longer in the open map (its story is over). */
        boolean closed;

        Msg(String qid) {
            this.qid = qid;
        }

        Rcpt rcpt(String address) {
            for (int i = 0, n = rcpts.size(); i < n; i++) {
                Rcpt r = rcpts.get(i);
                if (r.address.equals(address)) {
                    return r;
                }
            }
            return null;
        }
    }

    static final class Rcpt {
        final String address;
        final Dest dest;
        State state = State.NONE;
        boolean everDeferred;
        boolean throttled;
        /** Empty (shared, never written) until the first attempt kept in detail: most stay empty. */
        List<LogAnalysis.DeliveryAttempt> attempts = List.of();
        int omitted;

        Rcpt(String address, Dest dest) {
            this.address = address;
            this.dest = dest;
        }

        boolean isFinal() {
            return state == State.SENT || state == State.BOUNCED || state == State.EXPIRED;
        }

        void add(LogAnalysis.DeliveryAttempt a) {
            if (attempts.isEmpty()) {
                attempts = new ArrayList<>(2);
            }
            if (attempts.size() < ATTEMPTS_KEPT) {
                attempts.add(a);
            } else {
                attempts.set(ATTEMPTS_KEPT - 1, a);
                omitted++;
            }
        }
    }

    /** The open message with this queue id, created (first seen at {@code t}) when new. */
    Msg msg(String qid, long t) {
        Msg m = open.get(qid);
        if (m == null) {
            m = new Msg(qid);
            m.firstSeen = t;
            open.put(qid, m);
            if (lastQidLen >= 0 && lastMsg.qid.equals(qid)) {
                lastQidLen = -1; // the remembered message of this id is over: this is another one
            }
        }
        m.lastSeen = Math.max(m.lastSeen, t);
        return m;
    }

    private byte[] lastQid = new byte[32];
    private int lastQidLen = -1; // -1: no message remembered
    private Msg lastMsg;

    /**
     * The open message whose queue id is {@code b[s, e)}, created when new. Consecutive lines
     * mostly name the same message, so the last one is remembered by its bytes: no String, no
     * hash lookup.
     */
    Msg msg(byte[] b, int s, int e, long t) {
        int n = e - s;
        if (n == lastQidLen && sameAsLastQid(b, s, n) && !lastMsg.closed) {
            Msg m = lastMsg;
            m.lastSeen = Math.max(m.lastSeen, t);
            return m;
        }
        Msg m = msg(new String(b, s, n, java.nio.charset.StandardCharsets.ISO_8859_1), t);
        if (n <= lastQid.length) {
            System.arraycopy(b, s, lastQid, 0, n);
            lastQidLen = n;
            lastMsg = m;
        }
        return m;
    }

    /**
     * Counts a "sent" whose details need not be kept, and returns true; returns false, counting
     * nothing, when they are wanted: for a recipient that already has a story (an earlier
     * deferral) or for the message being traced (the caller then reports it through
     * {@link #attempt}). Most deliveries succeed at once; not materialising them keeps the hot path
     * free of allocation.
     */
    boolean sentQuietly(LogReader r, Msg m, String address) {
        Rcpt rc = m.rcpt(address);
        if ((rc != null && !rc.attempts.isEmpty()) || m.qid.equals(traceId)) {
            return false;
        }
        long t = r.time;
        event(t);
        if (rc == null) {
            rc = newRecipient(m, address, t);
        } else if (rc.isFinal()) {
            return true; // a repeated final line (e.g. the same log read twice)
        }
        sent(m, rc, t);
        return true;
    }

    /** The open message or null. */
    Msg find(String qid) {
        return open.get(qid);
    }

    /** The open message whose queue id is {@code b[s, e)}, or null. */
    Msg find(byte[] b, int s, int e) {
        int n = e - s;
        if (n == lastQidLen && sameAsLastQid(b, s, n)) {
            // Closed: mostly by its last delivery, just before qmgr's "removed" line asks
            return lastMsg.closed ? null : lastMsg;
        }
        return open.get(new String(b, s, n, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private boolean sameAsLastQid(byte[] b, int s, int n) {
        byte[] last = lastQid;
        for (int i = 0; i < n; i++) {
            if (last[i] != b[s + i]) {
                return false;
            }
        }
        return true;
    }

    /** A message entered the queue (counted once). */
    void received(Msg m, long t, LogReader r) {
        if (!m.counted) {
            m.counted = true;
            messagesReceived++;
            m.firstSeen = Math.min(m.firstSeen, t);
            if (m.originFile == null) {
                m.originFile = r.name; // file and line only: decoding every message's first line costs too much
                m.originLine = r.lineNo;
            }
        }
    }

    /** A delivery outcome for one recipient of a message. */
    void attempt(LogReader r, Msg m, String address, State status, String relay, String code, String enhanced,
                 String text, Double delay) {
        long t = r.time;
        event(t);
        if (!m.counted && delay != null && delay > 0 && delay < 400 * 86400) {
            m.firstSeen = Math.min(m.firstSeen, t - delay.longValue()); // the MTA says how long it has waited
        }
        Rcpt rc = m.rcpt(address);
        if (rc == null) {
            rc = newRecipient(m, address, t);
        } else if (rc.isFinal()) {
            return; // a repeated final line (e.g. the same log read twice)
        }
        Dest d = rc.dest;
        if (relay != null && relay.length() > 0 && status != State.EXPIRED) {
            rememberHost(relay, d.domain);
        }
        boolean light = status == State.SENT && relay == null && text == null;
        LogLine ev = light ? null : r.evidence();
        if (!light) {
            rc.add(new LogAnalysis.DeliveryAttempt(Instant.ofEpochSecond(t), statusName(status), relay, code,
                    enhanced, text, delay, ev));
        }
        switch (status) {
            case SENT -> sent(m, rc, t);
            case DEFERRED -> deferredAttempt(m, rc, code, enhanced, text, ev, t);
            case BOUNCED -> bouncedAttempt(m, rc, code, enhanced, text, ev, t);
            case EXPIRED -> expiredAttempt(m, rc, code, enhanced, text, ev, t);
            default -> {
            }
        }
    }

    // Each outcome in a method of its own: the JIT compiles and, when a rare branch is first taken
    // deep into a big log, recompiles small units, not one large method (JFR: a recompile of the
    // former all-in-one attempt() took 0.4-0.6 s of a 2-core machine's CPU, three times per run).

    private Rcpt newRecipient(Msg m, String address, long t) {
        Dest d = destOf(address);
        Rcpt rc = new Rcpt(address, d);
        m.rcpts.add(rc);
        recipients++;
        long arrival = m.counted || m.firstSeen < t ? m.firstSeen : t;
        d.arrival(arrival, time);
        return rc;
    }

    private void sent(Msg m, Rcpt rc, long t) {
        Dest d = rc.dest;
        delivered++;
        d.delivered++;
        d.day(time.localEpochDay(t))[0]++;
        d.accepted(t);
        finish(m, rc, State.SENT);
    }

    private void deferredAttempt(Msg m, Rcpt rc, String code, String enhanced, String text, LogLine ev, long t) {
        Dest d = rc.dest;
        deferred++;
        d.deferredAttempts++;
        d.day(time.localEpochDay(t))[1]++;
        if (!rc.everDeferred) {
            rc.everDeferred = true;
            d.deferredRecipients++;
        }
        rc.state = State.DEFERRED;
        failure(d, rc, code, enhanced, text, ev, t, true);
        closeIfDone(m);
    }

    private void bouncedAttempt(Msg m, Rcpt rc, String code, String enhanced, String text, LogLine ev, long t) {
        Dest d = rc.dest;
        bounced++;
        d.bounced++;
        d.day(time.localEpochDay(t))[2]++;
        failure(d, rc, code, enhanced, text, ev, t, false);
        finish(m, rc, State.BOUNCED);
    }

    private void expiredAttempt(Msg m, Rcpt rc, String code, String enhanced, String text, LogLine ev, long t) {
        Dest d = rc.dest;
        expired++;
        d.expired++;
        d.day(time.localEpochDay(t))[3]++;
        if (text != null && !text.isEmpty()) {
            d.reply(code, enhanced, meanings.of(text).normalised(), ev);
        }
        finish(m, rc, State.EXPIRED);
    }

    /** A recipient's final outcome; the message closes when it was the last one awaited. */
    private void finish(Msg m, Rcpt rc, State s) {
        final_(m, rc, s);
        closeIfDone(m);
    }

    /** Closes a message once every recipient it announced (nrcpt) has a final outcome. */
    private void closeIfDone(Msg m) {
        if (m.nrcpt > 0 && m.finals >= m.nrcpt && m.finals == m.rcpts.size()) {
            close(m);
        }
    }

    /** Every recipient of {@code m} still waiting has expired (the MTA gave up and returned it). */
    void expiredMessage(LogReader r, Msg m) {
        long t = r.time;
        event(t);
        LogLine ev = null;
        for (Rcpt rc : m.rcpts) {
            if (rc.state == State.DEFERRED || rc.state == State.NONE) {
                if (ev == null) {
                    ev = r.evidence();
                }
                rc.add(new LogAnalysis.DeliveryAttempt(Instant.ofEpochSecond(t), "expired", null, null, null,
                        "gave up: queue lifetime exceeded, returned to sender", null, ev));
                expired++;
                rc.dest.expired++;
                rc.dest.day(time.localEpochDay(t))[3]++;
                final_(m, rc, State.EXPIRED);
            }
        }
    }

    /** The MTA removed the message from its queue. */
    void removed(Msg m) {
        close(m);
    }

    private void final_(Msg m, Rcpt rc, State s) {
        rc.state = s;
        m.finals++;
    }

    private void close(Msg m) {
        if (!open.remove(m.qid, m)) {
            return;
        }
        m.closed = true; // may stay the last message: find() then says "not open" without a lookup
        if (m.qid.equals(traceId)) {
            traced = timeline(m, false);
        }
        keepSample(m);
    }

    private void keepSample(Msg m) {
        if (samples.size() >= SAMPLES_CAP || m.rcpts.isEmpty()) {
            return;
        }
        for (Rcpt rc : m.rcpts) {
            boolean notable = rc.state == State.BOUNCED || rc.state == State.EXPIRED || rc.throttled;
            if (notable && rc.dest.samples < SAMPLES_PER_DEST) {
                rc.dest.samples++;
                samples.add(timeline(m, false));
                return;
            }
        }
    }

    private void event(long t) {
        if (t < first) {
            first = t;
        }
        if (t > last) {
            last = t;
        }
        if ((++events & 0xFFFF) == 0) {
            sweep();
        }
    }

    /** Notes the time of a mail event that is not a delivery (kept for first/last). */
    void seen(long t) {
        event(t);
    }

    /**
     * Closes messages whose story is over but whose end the log never said (no "removed" line):
     * all recipients final an hour ago, or nothing known about recipients two days on.
     */
    private void sweep() {
        long now = last;
        Iterator<Msg> it = open.values().iterator();
        List<Msg> done = new ArrayList<>();
        while (it.hasNext()) {
            Msg m = it.next();
            if (m.rcpts.isEmpty()) {
                if (m.lastSeen < now - 2 * 86400) {
                    it.remove();
                    m.closed = true;
                }
            } else if (m.finals == m.rcpts.size() && m.lastSeen < now - 3600) {
                done.add(m);
            }
        }
        for (Msg m : done) {
            close(m);
        }
    }

    // ---------------------------------------------------------------- destinations

    static final class Dest {
        final String domain;
        long delivered;
        long deferredAttempts;
        long deferredRecipients;
        long bounced;
        long expired;
        int samples;
        final DaySeries days = new DaySeries(4);
        // The collections below stay shared empty ones until the destination's first failure: most
        // destinations of a big log never have one, and a new destination (created on the
        // delivery path) then costs a few objects, not nine.
        Map<String, Reply> replies = Map.of();
        long otherReplies;
        final long[] arrivalsByHour = new long[24];
        long arrivals;
        final DaySeries arrivalDays = new DaySeries(1);
        // throttle
        // A power of two long, as every size it grows to: indexes wrap with a mask. It starts with
        // one sentinel older than any time, which the first prune removes: the JIT then sees the
        // prune loop run from the first delivery on, rather than first on day two of a big log
        // (where taking a branch never taken before throws the compiled code away).
        long[] ring = {Long.MIN_VALUE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        int ringHead;
        int ringSize = 1;
        long lastRate = Long.MIN_VALUE;
        long lastOnset = Long.MIN_VALUE;
        long acceptedSinceRate;
        List<LogAnalysis.Onset> onsets = List.of();
        long rateAttempts;
        long rateRecipients;
        List<LogLine> rateEvidence = List.of();
        Map<String, long[]> rateReplies = Map.of();
        Map<String, Policy> policies = Map.of();

        Dest(String domain) {
            this.domain = domain;
        }

        /** The counters of a day (DaySeries answers the latest day with one comparison). */
        long[] day(long epochDay) {
            return days.row(epochDay);
        }

        void arrival(long t, TimeBase tb) {
            arrivals++;
            arrivalsByHour[tb.localHour(t)]++;
            arrivalDays.row(tb.localEpochDay(t))[0]++;
        }

        /** An accepted delivery at {@code t}, remembered for 24 h (bounded ring). */
        void accepted(long t) {
            acceptedSinceRate++;
            prune(t);
            if (ringSize == ring.length) {
                if (ring.length >= RING_CAP) {
                    ringHead = (ringHead + 1) & (ring.length - 1); // drop the oldest: the count saturates at the cap
                    ringSize--;
                } else {
                    long[] bigger = new long[ring.length * 2];
                    for (int i = 0; i < ringSize; i++) {
                        bigger[i] = ring[(ringHead + i) & (ring.length - 1)];
                    }
                    ring = bigger;
                    ringHead = 0;
                }
            }
            ring[(ringHead + ringSize) & (ring.length - 1)] = t;
            ringSize++;
        }

        int acceptedWithin24h(long t) {
            prune(t);
            return ringSize;
        }

        private void prune(long t) {
            long cutoff = t - 86400;
            while (ringSize > 0 && ring[ringHead] <= cutoff) {
                ringHead = (ringHead + 1) & (ring.length - 1);
                ringSize--;
            }
        }

        void reply(String code, String enhanced, String norm, LogLine ev) {
            String key = (code == null ? "" : code) + '|' + (enhanced == null ? "" : enhanced) + '|' + norm;
            Reply r = replies.get(key);
            if (r == null) {
                if (replies.size() >= REPLY_KEYS_CAP) {
                    otherReplies++;
                    return;
                }
                if (replies.isEmpty()) {
                    replies = new LinkedHashMap<>();
                }
                r = new Reply(code, enhanced, norm, ev);
                replies.put(key, r);
            }
            r.count++;
        }
    }

    static final class Reply {
        final String code;
        final String enhanced;
        final String text;
        final LogLine example;
        long count;

        Reply(String code, String enhanced, String text, LogLine example) {
            this.code = code;
            this.enhanced = enhanced;
            this.text = text;
            this.example = example;
        }
    }

    static final class Policy {
        long temporary;
        long permanent;
        String example;
        final List<LogLine> evidence = new ArrayList<>();
    }

    Dest dest(String domain) {
        Dest d = dests.get(domain);
        if (d == null) {
            d = new Dest(domain);
            dests.put(domain, d);
        }
        return d;
    }

    /** The destination of an address's domain ({@link #domainOf}), created when new. */
    private Dest destOf(String address) {
        int from = domainStart(address);
        if (from < 0) {
            return dest(LOCAL);
        }
        Dest d = destsByDomain.get(address, from);
        if (d == null) {
            d = dest(address.substring(from));
            destsByDomain.put(d.domain, d);
        }
        return d;
    }

    /** The destination of mail to an address without a domain. */
    private static final String LOCAL = "(local)";

    static String domainOf(String address) {
        int from = domainStart(address);
        return from < 0 ? LOCAL : address.substring(from);
    }

    /** Where an address's domain starts (after its last '@'), or -1 when it has none. */
    private static int domainStart(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1 ? -1 : at + 1;
    }

    private void failure(Dest d, Rcpt rc, String code, String enhanced, String text, LogLine ev, long t,
                         boolean temporary) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Replies.Meaning meaning = meanings.of(text);
        d.reply(code, enhanced, meaning.normalised(), ev);
        if (temporary && meaning.rate()) {
            d.rateAttempts++;
            if (!rc.throttled) {
                rc.throttled = true;
                d.rateRecipients++;
            }
            if (d.rateReplies.isEmpty()) {
                d.rateReplies = new HashMap<>();
                d.onsets = new ArrayList<>();
                d.rateEvidence = new ArrayList<>();
            }
            d.rateReplies.computeIfAbsent(meaning.normalised(), k -> new long[1])[0]++;
            // An onset: the first rate-limited reply after a quiet spell, or — when the throttle never
            // lets up — the first one after the destination accepted mail again, at most one a day.
            boolean quiet = d.lastRate == Long.MIN_VALUE || t - d.lastRate >= THROTTLE_GAP;
            boolean resumed = d.acceptedSinceRate > 0 && t - d.lastOnset >= ONSET_SPACING;
            if (quiet || resumed) {
                if (d.onsets.size() < ONSETS_CAP) {
                    d.onsets.add(new LogAnalysis.Onset(Instant.ofEpochSecond(t), d.acceptedWithin24h(t), ev));
                }
                d.lastOnset = t;
            } else if (d.rateEvidence.size() < EVIDENCE_CAP) {
                d.rateEvidence.add(ev);
            }
            d.acceptedSinceRate = 0;
            d.lastRate = Math.max(d.lastRate, t);
        }
        if (meaning.tls() && !tlsCountedAlready) {
            tls(tlsOut, "outbound", d.domain, tlsReason(meaning.normalised()), ev, t);
        }
        String kind = meaning.policy();
        if (kind != null) {
            if (d.policies.isEmpty()) {
                d.policies = new LinkedHashMap<>(2);
            }
            Policy p = d.policies.computeIfAbsent(kind, k -> new Policy());
            boolean temp = code != null ? code.startsWith("4") : temporary;
            if (temp) {
                p.temporary++;
            } else {
                p.permanent++;
            }
            if (p.example == null) {
                p.example = text;
            }
            if (p.evidence.size() < EVIDENCE_CAP) {
                p.evidence.add(ev);
            }
        }
    }

    private static String tlsReason(String n) {
        return n.length() > 120 ? n.substring(0, 119) + "…" : n;
    }

    // ---------------------------------------------------------------- TLS

    static final class Tls {
        final String direction;
        final String peer;
        long failures;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final Map<String, long[]> reasons = new LinkedHashMap<>();
        final List<LogLine> evidence = new ArrayList<>();

        Tls(String direction, String peer) {
            this.direction = direction;
            this.peer = peer;
        }
    }

    /** A failed inbound TLS handshake from {@code client} ("host [ip]"). */
    void tlsInbound(LogReader r, String client, String reason) {
        event(r.time);
        tls(tlsIn, "inbound", client, reason, r.evidence(), r.time);
    }

    /**
     * A failed outbound TLS handshake with a remote host; attributed to its domain when known.
     *
     * @return the peer it was counted under (the domain, or the host)
     */
    String tlsOutboundHost(LogReader r, String host, String reason) {
        return tlsOutboundHost(r.evidence(), r.time, host, reason);
    }

    /** As {@link #tlsOutboundHost(LogReader, String, String)}, for a failure seen on an earlier line. */
    String tlsOutboundHost(LogLine ev, long t, String host, String reason) {
        event(t);
        String domain = hostToDomain.get(host);
        String peer = domain != null ? domain : host;
        tls(tlsOut, "outbound", peer, reason, ev, t);
        return peer;
    }

    /**
     * Set by a parser around {@link #attempt} when the attempt's TLS failure wording repeats a
     * connection-level failure it has just counted (Postfix: "SSL_connect error", then "Cannot start
     * TLS: handshake failure" for each recipient): the reply is kept, the failure not counted again.
     */
    boolean tlsCountedAlready;

    /**
     * Moves the outbound TLS failures counted under a host (its domain was not known yet) to the
     * destination domain a delivery line has just named; returns where they are now.
     */
    String tlsMove(String from, String to) {
        if (from == null || from.equals(to)) {
            return from;
        }
        Tls x = tlsOut.remove(from);
        if (x == null) {
            return to;
        }
        Tls y = tlsOut.computeIfAbsent(to, k -> new Tls("outbound", k));
        y.failures += x.failures;
        y.first = Math.min(y.first, x.first);
        y.last = Math.max(y.last, x.last);
        x.reasons.forEach((k, v) -> y.reasons.computeIfAbsent(k, z -> new long[1])[0] += v[0]);
        for (LogLine l : x.evidence) {
            if (y.evidence.size() < EVIDENCE_CAP) {
                y.evidence.add(l);
            }
        }
        return to;
    }

    /** Adds a reason learned from a later line (e.g. Postfix's "TLS library problem") to the peer's last failure. */
    void tlsReasonLater(boolean inbound, String peer, String reason) {
        Tls t = (inbound ? tlsIn : tlsOut).get(peer);
        if (t != null && reason != null && !reason.isEmpty()) {
            t.reasons.computeIfAbsent(reason, k -> new long[1])[0]++;
        }
    }

    private static void tls(Map<String, Tls> map, String direction, String peer, String reason, LogLine ev, long t) {
        if (map.size() > 100_000 && !map.containsKey(peer)) {
            return;
        }
        Tls x = map.computeIfAbsent(peer, k -> new Tls(direction, k));
        x.failures++;
        x.first = Math.min(x.first, t);
        x.last = Math.max(x.last, t);
        if (reason != null && !reason.isEmpty() && (x.reasons.size() < 20 || x.reasons.containsKey(reason))) {
            x.reasons.computeIfAbsent(reason, k -> new long[1])[0]++;
        }
        if (x.evidence.size() < EVIDENCE_CAP) {
            x.evidence.add(ev);
        }
    }

    private void rememberHost(String relay, String domain) {
        String host = relayHost(relay);
        if (host == null) {
            return;
        }
        if (hostToDomain.size() > 50_000) {
            hostToDomain.clear();
        }
        hostToDomain.put(host, domain);
    }

    /** "mx.example.net[192.0.2.1]:25" or "mx.example.net [192.0.2.1]" -> "mx.example.net". */
    static String relayHost(String relay) {
        int end = relay.length();
        for (int i = 0; i < relay.length(); i++) {
            char c = relay.charAt(i);
            if (c == '[' || c == ' ' || c == ':') {
                end = i;
                break;
            }
        }
        if (end == 0) {
            return null;
        }
        String h = relay.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    // ---------------------------------------------------------------- results

    private static String statusName(State s) {
        return switch (s) {
            case SENT -> "sent";
            case DEFERRED -> "deferred";
            case BOUNCED -> "bounced";
            case EXPIRED -> "expired";
            case NONE -> "unknown";
        };
    }

    private static String stateName(State s) {
        return switch (s) {
            case SENT -> "delivered";
            case DEFERRED, NONE -> "queued";
            case BOUNCED -> "bounced";
            case EXPIRED -> "expired";
        };
    }

    private LogAnalysis.MessageTimeline timeline(Msg m, boolean onlyWaiting) {
        List<LogAnalysis.RecipientTimeline> rs = new ArrayList<>(m.rcpts.size());
        for (Rcpt rc : m.rcpts) {
            if (onlyWaiting && rc.state != State.DEFERRED) {
                continue;
            }
            rs.add(new LogAnalysis.RecipientTimeline(rc.address, rc.dest.domain, stateName(rc.state),
                    List.copyOf(rc.attempts), rc.omitted));
        }
        return new LogAnalysis.MessageTimeline(m.qid, m.from, Instant.ofEpochSecond(m.firstSeen), m.client, m.size,
                rs, m.originFile == null ? null : new LogLine(m.originFile, m.originLine, null));
    }

    /** The traced message's story: closed, or still open at the end. */
    LogAnalysis.MessageTimeline traced() {
        Msg m = traceId == null ? null : open.get(traceId);
        return m != null ? timeline(m, false) : traced;
    }

    LogAnalysis result(List<LogAnalysis.FileReport> files, boolean cancelled) {
        long now = last == Long.MIN_VALUE ? 0 : last;
        // The queue left at the end: recipients whose last word was "deferred".
        Map<Dest, long[]> queued = new HashMap<>();   // [count, oldestSeconds, buckets...]
        List<Msg> waiting = new ArrayList<>();
        long queuedRecipients = 0;
        for (Msg m : open.values()) {
            boolean any = false;
            for (Rcpt rc : m.rcpts) {
                if (rc.state == State.DEFERRED) {
                    any = true;
                    queuedRecipients++;
                    long age = Math.max(0, now - m.firstSeen);
                    long[] q = queued.computeIfAbsent(rc.dest, k -> new long[2 + AGE_BUCKETS.length + 1]);
                    q[0]++;
                    q[1] = Math.max(q[1], age);
                    q[2 + bucket(age)]++;
                }
            }
            if (any) {
                waiting.add(m);
            }
        }
        waiting.sort(Comparator.comparingLong((Msg m) -> m.firstSeen).thenComparing(m -> m.qid));
        List<LogAnalysis.MessageTimeline> queueList = new ArrayList<>();
        for (int i = 0; i < waiting.size() && i < QUEUE_LIST_CAP; i++) {
            queueList.add(timeline(waiting.get(i), true));
        }
        List<LogAnalysis.QueuedDestination> qd = new ArrayList<>();
        for (Map.Entry<Dest, long[]> e : queued.entrySet()) {
            long[] q = e.getValue();
            List<Long> byAge = new ArrayList<>();
            for (int i = 2; i < q.length; i++) {
                byAge.add(q[i]);
            }
            qd.add(new LogAnalysis.QueuedDestination(e.getKey().domain, q[0], q[1], byAge));
        }
        qd.sort(Comparator.comparingLong(LogAnalysis.QueuedDestination::recipients).reversed()
                .thenComparing(LogAnalysis.QueuedDestination::destination));
        List<Integer> buckets = Arrays.stream(AGE_BUCKETS).boxed().toList();
        LogAnalysis.QueueSnapshot queue = new LogAnalysis.QueueSnapshot(
                last == Long.MIN_VALUE ? null : Instant.ofEpochSecond(last), queuedRecipients, buckets, qd,
                queueList, Math.max(0, waiting.size() - QUEUE_LIST_CAP));

        List<LogAnalysis.Destination> destinations = new ArrayList<>();
        List<LogAnalysis.Throttle> throttles = new ArrayList<>();
        List<LogAnalysis.PolicyRejections> policies = new ArrayList<>();
        List<LogAnalysis.Arrivals> arrivals = new ArrayList<>();
        for (Dest d : dests.values()) {
            long[] q = queued.get(d);
            long stillQueued = q == null ? 0 : q[0];
            long oldest = q == null ? 0 : q[1];
            List<Reply> rs = new ArrayList<>(d.replies.values());
            rs.sort(Comparator.comparingLong((Reply r) -> r.count).reversed());
            List<LogAnalysis.ReplyCount> top = new ArrayList<>();
            for (int i = 0; i < rs.size() && i < 5; i++) {
                Reply r = rs.get(i);
                top.add(new LogAnalysis.ReplyCount(r.code, r.enhanced, r.text, r.count, r.example));
            }
            List<LogAnalysis.Day> days = new ArrayList<>();
            for (int i = 0; i < d.days.size(); i++) {
                long[] v = d.days.counts(i);
                days.add(new LogAnalysis.Day(LocalDate.ofEpochDay(d.days.day(i)), v[0], v[1], v[2], v[3]));
            }
            Throttle th = throttle(d);
            if (th != null) {
                throttles.add(th.finding);
            }
            double score = d.bounced * 3.0 + d.expired * 5.0 + stillQueued * 2.0 + d.deferredRecipients
                    + (th != null ? 100 + d.rateRecipients * 2.0 : 0) + d.policies.size() * 20.0;
            Tls tls = tlsOut.get(d.domain);
            if (tls != null) {
                score += 50 + tls.failures;
            }
            destinations.add(new LogAnalysis.Destination(d.domain, d.delivered, d.deferredAttempts,
                    d.deferredRecipients, d.bounced, d.expired, stillQueued, oldest, score, top, days));
            for (Map.Entry<String, Policy> e : d.policies.entrySet()) {
                Policy p = e.getValue();
                policies.add(new LogAnalysis.PolicyRejections(d.domain, e.getKey(), p.temporary, p.permanent,
                        p.example, List.copyOf(p.evidence)));
            }
            if (d.arrivals > 0) {
                List<Long> hours = new ArrayList<>(24);
                for (long h : d.arrivalsByHour) {
                    hours.add(h);
                }
                List<LogAnalysis.DayCount> perDay = new ArrayList<>();
                for (int i = 0; i < d.arrivalDays.size(); i++) {
                    perDay.add(new LogAnalysis.DayCount(LocalDate.ofEpochDay(d.arrivalDays.day(i)),
                            d.arrivalDays.counts(i)[0]));
                }
                int span = spanDays();
                arrivals.add(new LogAnalysis.Arrivals(d.domain, d.arrivals, span,
                        span == 0 ? 0 : Math.round(d.arrivals * 100.0 / span) / 100.0, hours, perDay));
            }
        }
        destinations.sort(Comparator.comparingDouble(LogAnalysis.Destination::troubleScore).reversed()
                .thenComparing(Comparator.comparingLong((LogAnalysis.Destination x) -> x.delivered()
                        + x.bounced() + x.expired() + x.stillQueued()).reversed())
                .thenComparing(LogAnalysis.Destination::domain));
        throttles.sort(Comparator.comparingLong(LogAnalysis.Throttle::deferredMessages).reversed()
                .thenComparing(LogAnalysis.Throttle::destination));
        policies.sort(Comparator.comparingLong((LogAnalysis.PolicyRejections p) -> p.temporary() + p.permanent())
                .reversed().thenComparing(LogAnalysis.PolicyRejections::destination));
        arrivals.sort(Comparator.comparingLong(LogAnalysis.Arrivals::total).reversed()
                .thenComparing(LogAnalysis.Arrivals::destination));

        LogAnalysis.Totals totals = new LogAnalysis.Totals(messagesReceived, recipients, delivered, deferred,
                bounced, expired, queuedRecipients);
        return new LogAnalysis(files, time.zone().getId(),
                first == Long.MAX_VALUE ? null : Instant.ofEpochSecond(first),
                last == Long.MIN_VALUE ? null : Instant.ofEpochSecond(last), totals, destinations, throttles,
                tlsList(tlsIn), tlsList(tlsOut), policies, queue, arrivals, List.copyOf(samples), senderDomains(),
                cancelled);
    }

    /**
     * Sets a message's sender, and counts its domain: every sender among the first 4,096, then one
     * in eight (a share needs no more, and the hot path stays free of a map update per message).
     */
    void from(Msg m, String from) {
        m.from = from;
        if (from == null || (++sendersSeen > 4096 && (sendersSeen & 7) != 0)) {
            return;
        }
        int at = from.lastIndexOf('@');
        if (at <= 0 || at == from.length() - 1) {
            return; // the null sender <> of bounces, local names
        }
        String domain = from.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
        if (senders.size() < 10_000 || senders.containsKey(domain)) {
            senders.computeIfAbsent(domain, k -> new long[1])[0]++;
            sendersCounted++;
        }
    }

    private List<LogAnalysis.SenderDomain> senderDomains() {
        return senders.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(5)
                .map(e -> new LogAnalysis.SenderDomain(e.getKey(),
                        Math.round(e.getValue()[0] * 1000.0 / sendersCounted) / 10.0))
                .toList();
    }

    private int spanDays() {
        if (first == Long.MAX_VALUE) {
            return 0;
        }
        return (int) (time.localEpochDay(last) - time.localEpochDay(first) + 1);
    }

    private static int bucket(long ageSeconds) {
        long minutes = ageSeconds / 60;
        for (int i = 0; i < AGE_BUCKETS.length; i++) {
            if (minutes < AGE_BUCKETS[i]) {
                return i;
            }
        }
        return AGE_BUCKETS.length;
    }

    private record Throttle(LogAnalysis.Throttle finding) {
    }

    private static Throttle throttle(Dest d) {
        if (d.onsets.isEmpty()) {
            return null;
        }
        long[] counts = d.onsets.stream().mapToLong(LogAnalysis.Onset::acceptedInPrevious24h).filter(c -> c > 0)
                .sorted().toArray();
        Integer limit = counts.length == 0 ? null : (int) counts[counts.length / 2];
        String typical = d.rateReplies.entrySet().stream()
                .max(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse("");
        List<LogLine> ev = new ArrayList<>();
        for (LogAnalysis.Onset o : d.onsets) {
            if (ev.size() >= EVIDENCE_CAP) {
                break;
            }
            ev.add(o.evidence());
        }
        for (LogLine l : d.rateEvidence) {
            if (ev.size() >= EVIDENCE_CAP * 2) {
                break;
            }
            ev.add(l);
        }
        StringBuilder s = new StringBuilder();
        if (limit != null) {
            s.append(d.domain).append(" accepts about ").append(limit).append(" message")
                    .append(limit == 1 ? "" : "s").append(" a day from your server, then answers \"")
                    .append(typical).append('"');
        } else {
            s.append(d.domain).append(" answers \"").append(typical)
                    .append("\" before accepting anything in the previous 24 hours");
        }
        s.append(" (").append(d.onsets.size()).append(d.onsets.size() == 1 ? " onset; " : " onsets; ")
                .append(d.rateAttempts).append(" deferred attempt").append(d.rateAttempts == 1 ? "" : "s")
                .append(" for ").append(d.rateRecipients).append(" recipient").append(d.rateRecipients == 1 ? "" : "s");
        if (d.expired > 0) {
            s.append("; ").append(d.expired).append(" expired");
        }
        if (d.bounced > 0) {
            s.append("; ").append(d.bounced).append(" bounced");
        }
        s.append(").");
        return new Throttle(new LogAnalysis.Throttle(d.domain, limit, List.copyOf(d.onsets), d.rateAttempts,
                d.rateRecipients, d.expired, d.bounced, typical, s.toString(), ev));
    }

    private static List<LogAnalysis.TlsFailures> tlsList(Map<String, Tls> map) {
        List<LogAnalysis.TlsFailures> out = new ArrayList<>();
        for (Tls t : map.values()) {
            List<LogAnalysis.ReasonCount> reasons = new ArrayList<>();
            t.reasons.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                    .limit(5)
                    .forEach(e -> reasons.add(new LogAnalysis.ReasonCount(e.getKey(), e.getValue()[0])));
            out.add(new LogAnalysis.TlsFailures(t.direction, t.peer, t.failures, Instant.ofEpochSecond(t.first),
                    Instant.ofEpochSecond(t.last), reasons, List.copyOf(t.evidence)));
        }
        out.sort(Comparator.comparingLong(LogAnalysis.TlsFailures::failures).reversed()
                .thenComparing(LogAnalysis.TlsFailures::peer));
        return out;
    }
}
