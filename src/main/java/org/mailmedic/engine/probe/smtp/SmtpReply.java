package org.mailmedic.engine.probe.smtp;

import java.util.List;

/**
 * One complete SMTP reply (RFC 5321 §4.2), possibly multi-line.
 *
 * @param code  the three-digit reply code
 * @param lines the text after the code and separator, one entry per line
 * @param raw   the lines exactly as received (control bytes escaped)
 */
public record SmtpReply(int code, List<String> lines, List<String> raw) {

    public SmtpReply {
        lines = List.copyOf(lines);
        raw = List.copyOf(raw);
    }

    public boolean positive() {
        return code >= 200 && code < 400;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean permanentFailure() {
        return code >= 500;
    }

    /** All text lines joined by a space. */
    public String text() {
        return String.join(" ", lines);
    }

    /** The raw reply as one string, lines joined by " / ". */
    public String rawText() {
        return String.join(" / ", raw);
    }
}
