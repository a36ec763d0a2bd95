package org.mailmedic.engine.report;

/**
 * Makes untrusted text (log lines, bounce diagnostics, transcripts) safe to print: no control
 * characters, no invisible direction changes that could reorder what a reader sees, no
 * broken UTF-16. What was hidden stays visible as an escape, so nothing is silently lost.
 */
public final class TextSanitizer {

    private TextSanitizer() {
    }

    /**
     * For one printed line: C0/C1 controls and DEL become {@code \xNN}, a tab becomes spaces,
     * bidi embeddings/overrides/isolates and marks (U+061C, U+200E/F, U+202A-202E,
     * U+2066-2069) become {@code <U+202E>}, unpaired surrogates and noncharacters become
     * U+FFFD. Line breaks are controls too: split text into lines before calling this.
     */
    public static String forPrint(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String repl = null;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(i + 1));
                    if ((cp & 0xFFFE) == 0xFFFE) {
                        repl = "\uFFFD";
                        out = start(out, s, i);
                        out.append(repl);
                        i++;
                        continue;
                    }
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                repl = "\uFFFD";
            } else if (Character.isLowSurrogate(c)) {
                repl = "\uFFFD";
            } else if (c == '\t') {
                repl = "    ";
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                repl = String.format("\\x%02X", (int) c);
            } else if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)) {
                repl = String.format("<U+%04X>", (int) c);
            } else if (c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF)) {
                repl = "\uFFFD";
            }
            if (repl != null) {
                out = start(out, s, i);
                out.append(repl);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Only repairs broken UTF-16 (unpaired surrogates become U+FFFD): what JSON output needs. */
    public static String fixSurrogates(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = !(i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)));
                if (!bad) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad) {
                out = start(out, s, i);
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static StringBuilder start(StringBuilder out, String s, int i) {
        if (out != null) {
            return out;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        b.append(s, 0, i);
        return b;
    }
}
