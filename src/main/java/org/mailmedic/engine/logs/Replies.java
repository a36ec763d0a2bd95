package org.mailmedic.engine.logs;

import java.util.List;
import java.util.Locale;

/**
 * Reads meaning into reply texts: rate/limit wording (throttling), TLS failures, and SPF / DMARC
 * / blocklist rejections. Phrase lists, not regular expressions; each phrase is lower case and
 * matched against the lower-cased reply.
 */
final class Replies {

    /** A normalised reply stops after this many characters (its last token, under 20, may end later). */
    private static final int NORMALISED_MAX = 160;

    private Replies() {
    }

    // e.g. "421 Too many messages (4.7.0) from 203.0.113.5" (consumer ISPs),
    // "421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume" (Yahoo),
    // "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages" (Gmail),
    // "452 4.7.28 ... unusual rate of unsolicited mail" (Gmail)
    private static final List<String> RATE = List.of(
            "too many messages", "too many mails", "too many emails", "too many e-mails", "too many connections",
            "too many concurrent", "too many recipients this", "too much mail", "rate limit", "ratelimit",
            "rate-limit", "rate exceeded", "sending rate", "a rate that", "unusual rate", "high rate", "rate of ",
            "throttl", "[tss0", "[ts0", "4.7.28", "limit exceeded", "daily limit", "hourly limit", "message limit",
            "sending limit", "slow down", "maximum number of messages", "exceeded the number of");
    // Wording that looks like a limit but is about the mailbox or the message, not the sender's rate.
    private static final List<String> NOT_RATE = List.of("mailbox", "quota", "message size", "size limit", "too big",
            "too large", "disk");

    private static final List<String> TLS = List.of("tls", "starttls", "ssl", "handshake", "certificate");
    private static final List<String> TLS_FAILURE = List.of("tls negotiation failed", "cannot start tls",
            "tls is required", "starttls", "handshake", "ssl_connect", "ssl_accept", "tls library problem",
            "no shared cipher", "certificate verif", "tls error", "tls failed", "tls handshake",
            "certificate not verified", "certificate not trusted", "cannot verify server");

    private static final List<String> BLOCKLIST = List.of("blocked using", "blacklist", "blocklist", "block list",
            "black list", "dnsbl", " rbl", "rbl ", "spamhaus", "spamcop", "barracuda", "sorbs", "listed at",
            "listed on", "listed in", "on our block", "poor reputation", "bad reputation", "ip reputation",
            "reputation of", "s3150", "5.7.606", "5.7.511", "ip5000");

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** True when a temporary failure's text speaks of the sender's rate or a sending limit. */
    static boolean isRateLimit(String lower) {
        boolean strong = lower.contains("[tss0") || lower.contains("[ts0") || lower.contains("4.7.28");
        if (strong) {
            return true;
        }
        if (!containsAny(lower, RATE)) {
            return false;
        }
        return !containsAny(lower, NOT_RATE);
    }

    /** True when a failure's text is about TLS negotiation. */
    static boolean isTlsFailure(String lower) {
        return containsAny(lower, TLS) && containsAny(lower, TLS_FAILURE);
    }

    /** "spf", "dmarc", "blocklist" or null. */
    static String policyKind(String lower) {
        if (lower.contains("dmarc")) {
            return "dmarc";
        }
        if (lower.contains("spf") || lower.contains("sender policy framework")) {
            return "spf";
        }
        if (containsAny(lower, BLOCKLIST)) {
            return "blocklist";
        }
        return null;
    }

    /**
     * "5.7.23" (optionally followed by punctuation): an enhanced status code, kept as it is. Scanned
     * by hand: this runs for every token of four digits or more (IP addresses too) of every failure.
     */
    static boolean enhancedStatus(char[] t, int i, int j) {
        while (j > i && !isDigit(t[j - 1])) {
            j--;
        }
        if (j - i > 9 || j - i < 5) {
            return false;
        }
        char c = t[i];
        if ((c != '2' && c != '4' && c != '5') || t[i + 1] != '.') {
            return false;
        }
        int k = i + 2;
        int d = 0;
        while (k < j && isDigit(t[k]) && d < 4) {
            k++;
            d++;
        }
        if (d < 1 || d > 3 || k >= j || t[k] != '.') {
            return false;
        }
        k++;
        d = 0;
        while (k < j && isDigit(t[k])) {
            k++;
            d++;
        }
        return k == j && d >= 1 && d <= 3;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * What a failure reply means, worked out once per distinct text: most logs repeat the same few
     * refusals thousands of times (a throttling ISP answers every attempt with the same words).
     *
     * @param normalised {@link #normalise(String)} of the text
     * @param rate       {@link #isRateLimit(String)}
     * @param tls        {@link #isTlsFailure(String)}
     * @param policy     {@link #policyKind(String)}
     */
    record Meaning(String normalised, boolean rate, boolean tls, String policy) {

        static Meaning of(String text) {
            String lower = lower(text);
            return new Meaning(normalise(text), isRateLimit(lower), isTlsFailure(lower), policyKind(lower));
        }
    }

    /**
     * A bounded cache of {@link Meaning}s by reply text with its addresses masked (one per
     * aggregation: not thread-safe). Many refusals name the recipient ("&lt;u123@gmx.de&gt;: Recipient
     * address rejected: Greylisted"), so keyed by the whole text nearly every lookup missed and the
     * phrase lists were scanned again for each deferral. An address is not wording: the meaning is
     * read from the masked text, whose normalised form is the same as the text's.
     */
    static final class Meanings {
        private static final int CAP = 16_384;
        private final java.util.HashMap<String, Meaning> cache = new java.util.HashMap<>();

        Meaning of(String text) {
            String key = withoutAddresses(text);
            Meaning m = cache.get(key);
            if (m == null) {
                if (cache.size() >= CAP) {
                    cache.clear(); // texts that never repeat (ids inside): start again rather than grow
                }
                m = Meaning.of(key);
                cache.put(key, m);
            }
            return m;
        }
    }

    /** The text with every space-separated token that holds an '@' replaced by "…" (as {@link #normalise} does). */
    static String withoutAddresses(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (at >= 0) {
            int start = text.lastIndexOf(' ', at) + 1;
            int end = text.indexOf(' ', at);
            if (end < 0) {
                end = n;
            }
            sb.append(text, i, start).append('…');
            i = end;
            at = text.indexOf('@', end);
        }
        return sb.append(text, i, n).toString();
    }

    static boolean containsAny(String s, List<String> needles) {
        for (String n : needles) {
            if (s.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A reply with its volatile parts masked so that the same refusal counts once: addresses,
     * IP addresses, numbers of four digits or more and long tokens (transaction ids) become "…",
     * the MTA's "host X said:" prefix and "(in reply to … command)" suffix go.
     */
    static String normalise(String text) {
        String t = text;
        int said = t.indexOf(" said: ");
        if (said >= 0 && said < 200) {
            t = t.substring(said + 7);
        }
        int inReply = t.lastIndexOf(" (in reply to ");
        if (inReply > 0) {
            t = t.substring(0, inReply);
        }
        // A char[] rather than a StringBuilder: appending the '…' mask switched the builder from
        // Latin-1 to UTF-16 half way, and that flip made the JIT throw this method's code away
        // and compile it again, seven times in one analysis of a big log. The text is read from a
        // char[] as well: over String.charAt the JIT's loop predicates kept failing, and C2
        // compiled this method five times in a first run (0.9 s of CPU).
        char[] in = t.toCharArray();
        char[] out = new char[NORMALISED_MAX + 20]; // a token under 20 characters may pass the limit
        int o = 0;
        int i = 0;
        int n = in.length;
        while (i < n && o < NORMALISED_MAX) {
            char c = in[i];
            if (c == ' ') {
                if (o > 0 && out[o - 1] != ' ') {
                    out[o++] = ' ';
                }
                i++;
                continue;
            }
            int j = i;
            int digits = 0;
            boolean at = false;
            while (j < n && in[j] != ' ') {
                char d = in[j];
                if (d >= '0' && d <= '9') {
                    digits++;
                }
                if (d == '@') {
                    at = true;
                }
                j++;
            }
            int len = j - i;
            if (at || (digits >= 4 && !enhancedStatus(in, i, j)) || len >= 20) {
                out[o++] = '…';
            } else {
                System.arraycopy(in, i, out, o, len);
                o += len;
            }
            i = j;
        }
        int from = 0;
        while (from < o && out[from] <= ' ') { // as String.trim()
            from++;
        }
        while (o > from && out[o - 1] <= ' ') {
            o--;
        }
        return new String(out, from, o - from);
    }
}
