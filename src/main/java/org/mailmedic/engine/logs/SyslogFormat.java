package org.mailmedic.engine.logs;

import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * Syslog lines, whichever MTA wrote them: RFC 3164 ({@code Nov 23 08:14:03 host prog[pid]: msg},
 * year inferred), Postfix's own {@code maillog_file} format (the same with microseconds),
 * ISO-8601 / RFC 3339 timestamps as rsyslog and journald write them
 * ({@code 2026-11-23T08:14:03.123456+01:00 host prog[pid]: msg}) and RFC 5424
 * ({@code <22>1 2026-11-23T08:14:03Z host postfix/smtp 1234 - - msg}). The program name decides
 * the parser: Postfix, Sendmail (sm-mta) or Exim; other programs' lines are skipped.
 *
 * <p>Year inference (RFC 3164 has none): the year of the reference time (the file's modification
 * time unless the caller gives one) — one less when the first line's month lies after the
 * reference month — and one more each time the month jumps back by six or more (New Year).
 */
final class SyslogFormat extends LineFormat {

    private static final int POSTFIX = 1;
    private static final int SENDMAIL = 2;
    private static final int EXIM = 3;

    private final TimeBase time;
    private final int refYear;
    private final int refMonth;
    private int year = Integer.MIN_VALUE;
    private int lastMonth;
    /** The last RFC 3164 timestamp parsed ("Nov 23 08:14:03", 15 bytes read as two longs) and its time. */
    private boolean stampValid;
    private long stampHead;
    private long stampTail;
    private long stampTime;
    private final long[] familyLines = new long[4];
    private final PostfixParser postfix = new PostfixParser();
    private final SendmailParser sendmail = new SendmailParser();
    private final EximParser exim = new EximParser();

    SyslogFormat(TimeBase time, Instant reference) {
        this.time = time;
        ZonedDateTime ref = reference.atZone(time.zone());
        this.refYear = ref.getYear();
        this.refMonth = ref.getMonthValue();
    }

    @Override
    String describe() {
        StringBuilder sb = new StringBuilder();
        String[] names = {"", "Postfix", "Sendmail", "Exim"};
        for (int f = 1; f <= 3; f++) {
            if (familyLines[f] > 0) {
                if (sb.length() > 0) {
                    sb.append(" + ");
                }
                sb.append(names[f]);
            }
        }
        return sb.length() == 0 ? "syslog (no mail lines)" : sb.append(" (syslog)").toString();
    }

    @Override
    boolean pipelinable() {
        return true;
    }

    @Override
    boolean prepare(LogReader r) {
        byte[] b = r.buf;
        int p = r.start;
        int e = r.end;
        if (e - p < 20) {
            return false;
        }
        boolean rfc5424 = false;
        if (b[p] == '<') {
            int q = Bytes.indexOf(b, p + 1, Math.min(e, p + 6), (byte) '>');
            if (q < 0) {
                return false;
            }
            p = q + 1;
            if (e - p > 2 && b[p] == '1' && b[p + 1] == ' ') {
                rfc5424 = true;
                p += 2;
            }
        }
        long t;
        if (Bytes.isDigit(b[p])) {
            // 2026-11-23T08:14:03[.frac](Z|+01:00)
            if (e - p < 20 || b[p + 4] != '-' || b[p + 7] != '-' || (b[p + 10] != 'T' && b[p + 10] != ' ')) {
                return false;
            }
            int y = Bytes.digits(b, p, 4);
            int mo = Bytes.digits(b, p + 5, 2);
            int d = Bytes.digits(b, p + 8, 2);
            int h = Bytes.digits(b, p + 11, 2);
            int mi = Bytes.digits(b, p + 14, 2);
            int s = Bytes.digits(b, p + 17, 2);
            if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || b[p + 13] != ':' || b[p + 16] != ':') {
                return false;
            }
            p += 19;
            if (p < e && (b[p] == '.' || b[p] == ',')) {
                p++;
                while (p < e && Bytes.isDigit(b[p])) {
                    p++;
                }
            }
            if (p < e && b[p] == 'Z') {
                p++;
                t = time.withOffset(y, mo, d, h, mi, s, 0);
            } else if (p + 6 <= e && (b[p] == '+' || b[p] == '-') && b[p + 3] == ':') {
                int oh = Bytes.digits(b, p + 1, 2);
                int om = Bytes.digits(b, p + 4, 2);
                if (oh < 0 || om < 0) {
                    return false;
                }
                int off = (oh * 3600 + om * 60) * (b[p] == '-' ? -1 : 1);
                p += 6;
                t = time.withOffset(y, mo, d, h, mi, s, off);
            } else {
                t = time.local(y, mo, d, h, mi, s);
            }
        } else if (stampValid && e - p >= 15 && Bytes.longAt(b, p) == stampHead && Bytes.longAt(b, p + 7) == stampTail) {
            // The same "Nov 23 08:14:03" as the last line parsed: most lines of a busy log
            t = stampTime;
            p += 15;
            if (p < e && b[p] == '.') {
                p++;
                while (p < e && Bytes.isDigit(b[p])) {
                    p++;
                }
            }
        } else {
            // Nov 23 08:14:03[.123456]
            int stamp = p;
            int mo = month(b[p], b[p + 1], b[p + 2]);
            if (mo == 0 || b[p + 3] != ' ') {
                return false;
            }
            int d;
            if (b[p + 4] == ' ') {
                d = Bytes.digits(b, p + 5, 1);
            } else {
                d = Bytes.digits(b, p + 4, 2);
            }
            if (d <= 0 || b[p + 6] != ' ' || b[p + 9] != ':' || b[p + 12] != ':') {
                return false;
            }
            int h = Bytes.digits(b, p + 7, 2);
            int mi = Bytes.digits(b, p + 10, 2);
            int s = Bytes.digits(b, p + 13, 2);
            if (h < 0 || mi < 0 || s < 0) {
                return false;
            }
            p += 15;
            if (p < e && b[p] == '.') {
                p++;
                while (p < e && Bytes.isDigit(b[p])) {
                    p++;
                }
            }
            if (year == Integer.MIN_VALUE) {
                year = mo > refMonth ? refYear - 1 : refYear;
            } else if (mo < lastMonth && lastMonth - mo >= 6) {
                year++;
            }
            lastMonth = mo;
            t = time.local(year, mo, d, h, mi, s);
            if (t >= 0 && stamp + 15 <= e) {
                stampHead = Bytes.longAt(b, stamp);
                stampTail = Bytes.longAt(b, stamp + 7);
                stampTime = t;
                stampValid = true;
            }
        }
        if (t < 0 || p >= e || b[p] != ' ') {
            return false;
        }
        p++;
        // host
        int sp = Bytes.indexOf(b, p, e, (byte) ' ');
        if (sp < 0) {
            return false;
        }
        p = sp + 1;
        int progStart = p;
        int progEnd;
        int pidStart = -1;
        int pidEnd = -1;
        int msg;
        if (rfc5424) {
            sp = Bytes.indexOf(b, p, e, (byte) ' ');
            if (sp < 0) {
                return false;
            }
            progEnd = sp;
            pidStart = sp + 1;
            pidEnd = Bytes.indexOf(b, pidStart, e, (byte) ' ');
            if (pidEnd < 0) {
                return false;
            }
            int msgId = Bytes.indexOf(b, pidEnd + 1, e, (byte) ' ');
            if (msgId < 0) {
                return false;
            }
            int q = msgId + 1;
            if (q < e && b[q] == '-') {
                q++;
            } else {
                while (q < e && b[q] == '[') { // structured data elements
                    int close = Bytes.indexOf(b, q, e, (byte) ']');
                    if (close < 0) {
                        return false;
                    }
                    q = close + 1;
                }
            }
            msg = q < e && b[q] == ' ' ? q + 1 : q;
            if (msg + 3 <= e && (b[msg] & 0xff) == 0xEF && (b[msg + 1] & 0xff) == 0xBB && (b[msg + 2] & 0xff) == 0xBF) {
                msg += 3;
            }
        } else {
            int q = p;
            while (q < e && !Bytes.is(b[q], Bytes.PROGRAM_END)) {
                q++;
            }
            progEnd = q;
            if (q < e && b[q] == '[') {
                pidStart = q + 1;
                pidEnd = Bytes.indexOf(b, pidStart, e, (byte) ']');
                if (pidEnd < 0) {
                    return false;
                }
                q = pidEnd + 1;
            }
            if (q >= e || b[q] != ':') {
                return false;
            }
            msg = q + 1 < e && b[q + 1] == ' ' ? q + 2 : q + 1;
        }
        int fam = family(b, progStart, progEnd);
        if (fam == 0) {
            return false;
        }
        familyLines[fam]++;
        r.time = t;
        r.progStart = progStart;
        r.progEnd = progEnd;
        r.pidStart = pidStart;
        r.pidEnd = pidEnd;
        r.msgStart = msg;
        r.idEnd = fam == EXIM ? -1 : PostfixParser.queueIdEnd(b, msg, e);
        return true;
    }

    @Override
    boolean mayMatter(LogReader r) {
        return family(r.buf, r.progStart, r.progEnd) != POSTFIX || PostfixParser.mayMatter(r.buf, r.msgStart, r.idEnd, r.end);
    }

    @Override
    void handle(LogReader r, Aggregator a) {
        // From the line itself, not from prepare(): with a Pipeline, prepare runs ahead on another thread.
        switch (family(r.buf, r.progStart, r.progEnd)) {
            case POSTFIX -> postfix.handle(r, a);
            case SENDMAIL -> sendmail.handle(r, a);
            case EXIM -> exim.handleSyslog(r, a);
            default -> {
            }
        }
    }

    private static int family(byte[] b, int s, int e) {
        int len = e - s;
        if (len >= 7 && b[s] == 'p' && b[s + 1] == 'o' && b[s + 2] == 's' && b[s + 3] == 't' && b[s + 4] == 'f'
                && b[s + 5] == 'i' && b[s + 6] == 'x') {
            return POSTFIX;
        }
        if (len >= 6 && b[s] == 's') {
            if (b[s + 1] == 'm' && b[s + 2] == '-') { // sm-mta, sm-msp-queue
                return SENDMAIL;
            }
            if (len == 8 && b[s + 1] == 'e' && b[s + 2] == 'n' && b[s + 3] == 'd' && b[s + 4] == 'm') {
                return SENDMAIL;
            }
        }
        if (len >= 4 && b[s] == 'e' && b[s + 1] == 'x' && b[s + 2] == 'i' && b[s + 3] == 'm') {
            return EXIM;
        }
        return 0;
    }

    static int month(byte a, byte b, byte c) {
        switch (a) {
            case 'J':
                if (b == 'a' && c == 'n') {
                    return 1;
                }
                if (b == 'u' && c == 'n') {
                    return 6;
                }
                if (b == 'u' && c == 'l') {
                    return 7;
                }
                return 0;
            case 'F':
                return b == 'e' && c == 'b' ? 2 : 0;
            case 'M':
                if (b == 'a' && c == 'r') {
                    return 3;
                }
                return b == 'a' && c == 'y' ? 5 : 0;
            case 'A':
                if (b == 'p' && c == 'r') {
                    return 4;
                }
                return b == 'u' && c == 'g' ? 8 : 0;
            case 'S':
                return b == 'e' && c == 'p' ? 9 : 0;
            case 'O':
                return b == 'c' && c == 't' ? 10 : 0;
            case 'N':
                return b == 'o' && c == 'v' ? 11 : 0;
            case 'D':
                return b == 'e' && c == 'c' ? 12 : 0;
            default:
                return 0;
        }
    }
}
