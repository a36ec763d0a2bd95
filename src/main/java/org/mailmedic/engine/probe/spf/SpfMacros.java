package org.mailmedic.engine.probe.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * SPF macro strings (RFC 7208 7): {@code %{s}}, {@code %{l}}, {@code %{o}}, {@code %{d}},
 * {@code %{i}}, {@code %{p}}, {@code %{v}}, {@code %{h}}, and in explanations {@code %{c}},
 * {@code %{r}}, {@code %{t}}; transformers (right-hand parts, reversal), delimiters,
 * upper-case letters URL-escaped; {@code %%}, {@code %_}, {@code %-}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7208#section-7">RFC 7208 7</a>
 */
public final class SpfMacros {

    private static final String DELIMITERS = ".-+,/_=";

    private SpfMacros() {
    }

    /** Values a macro letter expands to; {@code p} is computed lazily because it costs DNS lookups. */
    public interface Values {
        /** The value of one macro letter (lower case), never null. */
        String value(char letter);
    }

    /** Checks syntax only. {@code exp} allows the explanation-only letters c, r, t. */
    static void checkMacroString(String s, boolean exp) throws SpfSyntaxException {
        expand(s, exp, null);
    }

    /** Whether the string ends in a macro-expand ({@code %{…}}, {@code %%}, {@code %_}, {@code %-}). */
    static boolean endsWithMacro(String s) {
        if (s.endsWith("}")) {
            int open = s.lastIndexOf("%{");
            return open >= 0 && s.indexOf('}', open) == s.length() - 1 && !escapedPercent(s, open);
        }
        if (s.length() >= 2) {
            char last = s.charAt(s.length() - 1);
            if ((last == '%' || last == '_' || last == '-') && s.charAt(s.length() - 2) == '%') {
                return !escapedPercent(s, s.length() - 2);
            }
        }
        return false;
    }

    private static boolean escapedPercent(String s, int percentIndex) {
        int n = 0;
        for (int i = percentIndex - 1; i >= 0 && s.charAt(i) == '%'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /**
     * Expands a macro string.
     *
     * @param values null to check syntax only
     */
    public static String expand(String s, boolean exp, Values values) throws SpfSyntaxException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                if (!exp && (c < 0x21 || c > 0x7e)) {
                    throw new SpfSyntaxException("'" + s + "' contains a character not allowed here");
                }
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new SpfSyntaxException("'" + s + "' ends with a lone '%' (write %% for a percent sign)");
            }
            char n = s.charAt(i + 1);
            switch (n) {
                case '%' -> {
                    out.append('%');
                    i += 2;
                    continue;
                }
                case '_' -> {
                    out.append(' ');
                    i += 2;
                    continue;
                }
                case '-' -> {
                    out.append("%20");
                    i += 2;
                    continue;
                }
                case '{' -> {
                    // handled below
                }
                default -> throw new SpfSyntaxException("'" + s + "': '%" + n
                        + "' is not a macro (use %{x}, %%, %_ or %-)");
            }
            int close = s.indexOf('}', i + 2);
            if (close < 0) {
                throw new SpfSyntaxException("'" + s + "': a macro '%{' is never closed");
            }
            String body = s.substring(i + 2, close);
            out.append(expandOne(body, s, exp, values));
            i = close + 1;
        }
        return out.toString();
    }

    private static String expandOne(String body, String whole, boolean exp, Values values) throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException("'" + whole + "': empty macro %{}");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        boolean known = "slodiphv".indexOf(lower) >= 0 || (exp && "crt".indexOf(lower) >= 0);
        if (!known) {
            throw new SpfSyntaxException("'" + whole + "': %{" + letter + "} is not a macro letter"
                    + ("crt".indexOf(lower) >= 0 ? " outside an explanation (exp= text)" : ""));
        }
        int j = 1;
        int digitsStart = j;
        while (j < body.length() && Character.isDigit(body.charAt(j))) {
            j++;
        }
        int keep = -1;
        if (j > digitsStart) {
            String d = body.substring(digitsStart, j);
            if (d.length() > 3) {
                throw new SpfSyntaxException("'" + whole + "': too many parts in %{" + body + "}");
            }
            keep = Integer.parseInt(d);
            if (keep == 0) {
                throw new SpfSyntaxException("'" + whole + "': %{" + body + "} asks for zero parts");
            }
        }
        boolean reverse = false;
        if (j < body.length() && (body.charAt(j) == 'r' || body.charAt(j) == 'R')) {
            reverse = true;
            j++;
        }
        String delims = body.substring(j);
        for (char dc : delims.toCharArray()) {
            if (DELIMITERS.indexOf(dc) < 0) {
                throw new SpfSyntaxException("'" + whole + "': '" + dc + "' is not a macro delimiter in %{" + body + "}");
            }
        }
        if (values == null) {
            return "";
        }
        String value = values.value(lower);
        String dl = delims.isEmpty() ? "." : delims;
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if (dl.indexOf(ch) >= 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep > 0 && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        String joined = String.join(".", parts);
        return Character.isUpperCase(letter) ? urlEscape(joined) : joined;
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    static String urlEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }
}
