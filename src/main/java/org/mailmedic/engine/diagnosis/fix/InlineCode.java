package org.mailmedic.engine.diagnosis.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * Inline code in a fix guide's prose: the guides mark commands, settings and record text the
 * user must type exactly with backticks, as CommonMark code spans ({@code `postconf -e ...`};
 * text that itself holds a backtick, such as Sendmail's m4 quoting, is wrapped in two:
 * {@code ``FEATURE(`access_db')``}). This splits such text into plain and code runs, without
 * the backticks, for the window and the PDF to show code as code.
 *
 * <p>The rules are CommonMark's (spec 0.31, "Code spans"): a run of N backticks opens a span
 * that the next run of exactly N backticks closes; a line break inside becomes a space; one
 * space is stripped from each side when both sides have one and the content is not all spaces;
 * an opening run with no closing run is literal text; outside a span, {@code \`} is a literal
 * backtick. Nothing else of Markdown is interpreted.
 *
 * @see <a href="https://spec.commonmark.org/0.31.2/#code-spans">CommonMark, code spans</a>
 */
public final class InlineCode {

    /** A piece of prose: plain text, or code to be shown in a monospace face and copied as is. */
    public record Run(String text, boolean code) {
    }

    private InlineCode() {
    }

    /** The runs of {@code text} in order; adjacent plain runs are merged; never null. */
    public static List<Run> parse(String text) {
        List<Run> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        StringBuilder plain = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '`') {
                plain.append('`');
                i += 2;
                continue;
            }
            if (c != '`') {
                plain.append(c);
                i++;
                continue;
            }
            int open = runLength(text, i);
            int close = findClosing(text, i + open, open);
            if (close < 0) {
                // No closing run of the same length: the backticks are literal text.
                plain.append(text, i, i + open);
                i += open;
                continue;
            }
            if (plain.length() > 0) {
                out.add(new Run(plain.toString(), false));
                plain.setLength(0);
            }
            out.add(new Run(content(text.substring(i + open, close)), true));
            i = close + open;
        }
        if (plain.length() > 0) {
            out.add(new Run(plain.toString(), false));
        }
        return out;
    }

    /** The text as a reader sees it: code spans' contents without their backticks. */
    public static String plain(String text) {
        StringBuilder b = new StringBuilder();
        for (Run r : parse(text)) {
            b.append(r.text());
        }
        return b.toString();
    }

    private static int runLength(String s, int from) {
        int j = from;
        while (j < s.length() && s.charAt(j) == '`') {
            j++;
        }
        return j - from;
    }

    /** Start of the next backtick run of exactly {@code len} at or after {@code from}, or -1. */
    private static int findClosing(String s, int from, int len) {
        int j = from;
        while (j < s.length()) {
            if (s.charAt(j) == '`') {
                int r = runLength(s, j);
                if (r == len) {
                    return j;
                }
                j += r;
            } else {
                j++;
            }
        }
        return -1;
    }

    private static String content(String raw) {
        String s = raw.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if (s.length() >= 2 && s.charAt(0) == ' ' && s.charAt(s.length() - 1) == ' ' && !s.isBlank()) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
