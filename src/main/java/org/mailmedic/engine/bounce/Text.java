package org.mailmedic.engine.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small text helpers shared by the recognizers. Every pattern is precompiled and written without
 * nested quantifiers so that matching stays linear on hostile input.
 */
public final class Text {

    private Text() {
    }

    /** An email address: local part without spaces, a dotted domain (or an address literal). */
    static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-]{1,64}@(?:[A-Za-z0-9\\-]{1,63}\\.){1,10}[A-Za-z0-9\\-]{1,63}"
            + "|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-]{1,64}@\\[[0-9.]{7,15}\\]");
    /** An RFC 3463 enhanced status code not embedded in a longer dotted number. */
    static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d]|\\.\\d)");
    /** An SMTP reply code: three digits, 2xx-5xx, followed by space, '-' or end. */
    static final Pattern REPLY = Pattern.compile("(?<![\\w.\\-:/#=\\[])([2-5][0-5]\\d)(?=[ \\-]|$|\\))");
    /** "host mx.example[192.0.2.1] said:", "host mx.example [192.0.2.1]:", "from mx.example [..]". */
    private static final Pattern REMOTE_HOST = Pattern.compile(
            "(?i)\\b(?:host|by|from|server at|server|to|connect to|at|with|relay)\\s+([a-z0-9][a-z0-9.\\-]{0,200}\\.[a-z]{2,63})\\.?\\s*\\[([0-9a-f.:]{3,45})\\]");
    private static final Pattern HOST_PLAIN = Pattern.compile(
            "(?i)\\b(?:host|remote host|mail server|server|mta|mx)\\s+([a-z0-9][a-z0-9\\-]{0,62}(?:\\.[a-z0-9\\-]{1,63}){1,10})\\b");

    /** Folds runs of whitespace to one space and strips. */
    public static String fold(String s) {
        if (isFolded(s)) {
            return s; // the common case (DSN fields, short lines): no copy
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Whether {@link #fold} would return {@code s} unchanged: single spaces only, none at either end. */
    private static boolean isFolded(String s) {
        int n = s.length();
        boolean prevSpace = true; // a leading space is not folded
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (prevSpace) {
                    return false;
                }
                prevSpace = true;
            } else if (c < ' ' || c >= 0x80 && Character.isWhitespace(c)) {
                return false; // tab, line break, other spaces (control characters too: the slow path decides)
            } else {
                prevSpace = false;
            }
        }
        return n == 0 || !prevSpace;
    }

    /** The first address in {@code s}, lower-cased domain, "" when none. */
    public static String firstAddress(String s) {
        if (s == null || s.indexOf('@') < 0) {
            return "";
        }
        List<String> all = scanAddresses(s, 1);
        return all.isEmpty() ? "" : all.get(0);
    }

    /** All addresses in {@code s}, in order, duplicates removed. */
    public static List<String> addresses(String s) {
        List<String> out = new ArrayList<>();
        if (s == null || s.indexOf('@') < 0) {
            return out;
        }
        for (String a : scanAddresses(s, 200)) {
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean localChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0);
    }

    private static boolean domainChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
    }

    /**
     * Addresses found by expanding around each '@' (linear time; the same shape as {@link #ADDRESS}:
     * a local part of up to 64 characters, a domain with at least one dot, or an address literal).
     */
    static List<String> scanAddresses(String s, int max) {
        List<String> out = new ArrayList<>();
        int at = s.indexOf('@');
        while (at >= 0 && out.size() < max) {
            int l = at;
            if (at > 1 && s.charAt(at - 1) == '"') { // "quoted local part"@domain
                int open = s.lastIndexOf('"', at - 2);
                if (open >= 0 && at - open <= 66 && s.substring(open, at).indexOf('\n') < 0) {
                    l = open;
                }
            }
            if (l == at) {
                while (l > 0 && at - l < 64 && localChar(s.charAt(l - 1))) {
                    l--;
                }
            }
            int r = at + 1;
            if (r < s.length() && s.charAt(r) == '[') {
                int close = s.indexOf(']', r);
                if (close > r && close - r <= 16) {
                    r = close + 1;
                }
            } else {
                while (r < s.length() && r - at < 256 && domainChar(s.charAt(r))) {
                    r++;
                }
            }
            if (l < at && r > at + 1) {
                String a = cleanAddress(s.substring(l, r));
                int dot = a.lastIndexOf('.');
                int a2 = a.lastIndexOf('@');
                if (!a.isEmpty() && (a.endsWith("]") || dot > a2 + 1 && dot < a.length() - 1)) {
                    out.add(a);
                }
            }
            at = s.indexOf('@', Math.max(r, at + 1));
        }
        return out;
    }

    /** Trims dots and quotes a match may carry; lower-cases the domain. */
    static String cleanAddress(String a) {
        int start = 0;
        int end = a.length();
        while (start < end && (a.charAt(start) == '.' || a.charAt(start) == '\'')) {
            start++;
        }
        while (end > start && (a.charAt(end - 1) == '.' || a.charAt(end - 1) == '-')) {
            end--;
        }
        a = a.substring(start, end);
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return "";
        }
        return a.substring(0, at) + "@" + a.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The first enhanced status code in {@code s}, "" when none. */
    public static String status(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        int from = statusCandidate(s, 0);
        if (from < 0) {
            return "";
        }
        Matcher m = STATUS.matcher(s);
        return m.find(from) ? m.group() : "";
    }

    /**
     * Index of the first "[245].d" in {@code s} at or after {@code from}, or -1: every
     * {@link #STATUS} match starts at one, so the regex only runs where one can match (most text
     * has none, and the look-behind makes a full scan costly). {@code find(int)} keeps the
     * look-behind seeing the characters before the start.
     */
    static int statusCandidate(String s, int from) {
        int n = s.length() - 1;
        for (int dot = s.indexOf('.', from + 1); dot >= 0 && dot < n; dot = s.indexOf('.', dot + 1)) {
            char c = s.charAt(dot - 1);
            if ((c == '2' || c == '4' || c == '5') && isDigit(s.charAt(dot + 1))) {
                return dot - 1;
            }
        }
        return -1;
    }

    /** Index of the first "[2-5][0-5]d" in {@code s}, or -1: where a {@link #REPLY} match can start. */
    static int replyCandidate(String s) {
        int n = s.length() - 2;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '2' && c <= '5') {
                char d = s.charAt(i + 1);
                if (d >= '0' && d <= '5' && isDigit(s.charAt(i + 2))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The most telling enhanced status code in {@code s}: the last one that is not a generic
     * X.0.0 (a relay quoting the final server's reply puts the real code last, as in
     * "554 4.4.7 Message expired ... &lt;421 4.4.2 Connection timed out&gt;"); "" when none.
     */
    public static String lastSpecificStatus(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        int from = statusCandidate(s, 0);
        if (from < 0) {
            return "";
        }
        Matcher m = STATUS.matcher(s);
        m.region(from, s.length()).useTransparentBounds(true);
        String best = "";
        while (m.find()) {
            String c = m.group();
            if (!c.endsWith(".0.0") || best.isEmpty()) {
                best = c;
            }
        }
        return best;
    }

    /** The first SMTP reply code in {@code s}, "" when none. */
    public static String reply(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        int from = replyCandidate(s);
        if (from < 0) {
            return "";
        }
        Matcher m = REPLY.matcher(s);
        return m.find(from) ? m.group(1) : "";
    }

    /** The remote host named in a diagnostic ("host mx.b.example[192.0.2.1] said"), "" when none. */
    public static String remoteHost(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        if (s.indexOf('[') >= 0) {
            Matcher m = REMOTE_HOST.matcher(s);
            if (m.find()) {
                return m.group(1).toLowerCase(Locale.ROOT);
            }
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.indexOf("host") < 0 && lower.indexOf("server") < 0 && lower.indexOf("mta") < 0
                && lower.indexOf("mx") < 0) {
            return ""; // none of HOST_PLAIN's keywords: skip the regex scan
        }
        Matcher m = HOST_PLAIN.matcher(s);
        while (m.find()) {
            String h = m.group(1).toLowerCase(Locale.ROOT);
            if (h.chars().anyMatch(Character::isLetter) && !h.endsWith(".")) {
                return h;
            }
        }
        return "";
    }

    /** The SMTP command an error answered, from the usual phrasings; "" when not said. */
    public static String command(String lower) {
        if (lower.contains("rcpt to") || lower.contains("rcpt-to") || lower.contains("[rcpt_to]") || lower.contains("rcpt:")
                || lower.contains("does not like recipient") || lower.contains("after rcpt")) {
            return "RCPT";
        }
        if (lower.contains("mail from") || lower.contains("mail-from") || lower.contains("[mail_from]")
                || lower.contains("sender was rejected")) {
            return "MAIL";
        }
        if (lower.contains("end of data") || lower.contains("after data") || lower.contains("final data")
                || lower.contains("data command") || lower.contains("after i sent the message")
                || lower.contains(">>> data") || lower.contains("[data]")) {
            return "DATA";
        }
        if (lower.contains("ehlo") || lower.contains("helo") || lower.contains("my name was rejected")) {
            return "EHLO";
        }
        if (lower.contains("initial connection") || lower.contains("refused to talk to me")
                || lower.contains("greeting")) {
            return "CONN";
        }
        return "";
    }

    /**
     * The command a session transcript shows refused: the last "&gt;&gt;&gt; CMD" line before the first
     * "&lt;&lt;&lt; 4xx/5xx" reply (Sendmail, V5 Sendmail, EZweb), or Postfix's "(in reply to X command)".
     */
    public static String commandFromTranscript(String section) {
        String lower = section.toLowerCase(Locale.ROOT);
        int reply = -1;
        for (String mk : new String[] {"<<< 5", "<<< 4"}) {
            int i = lower.indexOf(mk);
            if (i >= 0 && (reply < 0 || i < reply)) {
                reply = i;
            }
        }
        if (reply > 0) {
            int cmd = lower.lastIndexOf(">>> ", reply);
            int talk = lower.lastIndexOf("... while talking to ", reply);
            if (talk >= 0 && cmd < talk) {
                return "CONN"; // "... while talking to H.:" then "<<< 554 ...": refused in the greeting
            }
            if (cmd >= 0) {
                String c = lower.substring(cmd + 4, Math.min(lower.length(), cmd + 14));
                if (c.startsWith("rcpt")) {
                    return "RCPT";
                }
                if (c.startsWith("mail")) {
                    return "MAIL";
                }
                if (c.startsWith("data") || c.startsWith(".")) {
                    return "DATA";
                }
                if (c.startsWith("ehlo") || c.startsWith("helo")) {
                    return "EHLO";
                }
            }
        }
        int p = lower.indexOf("(in reply to ");
        if (p >= 0) {
            return command(lower.substring(p, Math.min(lower.length(), p + 40)));
        }
        return "";
    }

    /** Index just past the first occurrence of any marker (case-insensitive on {@code lower}), or -1. */
    static int after(String lower, String... markers) {
        for (String mk : markers) {
            int i = lower.indexOf(mk);
            if (i >= 0) {
                return i + mk.length();
            }
        }
        return -1;
    }

    /** Index of the first occurrence of any marker, or -1. */
    static int first(String lower, String... markers) {
        int best = -1;
        for (String mk : markers) {
            int i = lower.indexOf(mk);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
