package org.mailmedic.engine.logs;

import java.util.HashMap;
import java.util.Map;

/**
 * Postfix lines (after the syslog header), decided by their content, scanned by index:
 * <ul>
 * <li>{@code 8ECF240F31: to=<aa@ezweb.ne.jp>, relay=lsean.ezweb.ne.jp[27.85.176.228]:25, delay=0.1,
 *     delays=0.04/0/0.02/0.03, dsn=2.0.0, status=sent (250 Ok: queued as 9FFCB76)} — smtp/lmtp/local/
 *     virtual/pipe/error delivery status (Postfix {@code log_adhoc.c});</li>
 * <li>{@code 76DEF40E80: from=<>, size=2351, nrcpt=1 (queue active)} and
 *     {@code BACE842E72: from=<noreply@domain.com>, status=expired, returned to sender} — qmgr;</li>
 * <li>{@code AAB4D259B1: removed} — qmgr, the end of a message;</li>
 * <li>{@code EB4B2C19E2: client=xxx[1.2.3.4]} — smtpd; {@code uid=0 from=<root>} — pickup;</li>
 * <li>Inbound TLS, counted once per connection by client, in the wording of Postfix's
 *     {@code tls_server.c} and {@code smtpd.c}: {@code SSL_accept error from unknown[192.0.2.7]: -1}
 *     (then {@code warning: TLS library problem: error:0A0000C1:SSL routines::no shared cipher:...}),
 *     {@code SSL_accept error from host[ip]: Connection reset by peer} (errno text),
 *     {@code SSL_accept error from host[ip]: lost connection}; {@code lost connection after STARTTLS
 *     from host[ip]} and {@code timeout after STARTTLS from host[ip]} (optionally after {@code NOQUEUE: },
 *     Postfix 3.10), which smtpd writes after a failed handshake or when the client gives up; and the
 *     connection summary {@code disconnect from host[ip] ehlo=1 starttls=0/1 commands=1/2}. Behind
 *     postscreen, tlsproxy names the client {@code [192.0.2.7]:52144}: counted under {@code [192.0.2.7]}.</li>
 * <li>Outbound TLS, by destination: {@code SSL_connect error to mx.example.net[192.0.2.9]:25: -1} (or
 *     errno text, or {@code lost connection}; {@code tls_client.c}), {@code certificate verification
 *     failed for mx.example.net[192.0.2.9]:25: untrusted issuer /CN=...} ({@code tls_verify.c}) — a
 *     failure only when the delivery that follows is refused: with opportunistic TLS Postfix goes on
 *     ({@code Untrusted TLS connection established to ...}, then {@code status=sent}) — and
 *     the delivery statuses {@code Cannot start TLS: handshake failure}, {@code TLS is required, but was
 *     not offered by host ...}, {@code Server certificate not verified} ({@code smtp_proto.c}), seen by
 *     the aggregator's reply wording; a status following a connection-level failure of the same
 *     process is the same failure, not another.</li>
 * </ul>
 */
final class PostfixParser {

    private static final byte[] TO = Bytes.ascii("to=<");
    private static final byte[] FROM = Bytes.ascii("from=<");
    private static final byte[] RELAY = Bytes.ascii(", relay=");
    private static final byte[] DELAY = Bytes.ascii(", delay=");
    private static final byte[] DSN = Bytes.ascii(", dsn=");
    private static final byte[] STATUS = Bytes.ascii(", status=");
    private static final byte[] SIZE = Bytes.ascii(", size=");
    private static final byte[] NRCPT = Bytes.ascii(", nrcpt=");
    private static final byte[] REMOVED = Bytes.ascii("removed");
    private static final byte[] EXPIRED = Bytes.ascii("expired");
    private static final byte[] CLIENT = Bytes.ascii("client=");
    private static final byte[] UID = Bytes.ascii("uid=");
    private static final byte[] SAID = Bytes.ascii(" said: ");
    private static final byte[] SSL_ACCEPT = Bytes.ascii("SSL_accept error from ");
    private static final byte[] SSL_CONNECT = Bytes.ascii("SSL_connect error to ");
    private static final byte[] TLS_LIB = Bytes.ascii("warning: TLS library problem: ");
    private static final byte[] NOQUEUE = Bytes.ascii("NOQUEUE: ");
    private static final byte[] LOST_STARTTLS = Bytes.ascii("lost connection after STARTTLS from ");
    private static final byte[] TIMEOUT_STARTTLS = Bytes.ascii("timeout after STARTTLS from ");
    private static final byte[] DISCONNECT = Bytes.ascii("disconnect from ");
    private static final byte[] CONNECT = Bytes.ascii("connect from ");
    private static final byte[] STARTTLS_COUNT = Bytes.ascii(" starttls=");
    private static final byte[] CERT_FAILED = Bytes.ascii("certificate verification failed for ");
    private static final byte[] UNTRUSTED = Bytes.ascii("Untrusted TLS connection established to ");
    /** A status this soon after a connection-level TLS failure of the same process is that failure. */
    private static final long SAME_FAILURE_SECONDS = 5;

    /** What one smtpd/smtp process last logged about TLS (processes handle one connection at a time). */
    private static final class TlsState {
        Boolean inbound; // null: only a library reason seen so far
        String peer; // the client ("host [ip]") or the remote host name
        String key; // where the failure was counted: the client, or the destination domain or host
        String reason; // null: a failure waiting for the library's reason
        long time;
        boolean counted;
        LogAnalysis.LogLine pendingEvidence; // a certificate failure not counted yet: its line
    }

    /** Per process: the last TLS failure (to attach the library's reason that follows) or a reason seen first. */
    private final Map<String, TlsState> tlsByPid = new HashMap<>();
    /**
     * When the last certificate verification failure was logged: a delivery status decides a
     * pending one only within {@link #SAME_FAILURE_SECONDS}, so outside that no delivery line looks.
     */
    private long lastCertificateFailure = Long.MIN_VALUE / 2;

    void handle(LogReader r, Aggregator a) {
        byte[] b = r.buf;
        int p = r.msgStart;
        int e = r.end;
        int q = r.idEnd;
        if (q < 0) {
            noQueueId(r, a, b, p, e);
            return;
        }
        int rest = q + 2;
        byte first = rest < e ? b[rest] : 0;
        QueueLine kind = first > 0 ? queueLines[first] : null;
        if (kind != null) { // cleanup's message-id=, bounce notices, smtp's "host ... said:" and the like have none
            kind.read(r, a, b, p, q, rest, e);
        }
    }

    /**
     * A line of one message ("QUEUEID: " then {@code b[rest, e)}), the queue id being {@code b[qs, qe)}.
     * The kinds are called through this table rather than a switch so that each is compiled on its
     * own: the JIT then never merges them into one large method, whose every recompile (a branch
     * first taken deep into a big log, such as the first day change) cost 0.5-0.9 s of CPU on the
     * 2-core build machine (JFR compilation events).
     */
    @FunctionalInterface
    private interface QueueLine {
        void read(LogReader r, Aggregator a, byte[] b, int qs, int qe, int rest, int e);
    }

    /** By the first letter after "QUEUEID: " (see {@link #handledAfterQueueId}). */
    private final QueueLine[] queueLines = new QueueLine[128];

    {
        queueLines['t'] = (r, a, b, qs, qe, rest, e) -> {
            if (Bytes.startsWith(b, rest, e, TO)) {
                delivery(r, a, qs, qe, b, rest + TO.length, e);
            }
        };
        queueLines['f'] = (r, a, b, qs, qe, rest, e) -> {
            if (Bytes.startsWith(b, rest, e, FROM)) {
                fromLine(r, a, a.msg(b, qs, qe, r.time), b, rest + FROM.length, e);
            }
        };
        queueLines['r'] = (r, a, b, qs, qe, rest, e) -> {
            if (Bytes.startsWith(b, rest, e, REMOVED) && rest + REMOVED.length == e) {
                Aggregator.Msg m = a.find(b, qs, qe); // mostly the message of the lines just before: no String
                a.seen(r.time);
                if (m != null) {
                    a.removed(m);
                }
            }
        };
        queueLines['c'] = (r, a, b, qs, qe, rest, e) -> {
            if (Bytes.startsWith(b, rest, e, CLIENT)) {
                clientLine(r, a, a.msg(b, qs, qe, r.time), b, rest + CLIENT.length, e);
            }
        };
        queueLines['u'] = (r, a, b, qs, qe, rest, e) -> {
            if (Bytes.startsWith(b, rest, e, UID)) {
                pickupLine(r, a, a.msg(b, qs, qe, r.time), b, rest, e);
            }
        };
    }

    /** smtpd's "QUEUEID: client=host[ip]" (the message enters the queue). */
    private static void clientLine(LogReader r, Aggregator a, Aggregator.Msg m, byte[] b, int p, int e) {
        a.seen(r.time);
        int ce = Bytes.indexOf(b, p, e, (byte) ',');
        m.client = Bytes.text(b, p, ce < 0 ? e : ce);
        a.received(m, r.time, r);
    }

    /** pickup's "QUEUEID: uid=0 from=<root>" (local submission). */
    private static void pickupLine(LogReader r, Aggregator a, Aggregator.Msg m, byte[] b, int p, int e) {
        a.seen(r.time);
        int f = Bytes.indexOf(b, p, e, FROM);
        if (f >= 0) {
            int fe = Bytes.indexOf(b, f + FROM.length, e, (byte) '>');
            if (fe > 0) {
                a.from(m, Bytes.text(b, f + FROM.length, fe));
            }
        }
        m.client = "local";
        a.received(m, r.time, r);
    }

    /**
     * False when {@link #handle} would do nothing with the message {@code b[p, e)} (its queue id
     * ending at {@code q}, or -1): a line of a
     * message other than its client, sender, recipients and removal (cleanup's message-id, bounce
     * notices), smtpd's "connect from", a session summary without a failed STARTTLS, and lines
     * without a queue id that are not about TLS (anvil's statistics, postscreen). Decided
     * on the reader thread (see {@link Pipeline}), so it must agree with {@link #handle}.
     */
    static boolean mayMatter(byte[] b, int p, int q, int e) {
        if (q >= 0) {
            int rest = q + 2;
            return handledAfterQueueId(rest < e ? b[rest] : 0);
        }
        if (Bytes.startsWith(b, p, e, NOQUEUE)) {
            p += NOQUEUE.length;
        }
        // The first letters noQueueId dispatches on; anvil's statistics, postscreen and the like go.
        return switch (p < e ? b[p] : 0) {
            case 'c' -> !Bytes.startsWith(b, p, e, CONNECT); // certificate verification failed ...
            case 'd' -> !Bytes.startsWith(b, p, e, DISCONNECT) || starttlsFailedAt(b, p + DISCONNECT.length, e) >= 0;
            case 'S', 'U', 'l', 't', 'w' -> true;
            default -> false;
        };
    }

    /**
     * The first letter after "QUEUEID: " of the lines {@link #handle} reads (the letters of
     * {@link #queueLines}): to=, from=, removed, client=, uid=.
     */
    private static boolean handledAfterQueueId(byte first) {
        return first == 't' || first == 'f' || first == 'r' || first == 'c' || first == 'u';
    }

    /**
     * In a session summary ("host[ip] ehlo=1 starttls=0/1 commands=1/2" from {@code s}): the index of
     * " starttls=" when STARTTLS was tried more often than it completed, else -1.
     */
    private static int starttlsFailedAt(byte[] b, int s, int e) {
        // A command that failed is counted "ok/tried"; one that never failed is a bare number. So a
        // summary without any '/' (most of them; found eight bytes at a time) has no failed STARTTLS.
        if (Bytes.indexOf(b, s, e, (byte) '/') < 0) {
            return -1;
        }
        int st = Bytes.indexOf(b, s, e, STARTTLS_COUNT);
        if (st < 0) {
            return -1;
        }
        int q = st + STARTTLS_COUNT.length;
        int ok = 0;
        while (q < e && Bytes.isDigit(b[q])) {
            ok = ok * 10 + (b[q++] - '0');
        }
        if (q >= e || b[q] != '/') {
            return -1;
        }
        int tried = 0;
        q++;
        while (q < e && Bytes.isDigit(b[q])) {
            tried = tried * 10 + (b[q++] - '0');
        }
        return ok < tried ? st : -1;
    }

    /** End of a queue id followed by ": " at {@code p}, or -1 ("NOQUEUE", warnings, connects). */
    static int queueIdEnd(byte[] b, int p, int e) {
        int i = p;
        int max = Math.min(e, p + 24);
        while (i < max && Bytes.is(b[i], Bytes.ALNUM)) {
            i++;
        }
        int len = i - p;
        if (len < 5 || i + 1 >= e || b[i] != ':' || b[i + 1] != ' ') {
            return -1;
        }
        if (len == 7 && b[p] == 'N' && b[p + 1] == 'O' && b[p + 2] == 'Q') {
            return -1; // NOQUEUE
        }
        if (len == 7 && b[p] == 'w' && b[p + 1] == 'a' && b[p + 2] == 'r') {
            return -1; // warning
        }
        return i;
    }

    private void delivery(LogReader r, Aggregator a, int qs, int qe, byte[] b, int p, int e) {
        int addrEnd = Bytes.indexOf(b, p, e, (byte) '>');
        if (addrEnd < 0) {
            return;
        }
        int st = Bytes.indexOf(b, addrEnd, e, STATUS);
        if (st < 0) {
            return;
        }
        int sw = st + STATUS.length;
        int swEnd = sw;
        while (swEnd < e && b[swEnd] != ' ' && b[swEnd] != ',') {
            swEnd++;
        }
        Aggregator.State state = stateOf(b, sw, swEnd);
        if (state == null) {
            a.seen(r.time); // address verification probes and the like: not deliveries
            return;
        }
        String address = Bytes.lowerAscii(b, p, addrEnd);
        if (address.isEmpty()) {
            address = "(empty)";
        }
        Aggregator.Msg m = a.msg(b, qs, qe, r.time);
        if (state == Aggregator.State.SENT && a.sentQuietly(r, m, address)) {
            return;
        }
        deliveryInDetail(r, a, m, address, state, b, addrEnd, st, swEnd, e);
    }

    /** A delivery status kept with its relay, delay, DSN and reply (all but most first-try "sent"). */
    private void deliveryInDetail(LogReader r, Aggregator a, Aggregator.Msg m, String address,
                                  Aggregator.State state, byte[] b, int addrEnd, int st, int swEnd, int e) {
        String relay = null;
        int rl = Bytes.indexOf(b, addrEnd, st, RELAY);
        if (rl >= 0) {
            int re = Bytes.indexOf(b, rl + RELAY.length, st + 1, (byte) ',');
            relay = Bytes.text(b, rl + RELAY.length, re < 0 ? st : re);
        }
        Double delay = null;
        int dl = Bytes.indexOf(b, addrEnd, st, DELAY);
        if (dl >= 0) {
            delay = number(b, dl + DELAY.length, st);
        }
        String dsn = null;
        int ds = Bytes.indexOf(b, addrEnd, st + 1, DSN);
        if (ds >= 0) {
            int de = Bytes.indexOf(b, ds + DSN.length, st + 1, (byte) ',');
            dsn = Bytes.text(b, ds + DSN.length, de < 0 ? st : de);
        }
        String text = null;
        String code = null;
        if (swEnd + 1 < e && b[swEnd] == ' ' && b[swEnd + 1] == '(') {
            int te = e;
            if (b[e - 1] == ')') {
                te = e - 1;
            }
            int ts = swEnd + 2;
            if (state == Aggregator.State.SENT) {
                text = Bytes.text(b, ts, Math.min(te, ts + 200));
                code = replyCode(b, ts, te);
            } else {
                text = Bytes.text(b, ts, te);
                int said = Bytes.indexOf(b, ts, te, SAID);
                code = said >= 0 ? replyCode(b, said + SAID.length, te) : replyCode(b, ts, te);
            }
        }
        String pid = null; // only when TLS state may matter: most delivery lines need no String for it
        if (r.time - lastCertificateFailure <= SAME_FAILURE_SECONDS) {
            pid = pid(r);
            pendingCertificate(r, a, pid, state, relay);
        }
        if (text != null && state != Aggregator.State.SENT && !tlsByPid.isEmpty()) {
            TlsState t = tlsByPid.get(pid != null ? pid : pid(r));
            String host = relay == null ? null : Aggregator.relayHost(relay);
            if (t != null && Boolean.FALSE.equals(t.inbound) && t.counted && r.time - t.time <= SAME_FAILURE_SECONDS
                    && (host == null || host.equals(t.peer))) {
                a.tlsCountedAlready = true; // "Cannot start TLS" after the SSL_connect error just counted
                t.key = a.tlsMove(t.key, Aggregator.domainOf(address));
            }
        }
        try {
            a.attempt(r, m, address, state, relay, code, dsn, text, delay);
        } finally {
            a.tlsCountedAlready = false;
        }
    }

    /**
     * A certificate verification failure of this process, seen just before a delivery status to the
     * same host, is decided by that status: delivered means opportunistic TLS went on without a
     * verified certificate (not a failure); refused ("Server certificate not verified") counts it,
     * with the certificate line as its evidence.
     */
    private void pendingCertificate(LogReader r, Aggregator a, String pid, Aggregator.State state, String relay) {
        TlsState t = tlsByPid.get(pid);
        if (t == null || t.pendingEvidence == null) {
            return;
        }
        String host = relay == null ? null : Aggregator.relayHost(relay);
        if (r.time - t.time > SAME_FAILURE_SECONDS || (host != null && !host.equals(t.peer))) {
            tlsByPid.remove(pid); // another connection: the old one's outcome was never logged
            return;
        }
        if (state == Aggregator.State.SENT) {
            tlsByPid.remove(pid);
            return;
        }
        t.key = a.tlsOutboundHost(t.pendingEvidence, t.time, t.peer, t.reason);
        t.counted = true;
        t.pendingEvidence = null;
    }

    private static Aggregator.State stateOf(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 4 && b[s] == 's' && b[s + 1] == 'e' && b[s + 2] == 'n' && b[s + 3] == 't') {
            return Aggregator.State.SENT;
        }
        if (n == 8 && b[s] == 'd' && b[s + 1] == 'e' && b[s + 2] == 'f') {
            return Aggregator.State.DEFERRED;
        }
        if (n == 7 && b[s] == 'b' && b[s + 1] == 'o' && b[s + 2] == 'u') {
            return Aggregator.State.BOUNCED;
        }
        if (n == 7 && b[s] == 'e' && b[s + 1] == 'x' && b[s + 2] == 'p') {
            return Aggregator.State.EXPIRED;
        }
        return null;
    }

    /** A three-digit SMTP reply code starting the text, or null. */
    static String replyCode(byte[] b, int p, int e) {
        if (e - p >= 3 && b[p] >= '2' && b[p] <= '5' && Bytes.isDigit(b[p + 1]) && Bytes.isDigit(b[p + 2])
                && (e - p == 3 || b[p + 3] == ' ' || b[p + 3] == '-')) {
            return new String(b, p, 3, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    static Double number(byte[] b, int p, int e) {
        long whole = 0;
        int i = p;
        boolean any = false;
        while (i < e && Bytes.isDigit(b[i])) {
            whole = whole * 10 + (b[i] - '0');
            i++;
            any = true;
        }
        double frac = 0;
        if (i < e && b[i] == '.') {
            i++;
            double scale = 0.1;
            while (i < e && Bytes.isDigit(b[i])) {
                frac += (b[i] - '0') * scale;
                scale /= 10;
                i++;
                any = true;
            }
        }
        return any ? whole + frac : null;
    }

    private void fromLine(LogReader r, Aggregator a, Aggregator.Msg m, byte[] b, int p, int e) {
        int fe = Bytes.indexOf(b, p, e, (byte) '>');
        if (fe < 0) {
            return;
        }
        a.seen(r.time);
        if (m.from == null) {
            a.from(m, Bytes.text(b, p, fe));
        }
        boolean queued = Bytes.startsWith(b, fe + 1, e, SIZE); // qmgr: "from=<x>, size=N, nrcpt=N (queue active)"
        if (!queued) {
            int st = Bytes.indexOf(b, fe, e, STATUS);
            if (st >= 0) {
                // "from=<x>, status=expired, returned to sender" (also force-expired)
                int s = st + STATUS.length;
                if (Bytes.indexOf(b, s, Math.min(e, s + 14), EXPIRED) >= 0) {
                    a.expiredMessage(r, m);
                }
                return;
            }
        }
        int sz = queued ? fe + 1 : Bytes.indexOf(b, fe, e, SIZE);
        if (sz >= 0) {
            long v = Bytes.number(b, sz + SIZE.length, e);
            if (v >= 0) {
                m.size = v;
            }
        }
        int nr = Bytes.indexOf(b, sz >= 0 ? sz + SIZE.length : fe, e, NRCPT); // right after the size
        if (nr >= 0) {
            long v = Bytes.number(b, nr + NRCPT.length, e);
            if (v >= 0 && v <= Integer.MAX_VALUE) {
                m.nrcpt = (int) v;
            }
        }
        a.received(m, r.time, r);
    }

    private void noQueueId(LogReader r, Aggregator a, byte[] b, int p, int e) {
        if (Bytes.startsWith(b, p, e, NOQUEUE)) {
            p += NOQUEUE.length; // Postfix 3.10 prefixes smtpd's session end with the queue id or NOQUEUE
        }
        // One method per kind of line: these are rare next to the deliveries, and small units keep
        // the JIT's work (and its recompiles) small.
        byte c = p < e ? b[p] : 0;
        if (c == 'd' && Bytes.startsWith(b, p, e, DISCONNECT)) {
            disconnect(r, a, b, p + DISCONNECT.length, e);
        } else if (c == 'S' && Bytes.startsWith(b, p, e, SSL_ACCEPT)) {
            sslAcceptError(r, a, b, p + SSL_ACCEPT.length, e);
        } else if (c == 'S' && Bytes.startsWith(b, p, e, SSL_CONNECT)) {
            sslConnectError(r, a, b, p + SSL_CONNECT.length, e);
        } else if (c == 'c' && Bytes.startsWith(b, p, e, CERT_FAILED)) {
            certificateFailed(r, b, p + CERT_FAILED.length, e);
        } else if (c == 'U' && Bytes.startsWith(b, p, e, UNTRUSTED)) {
            String pid = pid(r);
            TlsState last = tlsByPid.get(pid);
            if (last != null && last.pendingEvidence != null) {
                tlsByPid.remove(pid); // encrypted without a verified certificate: the mail went on
            }
        } else if (c == 'l' && Bytes.startsWith(b, p, e, LOST_STARTTLS)) {
            lostDuringStarttls(r, a, true, b, p + LOST_STARTTLS.length, e);
        } else if (c == 't' && Bytes.startsWith(b, p, e, TIMEOUT_STARTTLS)) {
            lostDuringStarttls(r, a, false, b, p + TIMEOUT_STARTTLS.length, e);
        } else if (c == 'w' && Bytes.startsWith(b, p, e, TLS_LIB)) {
            tlsLibraryProblem(r, a, b, p + TLS_LIB.length, e);
        }
    }

    /** "SSL_accept error from unknown[192.0.2.7]: -1" (from {@code s}: the client). */
    private void sslAcceptError(LogReader r, Aggregator a, byte[] b, int s, int e) {
        int colon = peerEnd(b, s, e);
        String client = hostIp(Bytes.text(b, s, colon));
        String pid = pid(r);
        String reason = handshakeReason(r, pid, colon + 2 < e ? Bytes.text(b, colon + 2, e) : "");
        a.tlsInbound(r, client, reason);
        remember(pid, Boolean.TRUE, client, client, reason == null ? null : "", r.time, true);
    }

    /** "SSL_connect error to mx.example.net[192.0.2.9]:25: -1" (from {@code s}: the server). */
    private void sslConnectError(LogReader r, Aggregator a, byte[] b, int s, int e) {
        int colon = peerEnd(b, s, e);
        String peer = Bytes.text(b, s, colon);
        String host = Aggregator.relayHost(peer);
        String pid = pid(r);
        String reason = handshakeReason(r, pid, colon + 2 < e ? Bytes.text(b, colon + 2, e) : "");
        if (host != null) {
            remember(pid, Boolean.FALSE, host, a.tlsOutboundHost(r, host, reason), reason == null ? null : "",
                    r.time, true);
        }
    }

    /**
     * Why a handshake of this process failed: the TLS library's reason when it came on the line
     * just before ("warning: TLS library problem: ..."), else what the line itself says, or null
     * when that is only an errno ("-1").
     */
    private String handshakeReason(LogReader r, String pid, String said) {
        TlsState pending = tlsByPid.remove(pid);
        if (pending != null && pending.inbound == null && r.time - pending.time <= 2) {
            return pending.reason;
        }
        return generic(said) ? null : said;
    }

    /** "certificate verification failed for mx.example.net[192.0.2.9]:25: untrusted issuer /CN=..." */
    private void certificateFailed(LogReader r, byte[] b, int s, int e) {
        int colon = peerEnd(b, s, e);
        String host = Aggregator.relayHost(Bytes.text(b, s, colon));
        if (host != null) {
            // Not a failure yet: with opportunistic TLS (smtp_tls_security_level=may, Debian's
            // default) Postfix logs this, then "Untrusted TLS connection established" and delivers.
            // Counted when the delivery that follows is refused (see pendingCertificate).
            String reason = "certificate verification failed"
                    + (colon + 2 < e ? ": " + Bytes.text(b, colon + 2, Math.min(e, colon + 2 + 100)) : "");
            remember(pid(r), Boolean.FALSE, host, null, reason, r.time, false).pendingEvidence = r.evidence();
            lastCertificateFailure = r.time;
        }
    }

    /** "lost connection after STARTTLS from host[ip]" or "timeout after STARTTLS from host[ip]". */
    private void lostDuringStarttls(LogReader r, Aggregator a, boolean lost, byte[] b, int s, int e) {
        String client = hostIp(Bytes.text(b, s, e));
        String pid = pid(r);
        if (sameInboundFailure(tlsByPid.get(pid), client, r.time)) {
            return; // smtpd's own line after the SSL_accept error already counted
        }
        String reason = lost ? "the client closed the connection during the TLS handshake"
                : "the TLS handshake timed out";
        a.tlsInbound(r, client, reason);
        remember(pid, Boolean.TRUE, client, client, reason, r.time, true);
    }

    /** "warning: TLS library problem: error:0A0000C1:SSL routines::no shared cipher:..." */
    private void tlsLibraryProblem(LogReader r, Aggregator a, byte[] b, int s, int e) {
        String reason = opensslReason(Bytes.text(b, s, e));
        String pid = pid(r);
        TlsState last = tlsByPid.get(pid);
        if (last != null && last.inbound != null && last.reason == null && r.time - last.time <= 2) {
            a.tlsReasonLater(last.inbound, last.key, reason);
            last.reason = reason;
        } else if (last == null || last.inbound == null || !last.counted || r.time - last.time > 2) {
            remember(pid, null, null, null, reason, r.time, false);
        }
    }

    /**
     * smtpd's connection summary ("disconnect from host[ip] ehlo=1 starttls=0/1 commands=1/2", Postfix
     * 3.0 and later): STARTTLS tried and not completed is a failed handshake, unless already counted.
     */
    private void disconnect(LogReader r, Aggregator a, byte[] b, int s, int e) {
        int st = starttlsFailedAt(b, s, e);
        if (st < 0) {
            return;
        }
        int q = st + STARTTLS_COUNT.length;
        int countsEnd = Bytes.indexOf(b, q, e, (byte) '/') + 1; // present: starttlsFailedAt found it
        while (countsEnd < e && Bytes.isDigit(b[countsEnd])) {
            countsEnd++;
        }
        String counts = Bytes.text(b, q, countsEnd); // "0/1"
        int sp = Bytes.indexOf(b, s, st + 1, (byte) ' ');
        String client = hostIp(Bytes.text(b, s, sp < 0 ? st : sp));
        if (!tlsByPid.isEmpty() && sameInboundFailure(tlsByPid.get(pid(r)), client, r.time)) {
            return;
        }
        a.tlsInbound(r, client, "STARTTLS did not complete (starttls=" + counts + " in the session summary)");
    }

    /**
     * True when the process has just counted a failed handshake of this client: smtpd logs the
     * SSL_accept error, then "lost connection after STARTTLS", then the session summary, within the
     * same second. (A process serves many connections one after the other: an older failure is
     * about another connection.)
     */
    private static boolean sameInboundFailure(TlsState last, String client, long t) {
        return last != null && Boolean.TRUE.equals(last.inbound) && last.counted && client.equals(last.peer)
                && t - last.time <= SAME_FAILURE_SECONDS;
    }

    private TlsState remember(String pid, Boolean inbound, String peer, String key, String reason, long t,
                              boolean counted) {
        if (tlsByPid.size() > 10_000) {
            tlsByPid.clear();
        }
        TlsState s = new TlsState();
        s.inbound = inbound;
        s.peer = peer;
        s.key = key;
        s.reason = reason;
        s.time = t;
        s.counted = counted;
        tlsByPid.put(pid, s);
        return s;
    }

    private static String pid(LogReader r) {
        return r.pidStart < 0 ? "" : new String(r.buf, r.pidStart, r.pidEnd - r.pidStart,
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean generic(String reason) {
        String t = reason.trim();
        return t.isEmpty() || t.matches("-?\\d+");
    }

    /** End of "host[ip]" or "host[ip]:port" (the ": " that follows). */
    private static int peerEnd(byte[] b, int s, int e) {
        int close = Bytes.indexOf(b, s, e, (byte) ']');
        int from = close < 0 ? s : close;
        int c = Bytes.indexOf(b, from, e, Bytes.ascii(": "));
        return c < 0 ? e : c;
    }

    /** "unknown[192.0.2.7]" -> "unknown [192.0.2.7]" (the form used for every MTA). */
    static String hostIp(String peer) {
        int br = peer.indexOf('[');
        if (br > 0) {
            int close = peer.indexOf(']', br);
            return peer.substring(0, br) + " " + peer.substring(br, close < 0 ? peer.length() : close + 1);
        }
        if (br == 0) {
            // tlsproxy (behind postscreen) names its client "[192.0.2.7]:52144": the port differs per
            // connection, so it goes, or every failure of one client would count as another client's
            int close = peer.indexOf(']');
            return close < 0 ? peer : peer.substring(0, close + 1);
        }
        return peer;
    }

    /** "error:0A0000C1:SSL routines::no shared cipher:ssl/statem/..." -> "no shared cipher". */
    static String opensslReason(String s) {
        int err = s.indexOf("error:");
        if (err > 0) {
            s = s.substring(err); // "12345:error:..." (older OpenSSL prefixes the pid)
        }
        String[] parts = s.split(":", -1);
        if (parts.length >= 5 && parts[0].trim().endsWith("error")) {
            String r = parts[4].trim();
            if (!r.isEmpty()) {
                return r;
            }
        }
        return s.length() > 120 ? s.substring(0, 119) + "…" : s;
    }
}
