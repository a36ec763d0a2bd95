package org.mailmedic.engine.logs;

/**
 * Values by the domain part of an address, found without cutting the domain out as a String and
 * hashing it. A busy log names one of a few thousand domains on every delivery line; in a
 * {@code HashMap<String, V>} each lookup reads a table slot, a node, the key String and its bytes,
 * scattered over memory that the stream of new lines keeps evicting from the cache (JFR put a
 * sixth of the aggregating thread's samples on that lookup for a 1 GB log). Here a slot keeps the
 * domain's first sixteen characters as two longs beside its length, so one cache line answers
 * for the domains most mail goes to.
 *
 * <p>Only domains of Latin-1 characters are indexed ({@link #get} returns null for the others;
 * the caller keeps its map for them). Not thread-safe.
 */
final class DomainIndex<V> {

    private static final int STRIDE = 3; // first 8 chars, next 8 chars, length
    private long[] keys = new long[STRIDE * 256];
    private Object[] values = new Object[256];
    private String[] domains = new String[256];
    private int size;

    /**
     * The value of the domain {@code s[from, s.length())}, or null when it was never put (or is
     * not Latin-1).
     */
    @SuppressWarnings("unchecked")
    V get(String s, int from) {
        int len = s.length() - from;
        long a = 0;
        long b = 0;
        int n = Math.min(len, 16);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(from + i);
            if (c > 0xFF) {
                return null;
            }
            if (i < 8) {
                a |= (long) c << (i << 3);
            } else {
                b |= (long) c << ((i - 8) << 3);
            }
        }
        int mask = values.length - 1;
        int slot = hash(a, b, len) & mask;
        long[] k = keys;
        while (true) {
            int at = slot * STRIDE;
            long l = k[at + 2];
            if (l == 0) {
                return null;
            }
            if (l == len && k[at] == a && k[at + 1] == b
                    && (len <= 16 || s.regionMatches(from + 16, domains[slot], 16, len - 16))) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Remembers {@code value} for {@code domain} (ignored unless the domain is Latin-1 and not empty). */
    void put(String domain, V value) {
        int len = domain.length();
        if (len == 0) {
            return;
        }
        long a = 0;
        long b = 0;
        for (int i = 0; i < Math.min(len, 16); i++) {
            char c = domain.charAt(i);
            if (c > 0xFF) {
                return;
            }
            if (i < 8) {
                a |= (long) c << (i << 3);
            } else {
                b |= (long) c << ((i - 8) << 3);
            }
        }
        if ((size + 1) * 2 > values.length) {
            grow();
        }
        int mask = values.length - 1;
        int slot = hash(a, b, len) & mask;
        while (keys[slot * STRIDE + 2] != 0) {
            if (domains[slot].equals(domain)) {
                values[slot] = value;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot * STRIDE] = a;
        keys[slot * STRIDE + 1] = b;
        keys[slot * STRIDE + 2] = len;
        values[slot] = value;
        domains[slot] = domain;
        size++;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        String[] oldDomains = domains;
        int cap = oldValues.length * 2;
        keys = new long[STRIDE * cap];
        values = new Object[cap];
        domains = new String[cap];
        int mask = cap - 1;
        for (int i = 0; i < oldValues.length; i++) {
            long len = oldKeys[i * STRIDE + 2];
            if (len == 0) {
                continue;
            }
            long a = oldKeys[i * STRIDE];
            long b = oldKeys[i * STRIDE + 1];
            int slot = hash(a, b, (int) len) & mask;
            while (keys[slot * STRIDE + 2] != 0) {
                slot = (slot + 1) & mask;
            }
            keys[slot * STRIDE] = a;
            keys[slot * STRIDE + 1] = b;
            keys[slot * STRIDE + 2] = len;
            values[slot] = oldValues[i];
            domains[slot] = oldDomains[i];
        }
    }

    private static int hash(long a, long b, int len) {
        long h = (a * 0x9E3779B97F4A7C15L) ^ Long.rotateLeft(b * 0xC2B2AE3D27D4EB4FL, 31) ^ len;
        return (int) (h ^ (h >>> 29) ^ (h >>> 43));
    }
}
