package org.mailmedic.engine.logs;

/**
 * Exim main log events (the part after the timestamp), from the mainlog or from syslog:
 * <ul>
 * <li>{@code 10HmaX-000000005vi-0000 <= CALLER@myhost.ex H=host [ip] P=esmtp S=sss} — arrival;</li>
 * <li>{@code => rcpt R=router T=smtp H=mx [ip] C="250 OK"} and {@code -> rcpt} — delivered;</li>
 * <li>{@code == rcpt R=client T=smtp defer (-46) H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail
 *     server after end of data: 451 Temporary local problem} — deferred;</li>
 * <li>{@code ** rcpt R=client T=smtp H=... : SMTP error from remote mail server after RCPT TO:<x>: 550 rcpt refused}
 *     — bounced; {@code ** userx@x.y: retry timeout exceeded} — expired;</li>
 * <li>{@code Completed} — the end of a message;</li>
 * <li>{@code TLS error on connection from localhost (helo) [127.0.0.1] (SSL_accept): error: ...} — inbound TLS.</li>
 * </ul>
 * Message ids are {@code 1Xyz12-0001AB-Cd} (Exim before 4.97) or {@code 10HmaX-000000005vi-0000}.
 */
final class EximParser {

    private static final byte[] SMTP_ERROR = Bytes.ascii("SMTP error from remote mail server after ");
    private static final byte[] DEFER = Bytes.ascii("defer (");
    private static final byte[] TLS_ERROR = Bytes.ascii("TLS error on connection from ");
    private static final byte[] COMPLETED = Bytes.ascii("Completed");
    private static final byte[] HOST = Bytes.ascii(" H=");
    private static final byte[] CONFIRM = Bytes.ascii(" C=\"");

    /** Handles a syslog line from the exim program (its own timestamp, if any, skipped). */
    void handleSyslog(LogReader r, Aggregator a) {
        int p = r.msgStart;
        byte[] b = r.buf;
        if (r.end - p > 20 && Bytes.isDigit(b[p]) && b[p + 4] == '-' && b[p + 10] == ' ') {
            p = EximFormat.afterTimestamp(b, p, r.end);
            if (p < 0) {
                return;
            }
        }
        handle(r, a, p);
    }

    /** Handles the event starting at {@code p}. */
    void handle(LogReader r, Aggregator a, int p) {
        byte[] b = r.buf;
        int e = r.end;
        int idEnd = messageIdEnd(b, p, e);
        if (idEnd < 0) {
            if (Bytes.startsWith(b, p, e, TLS_ERROR)) {
                tlsError(r, a, b, p + TLS_ERROR.length, e);
            }
            return;
        }
        String id = new String(b, p, idEnd - p, java.nio.charset.StandardCharsets.ISO_8859_1);
        int f = idEnd + 1;
        if (f + 2 > e) {
            return;
        }
        byte f0 = b[f];
        byte f1 = b[f + 1];
        boolean flag = f + 2 < e && b[f + 2] == ' ';
        if (flag && f0 == '<' && f1 == '=') {
            Aggregator.Msg m = a.msg(id, r.time);
            int s = f + 3;
            int se = Bytes.indexOf(b, s, e, (byte) ' ');
            a.from(m, Bytes.text(b, s, se < 0 ? e : se));
            int h = Bytes.indexOf(b, s, e, HOST);
            if (h >= 0) {
                m.client = hostField(b, h + HOST.length, e);
            }
            int sz = Bytes.indexOf(b, s, e, Bytes.ascii(" S="));
            if (sz >= 0) {
                Double v = PostfixParser.number(b, sz + 3, e);
                m.size = v == null ? -1 : v.longValue();
            }
            a.seen(r.time);
            a.received(m, r.time, r);
        } else if (flag && ((f0 == '=' && f1 == '>') || (f0 == '-' && f1 == '>'))) {
            outcome(r, a, id, b, f + 3, e, Aggregator.State.SENT);
        } else if (flag && f0 == '=' && f1 == '=') {
            outcome(r, a, id, b, f + 3, e, Aggregator.State.DEFERRED);
        } else if (flag && f0 == '*' && f1 == '*') {
            outcome(r, a, id, b, f + 3, e, Aggregator.State.BOUNCED);
        } else if (Bytes.startsWith(b, f, e, COMPLETED)) {
            a.seen(r.time);
            Aggregator.Msg m = a.find(id);
            if (m != null) {
                a.removed(m);
            }
        }
    }

    private void outcome(LogReader r, Aggregator a, String id, byte[] b, int s, int e, Aggregator.State state) {
        int ae = s;
        while (ae < e && b[ae] != ' ' && !(b[ae] == ':' && (ae + 1 == e || b[ae + 1] == ' '))) {
            ae++;
        }
        String address = Bytes.lowerAscii(b, s, ae);
        if (ae + 2 < e && b[ae] == ' ' && b[ae + 1] == '<') {
            int close = Bytes.indexOf(b, ae + 2, e, (byte) '>');
            if (close > 0 && address.indexOf('@') < 0) {
                address = Bytes.lowerAscii(b, ae + 2, close); // "userx <userx@myhost.ex>": the original address
            }
        }
        if (address.isEmpty()) {
            return;
        }
        String relay = null;
        int h = Bytes.indexOf(b, ae, e, HOST);
        if (h >= 0) {
            relay = hostField(b, h + HOST.length, e);
        }
        String text = null;
        String code = null;
        if (state == Aggregator.State.SENT) {
            int c = Bytes.indexOf(b, ae, e, CONFIRM);
            if (c >= 0) {
                int ce = Bytes.indexOf(b, c + CONFIRM.length, e, (byte) '"');
                text = Bytes.text(b, c + CONFIRM.length, ce < 0 ? e : ce);
                code = PostfixParser.replyCode(b, c + CONFIRM.length, ce < 0 ? e : ce);
            }
        } else {
            int from = ae;
            int d = Bytes.indexOf(b, ae, e, DEFER);
            if (d >= 0) {
                int close = Bytes.indexOf(b, d, e, (byte) ')');
                from = close < 0 ? d : close + 1;
            }
            int colon = Bytes.indexOf(b, from, e, Bytes.ascii(": "));
            if (colon < 0 && from < e && b[from] == ':') {
                colon = from;
            }
            // A lone ':' ending the line (colon == e - 1) must not put the text's start past its end.
            int ts = Math.min(colon < 0 ? from + 1 : colon + 2, e);
            int smtp = Bytes.indexOf(b, ts, e, SMTP_ERROR);
            if (smtp >= 0) {
                int reply = Bytes.indexOf(b, smtp + SMTP_ERROR.length, e, Bytes.ascii(": "));
                if (reply >= 0) {
                    ts = reply + 2;
                    code = PostfixParser.replyCode(b, ts, e);
                }
            }
            text = Bytes.text(b, ts, e).trim();
            if (state == Aggregator.State.BOUNCED && (text.contains("retry timeout exceeded")
                    || text.contains("retry time not reached for any host after a long failure period"))) {
                state = Aggregator.State.EXPIRED;
            }
        }
        String enhanced = text == null ? null : enhanced(text, code);
        Aggregator.Msg m = a.msg(id, r.time);
        a.attempt(r, m, address, state, relay, code, enhanced, text, null);
    }

    /** "550 5.1.1 ..." -> "5.1.1" (after the reply code), or null. */
    static String enhanced(String text, String code) {
        if (code == null || text.length() < 9) {
            return null;
        }
        int s = 4;
        int i = s;
        int dots = 0;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            if (text.charAt(i) == '.') {
                dots++;
            }
            i++;
        }
        return dots == 2 && i > s + 4 && text.charAt(s) == code.charAt(0) ? text.substring(s, i) : null;
    }

    /** "mx.example.net [192.0.2.1]:25 ..." -> "mx.example.net [192.0.2.1]". */
    private static String hostField(byte[] b, int s, int e) {
        int sp = Bytes.indexOf(b, s, e, (byte) ' ');
        if (sp < 0) {
            return Bytes.text(b, s, e);
        }
        if (sp + 1 < e && b[sp + 1] == '[') {
            int close = Bytes.indexOf(b, sp + 1, e, (byte) ']');
            if (close > 0) {
                return Bytes.text(b, s, close + 1);
            }
        }
        return Bytes.text(b, s, sp);
    }

    private void tlsError(LogReader r, Aggregator a, byte[] b, int s, int e) {
        String rest = Bytes.text(b, s, e);
        // "localhost (myhost.test.ex) [127.0.0.1] (SSL_accept): error: ..."
        int ip = rest.indexOf('[');
        int ipEnd = ip < 0 ? -1 : rest.indexOf(']', ip);
        if (ipEnd < 0) {
            return;
        }
        String host = rest.substring(0, ip).trim();
        int helo = host.indexOf(" (");
        if (helo > 0) {
            host = host.substring(0, helo);
        }
        String peer = (host.isEmpty() ? "unknown" : host) + " " + rest.substring(ip, ipEnd + 1);
        String reason = rest.substring(ipEnd + 1).trim();
        if (reason.startsWith(":")) {
            int sp = reason.indexOf(' ');
            reason = sp < 0 ? "" : reason.substring(sp + 1).trim(); // ":port"
        }
        int paren = reason.indexOf("): ");
        if (reason.startsWith("(") && paren > 0) {
            reason = reason.substring(paren + 3);
        }
        a.tlsInbound(r, peer, PostfixParser.opensslReason(reason));
    }

    /** End of an Exim message id followed by a space at {@code p}, or -1. */
    static int messageIdEnd(byte[] b, int p, int e) {
        // 1Xyz12-0001AB-Cd (16) or 10HmaX-000000005vi-0000 (23)
        int i = p;
        int dashes = 0;
        int max = Math.min(e, p + 24);
        while (i < max && b[i] != ' ') {
            byte c = b[i];
            if (c == '-') {
                dashes++;
            } else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return -1;
            }
            i++;
        }
        int len = i - p;
        if (dashes != 2 || i >= e || b[i] != ' ' || (len != 16 && len != 23) || b[p + 6] != '-') {
            return -1;
        }
        return i;
    }
}
