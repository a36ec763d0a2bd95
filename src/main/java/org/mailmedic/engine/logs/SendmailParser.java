package org.mailmedic.engine.logs;

import java.util.HashMap;
import java.util.Map;

/**
 * Sendmail ({@code sendmail}, {@code sm-mta}) lines after the syslog header:
 * <ul>
 * <li>{@code u31FFPtp032300: from=<grandeur09@gmail.com>, size=5938, class=0, nrcpts=7, ..., relay=[64.233.187.27]}</li>
 * <li>{@code u31FFPtp032300: to=<sent1@example.com>,<sent2@example.com>, delay=00:00:00, xdelay=00:00:00,
 *     mailer=esmtp, pri=245938, relay=[93.184.216.34] [93.184.216.34], dsn=2.0.0, stat=Sent (ok)} — one
 *     outcome for each listed recipient; {@code stat=Deferred: 451 4.3.5 ...} is temporary, a 5.x.x dsn
 *     permanent, dsn 4.4.7 expired;</li>
 * <li>{@code u31FFPtp032300: u31FFPtq032301: DSN: Cannot send message for 5 days} — expiry;</li>
 * <li>{@code STARTTLS=server, error: accept failed=-1, reason=no shared cipher, SSL_error=1, errno=0,
 *     retry=-1, relay=mail-yw1-f41.google.com [209.85.211.41]} — inbound TLS failure (the case of a
 *     Sendmail advertising STARTTLS without a certificate); {@code STARTTLS=client, error: connect failed=...}
 *     — outbound.</li>
 * </ul>
 */
final class SendmailParser {

    private static final byte[] TO = Bytes.ascii("to=");
    private static final byte[] FROM = Bytes.ascii("from=");
    private static final byte[] STAT = Bytes.ascii(", stat=");
    private static final byte[] DSN = Bytes.ascii(", dsn=");
    private static final byte[] RELAY = Bytes.ascii(", relay=");
    private static final byte[] DELAY = Bytes.ascii(", delay=");
    private static final byte[] REPLY = Bytes.ascii(", reply=");
    private static final byte[] SIZE = Bytes.ascii(", size=");
    private static final byte[] NRCPTS = Bytes.ascii(", nrcpts=");
    private static final byte[] STARTTLS = Bytes.ascii("STARTTLS=");
    private static final byte[] CANNOT_SEND = Bytes.ascii("Cannot send message for");

    private final Map<String, String[]> tlsDetail = new HashMap<>();

    void handle(LogReader r, Aggregator a) {
        byte[] b = r.buf;
        int p = r.msgStart;
        int e = r.end;
        int q = r.idEnd;
        int rest = q < 0 ? p : q + 2;
        if (Bytes.startsWith(b, rest, e, STARTTLS)) {
            starttls(r, a, b, rest + STARTTLS.length, e);
            return;
        }
        if (q < 0) {
            return;
        }
        String qid = new String(b, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (Bytes.startsWith(b, rest, e, TO)) {
            delivery(r, a, qid, b, rest + TO.length, e);
        } else if (Bytes.startsWith(b, rest, e, FROM)) {
            Aggregator.Msg m = a.msg(qid, r.time);
            a.seen(r.time);
            int fe = fieldEnd(b, rest + FROM.length, e);
            if (m.from == null) {
                a.from(m, strip(Bytes.text(b, rest + FROM.length, fe)));
            }
            int sz = Bytes.indexOf(b, fe, e, SIZE);
            if (sz >= 0) {
                Double v = PostfixParser.number(b, sz + SIZE.length, e);
                m.size = v == null ? -1 : v.longValue();
            }
            int nr = Bytes.indexOf(b, fe, e, NRCPTS);
            if (nr >= 0) {
                Double v = PostfixParser.number(b, nr + NRCPTS.length, e);
                m.nrcpt = v == null ? -1 : v.intValue();
            }
            int rl = Bytes.indexOf(b, fe, e, RELAY);
            if (rl >= 0) {
                int re = Bytes.indexOf(b, rl + RELAY.length, e, (byte) ',');
                m.client = Bytes.text(b, rl + RELAY.length, re < 0 ? e : re);
            }
            a.received(m, r.time, r);
        } else if (Bytes.indexOf(b, rest, e, CANNOT_SEND) >= 0) {
            // "QID: NEWQID: DSN: Cannot send message for 5 days" / "return to sender: Cannot send message for 5 days"
            Aggregator.Msg m = a.find(qid);
            if (m != null) {
                a.expiredMessage(r, m);
            } else {
                a.seen(r.time);
            }
        }
    }

    private void delivery(LogReader r, Aggregator a, String qid, byte[] b, int p, int e) {
        int st = Bytes.indexOf(b, p, e, STAT);
        if (st < 0) {
            return;
        }
        int listEnd = fieldEnd(b, p, st);
        int s = st + STAT.length;
        String dsn = null;
        int ds = Bytes.indexOf(b, listEnd, st + 1, DSN);
        if (ds >= 0) {
            int de = Bytes.indexOf(b, ds + DSN.length, st + 1, (byte) ',');
            dsn = Bytes.text(b, ds + DSN.length, de < 0 ? st : de);
        }
        Aggregator.State state;
        String text;
        if (Bytes.startsWith(b, s, e, Bytes.ascii("Sent"))) {
            state = Aggregator.State.SENT;
            int open = s + 4;
            text = open + 2 < e && b[open] == ' ' && b[open + 1] == '(' ? Bytes.text(b, open + 2,
                    b[e - 1] == ')' ? e - 1 : e) : "Sent";
        } else if (Bytes.startsWith(b, s, e, Bytes.ascii("Deferred"))) {
            state = "4.4.7".equals(dsn) ? Aggregator.State.EXPIRED : Aggregator.State.DEFERRED;
            int t = s + 8;
            if (t < e && b[t] == ':') {
                t += 2;
            }
            text = t < e ? Bytes.text(b, t, e) : "Deferred";
        } else if (Bytes.startsWith(b, s, e, Bytes.ascii("queued"))
                || Bytes.startsWith(b, s, e, Bytes.ascii("Queued"))) {
            a.seen(r.time);
            return; // accepted for later delivery: not an attempt
        } else {
            text = Bytes.text(b, s, e);
            if (dsn != null && dsn.startsWith("4")) {
                state = "4.4.7".equals(dsn) || text.contains("Cannot send message for")
                        ? Aggregator.State.EXPIRED : Aggregator.State.DEFERRED;
            } else {
                state = Aggregator.State.BOUNCED;
            }
        }
        int rp = Bytes.indexOf(b, listEnd, st, REPLY);
        if (rp >= 0 && state != Aggregator.State.SENT) {
            int re = Bytes.indexOf(b, rp + REPLY.length, st, Bytes.ascii(", "));
            text = text + " (" + Bytes.text(b, rp + REPLY.length, re < 0 ? st : re) + ")";
        }
        String code = text.length() >= 3 && text.charAt(0) >= '2' && text.charAt(0) <= '5'
                && Character.isDigit(text.charAt(1)) && Character.isDigit(text.charAt(2)) ? text.substring(0, 3) : null;
        String relay = null;
        int rl = Bytes.indexOf(b, listEnd, st + 1, RELAY);
        if (rl >= 0) {
            int re = Bytes.indexOf(b, rl + RELAY.length, st + 1, Bytes.ascii(", "));
            relay = Bytes.text(b, rl + RELAY.length, re < 0 ? st : re);
        }
        Double delay = null;
        int dl = Bytes.indexOf(b, listEnd, st, DELAY);
        if (dl >= 0) {
            int de = Bytes.indexOf(b, dl + DELAY.length, st + 1, (byte) ',');
            delay = sendmailDelay(Bytes.text(b, dl + DELAY.length, de < 0 ? st : de));
        }
        Aggregator.Msg m = a.msg(qid, r.time);
        for (String one : Bytes.text(b, p, listEnd).split(",")) {
            String addr = strip(one.trim()).toLowerCase(java.util.Locale.ROOT);
            if (!addr.isEmpty()) {
                a.attempt(r, m, addr, state, relay, code, dsn, text, delay);
            }
        }
    }

    /** End of a "key=value" list value: the ", " followed by the next key. */
    private static int fieldEnd(byte[] b, int p, int e) {
        int i = p;
        while (i < e) {
            int c = Bytes.indexOf(b, i, e, (byte) ',');
            if (c < 0 || c + 1 >= e) {
                return e;
            }
            if (b[c + 1] == ' ') {
                int k = c + 2;
                while (k < e && ((b[k] >= 'a' && b[k] <= 'z') || b[k] == '_')) {
                    k++;
                }
                if (k < e && b[k] == '=' && k > c + 2) {
                    return c;
                }
            }
            i = c + 1;
        }
        return e;
    }

    static String strip(String a) {
        String s = a;
        if (s.startsWith("<")) {
            s = s.substring(1);
        }
        if (s.endsWith(">")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** "1+00:00:15" -> 86415 seconds. */
    static Double sendmailDelay(String d) {
        try {
            long days = 0;
            String t = d;
            int plus = t.indexOf('+');
            if (plus > 0) {
                days = Long.parseLong(t.substring(0, plus));
                t = t.substring(plus + 1);
            }
            String[] hms = t.split(":");
            if (hms.length != 3) {
                return null;
            }
            return (double) (days * 86400 + Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60
                    + Long.parseLong(hms[2]));
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private void starttls(LogReader r, Aggregator a, byte[] b, int p, int e) {
        String s = Bytes.text(b, p, e);
        boolean server = s.startsWith("server");
        if (!server && !s.startsWith("client")) {
            return;
        }
        String pid = r.pidStart < 0 ? "" : new String(b, r.pidStart, r.pidEnd - r.pidStart,
                java.nio.charset.StandardCharsets.ISO_8859_1);
        int err = s.indexOf(", error:");
        if (err < 0) {
            // "STARTTLS=server: 12345:error:1408A0C1:SSL routines:ssl3_get_client_hello:no shared cipher:..."
            if (s.contains("error:")) {
                if (tlsDetail.size() > 10_000) {
                    tlsDetail.clear();
                }
                tlsDetail.put(pid, new String[] {PostfixParser.opensslReason(s), Long.toString(r.time)});
            }
            return;
        }
        String reason = field(s, "reason=");
        String[] detail = tlsDetail.remove(pid);
        if (reason == null && detail != null && r.time - Long.parseLong(detail[1]) <= 2) {
            reason = detail[0];
        }
        if (reason == null) {
            // "STARTTLS=server, error: accept failed=-1, reason=..." -> "accept failed=-1"; a " failed="
            // before ", error:" (a hostile line) must not make the end come before the start.
            int f = s.indexOf(" failed=");
            int start = Math.min(err + 9, s.length());
            int comma = f > 0 ? s.indexOf(',', Math.max(f, start)) : -1;
            reason = f > 0 ? s.substring(start, comma < 0 ? s.length() : comma).trim() : "handshake failed";
        }
        String relay = field(s, "relay=");
        if (server) {
            a.tlsInbound(r, relay == null ? "unknown" : relay.replaceAll("\\.? \\[", " ["), reason);
        } else if (relay != null) {
            String host = Aggregator.relayHost(relay);
            a.tlsOutboundHost(r, host == null ? relay : host, reason);
        }
    }

    /** Value of "key=" up to ", " followed by another key (relay values contain spaces). */
    private static String field(String s, String key) {
        int k = s.indexOf(key);
        if (k < 0) {
            return null;
        }
        int v = k + key.length();
        int end = s.length();
        int i = v;
        while (true) {
            int c = s.indexOf(", ", i);
            if (c < 0) {
                break;
            }
            int eq = s.indexOf('=', c);
            int sp = s.indexOf(' ', c + 2);
            if (eq > 0 && (sp < 0 || eq < sp)) {
                end = c;
                break;
            }
            i = c + 2;
        }
        return s.substring(v, end).trim();
    }
}
