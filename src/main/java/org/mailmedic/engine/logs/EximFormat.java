package org.mailmedic.engine.logs;

/**
 * Exim's own main log: {@code 2026-11-23 08:14:03[.123][ +0100][ [pid]] event}. The time is local
 * unless Exim logged its offset ({@code log_timezone}).
 */
final class EximFormat extends LineFormat {

    private final TimeBase time;
    private final EximParser parser = new EximParser();

    EximFormat(TimeBase time) {
        this.time = time;
    }

    @Override
    String describe() {
        return "Exim mainlog";
    }

    /** True when a line starts like an Exim mainlog line ("YYYY-MM-DD hh:mm:ss "). */
    static boolean looksLikeMainlog(byte[] b, int p, int e) {
        return e - p > 20 && Bytes.isDigit(b[p]) && b[p + 4] == '-' && b[p + 7] == '-' && b[p + 10] == ' '
                && b[p + 13] == ':' && b[p + 16] == ':' && Bytes.digits(b, p, 4) >= 0;
    }

    /** Where the event starts after the timestamp (and optional offset and [pid]), or -1. */
    static int afterTimestamp(byte[] b, int p, int e) {
        int q = p + 19;
        if (q < e && b[q] == '.') {
            q++;
            while (q < e && Bytes.isDigit(b[q])) {
                q++;
            }
        }
        if (q + 6 < e && b[q] == ' ' && (b[q + 1] == '+' || b[q + 1] == '-') && Bytes.digits(b, q + 2, 4) >= 0) {
            q += 6;
        }
        if (q + 2 < e && b[q] == ' ' && b[q + 1] == '[') {
            int close = Bytes.indexOf(b, q + 2, e, (byte) ']');
            if (close > 0) {
                q = close + 1;
            }
        }
        return q < e && b[q] == ' ' ? q + 1 : -1;
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
        if (!looksLikeMainlog(b, p, e)) {
            return false;
        }
        int y = Bytes.digits(b, p, 4);
        int mo = Bytes.digits(b, p + 5, 2);
        int d = Bytes.digits(b, p + 8, 2);
        int h = Bytes.digits(b, p + 11, 2);
        int mi = Bytes.digits(b, p + 14, 2);
        int s = Bytes.digits(b, p + 17, 2);
        if (mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) {
            return false;
        }
        int q = p + 19;
        while (q < e && (b[q] == '.' || Bytes.isDigit(b[q]))) {
            q++;
        }
        long t;
        if (q + 6 <= e && b[q] == ' ' && (b[q + 1] == '+' || b[q + 1] == '-') && Bytes.digits(b, q + 2, 4) >= 0) {
            int oh = Bytes.digits(b, q + 2, 2);
            int om = Bytes.digits(b, q + 4, 2);
            t = time.withOffset(y, mo, d, h, mi, s, (oh * 3600 + om * 60) * (b[q + 1] == '-' ? -1 : 1));
        } else {
            t = time.local(y, mo, d, h, mi, s);
        }
        int ev = afterTimestamp(b, p, e);
        if (t < 0 || ev < 0) {
            return false;
        }
        r.time = t;
        r.msgStart = ev;
        return true;
    }

    @Override
    void handle(LogReader r, Aggregator a) {
        parser.handle(r, a, r.msgStart);
    }
}
