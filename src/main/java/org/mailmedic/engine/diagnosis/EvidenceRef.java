package org.mailmedic.engine.diagnosis;

import java.util.Objects;

/**
 * One piece of proof behind a finding: a log line (file:line), a bounce excerpt (file and
 * recipient) or a live check result (host and check).
 *
 * @param kind   what sort of proof
 * @param source file name (log, bounce) or host/check name (live)
 * @param line   1-based line number for log lines, 0 otherwise
 * @param text   the line, excerpt or result, as observed
 */
public record EvidenceRef(Kind kind, String source, long line, String text) {

    public enum Kind { LOG_LINE, BOUNCE, LIVE_CHECK }

    public EvidenceRef {
        Objects.requireNonNull(kind);
        source = source == null ? "" : source;
        text = text == null ? "" : text;
    }

    public static EvidenceRef logLine(String file, long line, String text) {
        return new EvidenceRef(Kind.LOG_LINE, file, line, text);
    }

    /** The file name alone of a path as the engine reports it (the path as given when it is not one). */
    public static String fileName(String path) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(path).getFileName();
            return p == null ? path : p.toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }

    public static EvidenceRef bounce(String file, String excerpt) {
        return new EvidenceRef(Kind.BOUNCE, file, 0, excerpt);
    }

    public static EvidenceRef live(String what, String result) {
        return new EvidenceRef(Kind.LIVE_CHECK, what, 0, result);
    }

    /** "maillog:1204", "bounce.eml", "STARTTLS mx1.example.com". */
    public String where() {
        return kind == Kind.LOG_LINE && line > 0 ? source + ":" + line : source;
    }
}
