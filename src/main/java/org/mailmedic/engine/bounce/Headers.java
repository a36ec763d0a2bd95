package org.mailmedic.engine.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A header block, parsed leniently: folded lines are unfolded, names compare case-insensitively,
 * lines that are not headers are skipped. Values are kept as written; {@link #decoded} decodes
 * RFC 2047 encoded words.
 */
public final class Headers {

    /** At most this many header fields are kept (a hostile message may have millions). */
    static final int MAX_FIELDS = 500;

    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /**
     * Parses {@code block} (LF line ends, no trailing body). Works on indices into the block: a
     * one-line field costs one substring for its name and one for its value.
     */
    public static Headers parse(String block) {
        Headers h = new Headers();
        int n = block.length();
        int i = 0;
        String name = null;
        int valueStart = 0;
        int valueEnd = 0;
        StringBuilder folded = null; // only for a field continued on further lines
        while (i < n && h.names.size() < MAX_FIELDS) {
            int ls = i;
            int eol = block.indexOf('\n', i);
            if (eol < 0) {
                eol = n;
            }
            i = eol + 1;
            if (ls == eol) {
                continue;
            }
            char c = block.charAt(ls);
            if ((c == ' ' || c == '\t') && name != null) {
                if (folded == null) {
                    folded = new StringBuilder(valueEnd - valueStart + 80).append(block, valueStart, valueEnd);
                }
                int a = stripStart(block, ls, eol);
                folded.append(' ').append(block, a, stripEnd(block, a, eol));
                continue;
            }
            if (name != null) {
                h.add(name, folded != null ? folded.toString() : block.substring(valueStart, valueEnd));
                name = null;
                folded = null;
            }
            int colon = -1;
            for (int k = ls, lim = Math.min(eol, ls + 80); k < lim; k++) {
                if (block.charAt(k) == ':') {
                    colon = k;
                    break;
                }
            }
            if (colon > ls && isFieldName(block, ls, colon)) {
                int a = stripStart(block, ls, colon);
                name = block.substring(a, stripEnd(block, a, colon));
                valueStart = stripStart(block, colon + 1, eol);
                valueEnd = stripEnd(block, valueStart, eol);
            }
        }
        if (name != null) {
            h.add(name, folded != null ? folded.toString() : block.substring(valueStart, valueEnd));
        }
        return h;
    }

    /** First index in [from, to) that is not white space (as {@link String#strip}), or {@code to}. */
    private static int stripStart(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    /** One past the last index in [from, to) that is not white space, or {@code from}. */
    private static int stripEnd(String s, int from, int to) {
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** Whether block[start, colon) is a field name: printable ASCII, a space allowed just before the colon. */
    private static boolean isFieldName(String block, int start, int colon) {
        for (int k = start; k < colon; k++) {
            char c = block.charAt(k);
            if (c <= ' ' && !(c == ' ' && k == colon - 1) || c > '~') {
                return false;
            }
        }
        return true;
    }

    private void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public int size() {
        return names.size();
    }

    /** First value of {@code name}, "" when absent. */
    public String get(String name) {
        for (int k = 0; k < names.size(); k++) {
            if (names.get(k).equalsIgnoreCase(name)) {
                return values.get(k);
            }
        }
        return "";
    }

    public boolean has(String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            if (names.get(k).equalsIgnoreCase(name)) {
                out.add(values.get(k));
            }
        }
        return out;
    }

    /** First value of {@code name} with RFC 2047 encoded words decoded (leniently). */
    public String decoded(String name) {
        return decodeWords(get(name));
    }

    static String decodeWords(String v) {
        if (v.indexOf("=?") < 0) {
            return v;
        }
        return EncodedWords.decode(v);
    }

    /** Lower-cased concatenation of one header's values, for quick tests. */
    public String lower(String name) {
        return get(name).toLowerCase(Locale.ROOT);
    }

    List<String> names() {
        return names;
    }
}
