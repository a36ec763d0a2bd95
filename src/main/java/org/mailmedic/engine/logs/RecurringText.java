package org.mailmedic.engine.logs;

/**
 * Strings for byte ranges that recur line after line (a server's clients, its senders, the relays
 * it delivers to), handed out again instead of being decoded and allocated anew. Text decoding was
 * the largest single source of allocation when reading a big log (JFR allocation samples: a
 * quarter of all bytes allocated), and every young collection it causes also evicts the
 * aggregator's state from the CPU caches.
 *
 * <p>A direct-mapped table: one String per slot, replaced on a collision, so it never grows. Only
 * short ASCII text is kept; anything else is decoded as {@link Bytes#text} would. Not thread-safe.
 */
final class RecurringText {

    private static final int SLOTS = 4096;
    private static final int MAX_LENGTH = 96;
    private final String[] strings = new String[SLOTS];

    /** Equal to {@code Bytes.text(b, s, e)}. */
    String text(byte[] b, int s, int e) {
        int n = e - s;
        if (n > MAX_LENGTH || n <= 0) {
            return Bytes.text(b, s, e);
        }
        int h = n;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c < 0) {
                return Bytes.text(b, s, e); // not ASCII: decoded (UTF-8 or Latin-1), not kept
            }
            h = 31 * h + c;
        }
        int slot = (h ^ (h >>> 12)) & (SLOTS - 1);
        String known = strings[slot];
        if (known != null && same(known, b, s, n)) {
            return known;
        }
        String t = new String(b, s, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        strings[slot] = t;
        return t;
    }

    private static boolean same(String known, byte[] b, int s, int n) {
        if (known.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (known.charAt(i) != b[s + i]) {
                return false;
            }
        }
        return true;
    }
}
