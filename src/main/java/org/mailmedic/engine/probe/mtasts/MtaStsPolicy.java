package org.mailmedic.engine.probe.mtasts;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed MTA-STS policy file (RFC 8461 §3.2): {@code version: STSv1}, {@code mode},
 * one or more {@code mx} patterns and {@code max_age}. Parsing never throws: what is wrong is
 * listed in {@code problems}.
 *
 * @param version  STSv1 when valid
 * @param mode     enforce, testing or none (null when missing)
 * @param mx       the mx patterns, as written
 * @param maxAge   seconds, -1 when missing or invalid
 * @param problems what makes the policy invalid or questionable, in words
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8461#section-3.2">RFC 8461 §3.2</a>
 */
public record MtaStsPolicy(String version, String mode, List<String> mx, long maxAge, List<String> problems) {

    /** RFC 8461: max_age is at most 31557600 seconds (about one year). */
    public static final long MAX_AGE_LIMIT = 31_557_600L;

    public MtaStsPolicy {
        mx = List.copyOf(mx);
        problems = List.copyOf(problems);
    }

    public static MtaStsPolicy parse(String body) {
        String version = null;
        String mode = null;
        long maxAge = -1;
        List<String> mx = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (String raw : body.split("\r?\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add("line " + n + " is not \"key: value\": \"" + abbreviate(line) + "\"");
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = value;
                case "mode" -> mode = value;
                case "mx" -> mx.add(value);
                case "max_age" -> {
                    if (value.matches("\\d{1,10}")) {
                        maxAge = Long.parseLong(value);
                        if (maxAge > MAX_AGE_LIMIT) {
                            problems.add("max_age " + value + " is above the limit of " + MAX_AGE_LIMIT + " seconds");
                        }
                    } else {
                        problems.add("max_age \"" + abbreviate(value) + "\" is not a number of seconds");
                    }
                }
                default -> { } // RFC 8461: unknown fields are ignored
            }
        }
        if (!"STSv1".equals(version)) {
            problems.add(version == null ? "the \"version: STSv1\" line is missing"
                    : "version is \"" + abbreviate(version) + "\", not STSv1");
        }
        if (mode == null) {
            problems.add("the \"mode\" line is missing");
        } else if (!List.of("enforce", "testing", "none").contains(mode)) {
            problems.add("mode \"" + abbreviate(mode) + "\" is not enforce, testing or none");
        }
        if (maxAge < 0 && problems.stream().noneMatch(p -> p.startsWith("max_age"))) {
            problems.add("the \"max_age\" line is missing");
        }
        if (mx.isEmpty() && !"none".equals(mode)) {
            problems.add("there is no \"mx\" line, so no mail server is allowed");
        }
        return new MtaStsPolicy(version, mode, mx, maxAge, problems);
    }

    /** Usable by a sender: right version, a known mode, a max_age, and mx lines unless mode is none. */
    public boolean valid() {
        return "STSv1".equals(version) && mode != null && List.of("enforce", "testing", "none").contains(mode)
                && maxAge >= 0 && (!mx.isEmpty() || "none".equals(mode));
    }

    /** The first mx pattern that matches {@code host}, or null (RFC 8461 §4.1). */
    public String matchingPattern(String host) {
        for (String p : mx) {
            if (matches(p, host)) {
                return p;
            }
        }
        return null;
    }

    static boolean matches(String pattern, String host) {
        String p = norm(pattern);
        String h = norm(host);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
        }
        return p.equals(h);
    }

    private static String norm(String s) {
        String t = s.strip();
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return IDN.toASCII(t, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return t.toLowerCase(Locale.ROOT);
        }
    }

    /** max_age in words: "7 days", "1 day", "5 minutes". */
    public static String describeAge(long seconds) {
        if (seconds >= 86_400) {
            long d = seconds / 86_400;
            return d + (d == 1 ? " day" : " days");
        }
        if (seconds >= 3600) {
            long h = seconds / 3600;
            return h + (h == 1 ? " hour" : " hours");
        }
        long m = seconds / 60;
        return m >= 1 ? m + (m == 1 ? " minute" : " minutes") : seconds + " seconds";
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
