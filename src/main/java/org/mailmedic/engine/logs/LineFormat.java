package org.mailmedic.engine.logs;

import java.time.Instant;
import java.util.Locale;

/**
 * One way of reading a log's lines. Each reader gets its own instance (formats keep per-file
 * state: the year being inferred, the CSV columns). {@link #prepare} runs for every line and
 * must be cheap: it finds the time and says whether the line is a mail event at all;
 * {@link #handle} then reads the event into the aggregator, in the merged time order.
 */
abstract class LineFormat {

    /** How much of a file's start decides its format. */
    static final int SNIFF = 64 * 1024;

    /** Parses the current line's header; false when it is not a mail event (another program, noise). */
    abstract boolean prepare(LogReader r);

    /** Reads the current (prepared) line into the aggregator. */
    abstract void handle(LogReader r, Aggregator a);

    /**
     * True when {@link #handle} needs nothing but the reader's line fields (buf, start, end,
     * msgStart, idEnd, progStart/End, pidStart/End, time, lineNo), so that {@link #prepare} may run ahead
     * on another thread ({@link Pipeline}).
     */
    boolean pipelinable() {
        return false;
    }

    /**
     * False when {@link #handle} would certainly do nothing with the current (prepared) mail line,
     * so that a {@link Pipeline} need not hand it over (Postfix's "connect from" lines, cleanup's
     * message-id lines: a third of a busy server's log). The line still counts as a mail line.
     */
    boolean mayMatter(LogReader r) {
        return true;
    }

    /**
     * True when a record may continue on the next lines inside double quotes (CSV, RFC 4180): the
     * reader then hands over whole records, numbered by their first line.
     */
    boolean quotedRecords() {
        return false;
    }

    /** What the file turned out to be, e.g. "Postfix (syslog)". */
    abstract String describe();

    /**
     * Picks the format from the first block of content, or returns null after recording a
     * problem (binary data, empty). Syslog is the default: which MTA wrote a line is decided per
     * line from its program name, so mixed syslogs work.
     */
    static LineFormat detect(LogReader r, TimeBase time, Instant reference) {
        int n = r.headLength();
        byte[] b = r.buf;
        if (n == 0) {
            r.problem("is empty");
            return null;
        }
        if (looksBinary(b, n)) {
            r.problem("is a binary file, not a mail server log");
            return null;
        }
        String head = new String(b, 0, Math.min(n, 8192), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.startsWith("\u00ef\u00bb\u00bf")) {
            head = head.substring(3); // UTF-8 byte order mark
        }
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("#fields:") && lower.contains("event-id")
                || lower.startsWith("#software: microsoft exchange")) {
            return new ExchangeFormat();
        }
        int nl = lower.indexOf('\n');
        String first = nl < 0 ? lower : lower.substring(0, nl);
        if ((first.contains("senderaddress") || first.contains("sender_address"))
                && (first.contains("recipientaddress") || first.contains("recipient_status")
                || first.contains("recipient_address"))) {
            return new M365Format();
        }
        int exim = 0;
        int other = 0;
        int lines = 0;
        int p = 0;
        while (p < n && lines < 200) {
            int e = Bytes.indexOf(b, p, n, (byte) '\n');
            if (e < 0) {
                e = n;
            }
            if (EximFormat.looksLikeMainlog(b, p, e)) {
                exim++;
            } else if (e > p) {
                other++;
            }
            lines++;
            p = e + 1;
        }
        if (exim > 0 && exim >= other) {
            return new EximFormat(time);
        }
        return new SyslogFormat(time, reference);
    }

    /** A NUL byte or more than 5 % control characters in the first 8 KB mean binary data. */
    static boolean looksBinary(byte[] b, int len) {
        int n = Math.min(len, 8192);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return true;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0c && c != 0x1b) {
                control++;
            }
        }
        return control * 20 > n;
    }
}
