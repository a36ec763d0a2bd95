package org.mailmedic.engine.bounce;

/**
 * HTML to readable text without a parser or regular expressions (linear time, no network):
 * tags are dropped, block tags become line breaks, script/style bodies vanish, common entities
 * are decoded. Enough for Exchange's HTML-only non-delivery reports.
 */
public final class Html {

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" {2,}");

    private Html() {
    }

    public static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    break;
                }
                String tag = tagName(html, i + 1, end);
                if (tag.equals("script") || tag.equals("style") || tag.equals("head")) {
                    int close = html.toLowerCase(java.util.Locale.ROOT).indexOf("</" + tag, end);
                    i = close < 0 ? n : html.indexOf('>', close) + 1;
                    if (i <= 0) {
                        i = n;
                    }
                    continue;
                }
                if (html.startsWith("<!--", i)) {
                    int close = html.indexOf("-->", i + 4);
                    i = close < 0 ? n : close + 3;
                    continue;
                }
                switch (tag) {
                    case "br", "p", "/p", "div", "/div", "tr", "/tr", "li", "h1", "h2", "h3", "h4", "/h1", "/h2",
                            "/h3", "/h4", "table", "/table", "pre", "/pre", "blockquote", "hr" -> out.append('\n');
                    case "td", "th" -> out.append(' ');
                    default -> {
                    }
                }
                i = end + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                if (semi > i && semi - i <= 8) {
                    String ent = html.substring(i + 1, semi);
                    String rep = entity(ent);
                    if (rep != null) {
                        out.append(rep);
                        i = semi + 1;
                        continue;
                    }
                }
                out.append(c);
                i++;
            } else if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return collapse(out);
    }

    private static String tagName(String s, int from, int end) {
        int i = from;
        while (i < end && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '/' || s.charAt(i) == '!')) {
            i++;
        }
        return s.substring(from, i).toLowerCase(java.util.Locale.ROOT);
    }

    private static String entity(String e) {
        switch (e) {
            case "nbsp": return " ";
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos", "#39": return "'";
            default:
                if (e.startsWith("#")) {
                    try {
                        int cp = e.startsWith("#x") || e.startsWith("#X") ? Integer.parseInt(e.substring(2), 16)
                                : Integer.parseInt(e.substring(1));
                        return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
                    } catch (NumberFormatException ex) {
                        return null;
                    }
                }
                return null;
        }
    }

    /** Collapses runs of spaces and blank lines. */
    private static String collapse(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        int blank = 0;
        for (String line : s.toString().split("\n", -1)) {
            String t = SPACES.matcher(line.strip()).replaceAll(" ");
            if (t.isEmpty()) {
                if (blank++ == 0 && b.length() > 0) {
                    b.append('\n');
                }
                continue;
            }
            blank = 0;
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
