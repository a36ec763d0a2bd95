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

    /** Parses {@code block} (LF line ends, no trailing body). */
    public static Headers parse(String block) {
        Headers h = new Headers();
        int n = block.length();
        int i = 0;
        String name = null;
        StringBuilder value = new StringBuilder();
        while (i < n && h.names.size() < MAX_FIELDS) {
            int eol = block.indexOf('\n', i);
            if (eol < 0) {
                eol = n;
            }
            String line = block.substring(i, eol);
            i = eol + 1;
            if (line.isEmpty()) {
                continue;
            }
            char c = line.charAt(0);
            if ((c == ' ' || c == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                h.add(name, value.toString());
                name = null;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && colon < 80 && isFieldName(line, colon)) {
                name = line.substring(0, colon).strip();
                value.setLength(0);
                value.append(line.substring(colon + 1).strip());
            }
        }
        if (name != null) {
            h.add(name, value.toString());
        }
        return h;
    }

    private static boolean isFieldName(String line, int colon) {
        for (int k = 0; k < colon; k++) {
            char c = line.charAt(k);
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
