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
 * <li>{@code SSL_accept error from unknown[192.0.2.7]: -1} with
 *     {@code warning: TLS library problem: error:0A0000C1:SSL routines::no shared cipher:...} — inbound TLS;
 *     {@code SSL_connect error to mx.example.net[192.0.2.9]:25: -1} — outbound TLS.</li>
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
    private static final byte[] CLIENT = Bytes.ascii("client=");
    private static final byte[] UID = Bytes.ascii("uid=");
    private static final byte[] SAID = Bytes.ascii(" said: ");
    private static final byte[] SSL_ACCEPT = Bytes.ascii("SSL_accept error from ");
    private static final byte[] SSL_CONNECT = Bytes.ascii("SSL_connect error to ");
    private static final byte[] TLS_LIB = Bytes.ascii("warning: TLS library problem: ");

    /** Per process: the last TLS failure (to attach the library's reason that follows) or a reason seen first. */
    private final Map<String, Object[]> tlsByPid = new HashMap<>();

    void handle(LogReader r, Aggregator a) {
        byte[] b = r.buf;
        int p = r.msgStart;
        int e = r.end;
        int q = queueIdEnd(b, p, e);
        if (q < 0) {
            noQueueId(r, a, b, p, e);
            return;
        }
        int rest = q + 2;
        byte first = rest < e ? b[rest] : 0;
        if (first != 't' && first != 'f' && first != 'r' && first != 'c' && first != 'u') {
            return; // cleanup's message-id=, bounce notices, smtp's "host ... said:" and the like
        }
        if (Bytes.startsWith(b, rest, e, TO)) {
            delivery(r, a, p, q, b, rest + TO.length, e);
        } else if (Bytes.startsWith(b, rest, e, FROM)) {
            fromLine(r, a, a.msg(b, p, q, r.time), b, rest + FROM.length, e);
        } else if (Bytes.startsWith(b, rest, e, REMOVED) && rest + REMOVED.length == e) {
            Aggregator.Msg m = a.find(new String(b, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1));
            a.seen(r.time);
            if (m != null) {
                a.removed(m);
            }
        } else if (Bytes.startsWith(b, rest, e, CLIENT)) {
            Aggregator.Msg m = a.msg(b, p, q, r.time);
            a.seen(r.time);
            int ce = Bytes.indexOf(b, rest, e, (byte) ',');
            m.client = Bytes.text(b, rest + CLIENT.length, ce < 0 ? e : ce);
            a.received(m, r.time, r);
        } else if (Bytes.startsWith(b, rest, e, UID)) {
            Aggregator.Msg m = a.msg(b, p, q, r.time);
            a.seen(r.time);
            int f = Bytes.indexOf(b, rest, e, FROM);
            if (f >= 0) {
                int fe = Bytes.indexOf(b, f + FROM.length, e, (byte) '>');
                if (fe > 0) {
                    m.from = Bytes.text(b, f + FROM.length, fe);
                }
            }
            m.client = "local";
            a.received(m, r.time, r);
        }
    }

    /** End of a queue id followed by ": " at {@code p}, or -1 ("NOQUEUE", warnings, connects). */
    static int queueIdEnd(byte[] b, int p, int e) {
        int i = p;
        int max = Math.min(e, p + 24);
        while (i < max) {
            byte c = b[i];
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                i++;
            } else {
                break;
            }
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
        if (state == Aggregator.State.SENT && !a.detailWanted(m, address)) {
            a.attempt(r, m, address, state, null, null, null, null, null);
            return;
        }
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
        a.attempt(r, m, address, state, relay, code, dsn, text, delay);
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
            m.from = Bytes.text(b, p, fe);
        }
        int st = Bytes.indexOf(b, fe, e, STATUS);
        if (st >= 0) {
            // "from=<x>, status=expired, returned to sender" (also force-expired)
            int s = st + STATUS.length;
            if (Bytes.indexOf(b, s, Math.min(e, s + 14), Bytes.ascii("expired")) >= 0) {
                a.expiredMessage(r, m);
            }
            return;
        }
        int sz = Bytes.indexOf(b, fe, e, SIZE);
        if (sz >= 0) {
            Double v = number(b, sz + SIZE.length, e);
            if (v != null) {
                m.size = v.longValue();
            }
        }
        int nr = Bytes.indexOf(b, fe, e, NRCPT);
        if (nr >= 0) {
            Double v = number(b, nr + NRCPT.length, e);
            if (v != null) {
                m.nrcpt = v.intValue();
            }
        }
        a.received(m, r.time, r);
    }

    private void noQueueId(LogReader r, Aggregator a, byte[] b, int p, int e) {
        if (Bytes.startsWith(b, p, e, SSL_ACCEPT)) {
            int s = p + SSL_ACCEPT.length;
            int colon = peerEnd(b, s, e);
            String client = hostIp(Bytes.text(b, s, colon));
            String reason = colon + 2 < e ? Bytes.text(b, colon + 2, e) : "";
            String pid = pid(r);
            Object[] pending = tlsByPid.remove(pid);
            if (pending != null && pending[0] == null && r.time - (long) pending[3] <= 2) {
                reason = (String) pending[2];
            } else if (generic(reason)) {
                reason = null;
            }
            a.tlsInbound(r, client, reason);
            remember(pid, Boolean.TRUE, client, reason == null ? null : "", r.time);
        } else if (Bytes.startsWith(b, p, e, SSL_CONNECT)) {
            int s = p + SSL_CONNECT.length;
            int colon = peerEnd(b, s, e);
            String peer = Bytes.text(b, s, colon);
            String host = Aggregator.relayHost(peer);
            String reason = colon + 2 < e ? Bytes.text(b, colon + 2, e) : "";
            String pid = pid(r);
            Object[] pending = tlsByPid.remove(pid);
            if (pending != null && pending[0] == null && r.time - (long) pending[3] <= 2) {
                reason = (String) pending[2];
            } else if (generic(reason)) {
                reason = null;
            }
            if (host != null) {
                a.tlsOutboundHost(r, host, reason);
            }
        } else if (Bytes.startsWith(b, p, e, TLS_LIB)) {
            String reason = opensslReason(Bytes.text(b, p + TLS_LIB.length, e));
            String pid = pid(r);
            Object[] last = tlsByPid.get(pid);
            if (last != null && last[0] != null && last[2] == null && r.time - (long) last[3] <= 2) {
                a.tlsReasonLater((Boolean) last[0], (String) last[1], reason);
                last[2] = reason;
            } else {
                remember(pid, null, null, reason, r.time);
            }
        }
    }

    private void remember(String pid, Boolean inbound, String peer, String reason, long t) {
        if (tlsByPid.size() > 10_000) {
            tlsByPid.clear();
        }
        tlsByPid.put(pid, new Object[] {inbound, peer, reason, t});
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
