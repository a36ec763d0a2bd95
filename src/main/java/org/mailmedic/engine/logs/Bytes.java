package org.mailmedic.engine.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Scanning helpers over byte ranges: the parsers' hot path works on the raw bytes of a line and
 * decodes to {@link String} only what it keeps. No regular expressions here.
 */
final class Bytes {

    private Bytes() {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** {@link #KIND} bit: an ASCII letter or digit (the characters of a queue id). */
    static final byte ALNUM = 1;
    /** {@link #KIND} bit: a byte that ends a syslog program name ('[', ':' or a space). */
    static final byte PROGRAM_END = 2;
    /**
     * Character classes by unsigned byte value. A table lookup decides in one load where a chain of
     * range compares mispredicts on random text such as hexadecimal queue ids (JFR: 12% of the
     * parser's CPU went to the compares of {@code PostfixParser.queueIdEnd}).
     */
    static final byte[] KIND = new byte[256];

    static {
        for (int c = 0; c < 128; c++) {
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                KIND[c] |= ALNUM;
            }
        }
        KIND['['] |= PROGRAM_END;
        KIND[':'] |= PROGRAM_END;
        KIND[' '] |= PROGRAM_END;
    }

    static boolean is(byte c, byte kind) {
        return (KIND[c & 0xFF] & kind) != 0;
    }

    /** The eight bytes at {@code at} as one (little-endian) long; {@code at + 8} must not pass the array's end. */
    static long longAt(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    /**
     * First index of {@code c} in {@code b[from, to)}, or -1. Eight bytes at a time (the classic
     * "has zero byte" bit trick on a little-endian long), since finding line ends and field
     * separators is most of the parser's work.
     */
    static int indexOf(byte[] b, int from, int to, byte c) {
        long pattern = (c & 0xFFL) * ONES;
        int i = from;
        for (int last = to - 8; i <= last; i += 8) {
            long t = zeros((long) LONGS.get(b, i) ^ pattern);
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * First index of {@code pat} in {@code b[from, to)}, or -1. Eight candidate positions at a time:
     * a position stays a candidate when the pattern's first three bytes are there (three "has zero
     * byte" masks of unaligned longs, ANDed), and only candidates are compared in full. The patterns
     * searched for start with a comma or a space, which come every few bytes, so testing the first
     * byte alone would stop at most of them.
     */
    static int indexOf(byte[] b, int from, int to, byte[] pat) {
        int n = pat.length;
        if (n == 0) {
            return from;
        }
        int last = to - n;
        int i = from;
        if (n >= 3) {
            long p0 = (pat[0] & 0xFFL) * ONES;
            long p1 = (pat[1] & 0xFFL) * ONES;
            long p2 = (pat[2] & 0xFFL) * ONES;
            for (int lastWord = to - 10; i <= lastWord; i += 8) {
                long m = zeros((long) LONGS.get(b, i) ^ p0) & zeros((long) LONGS.get(b, i + 1) ^ p1)
                        & zeros((long) LONGS.get(b, i + 2) ^ p2);
                while (m != 0) {
                    int k = i + (Long.numberOfTrailingZeros(m) >>> 3);
                    if (k > last) {
                        return -1;
                    }
                    if (matchesAt(b, k, pat)) {
                        return k;
                    }
                    m &= m - 1;
                }
            }
        }
        byte first = pat[0];
        for (; i <= last; i++) {
            if (b[i] == first && matchesAt(b, i, pat)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The high bit of each byte of {@code w} that may be zero: every zero byte has it; a byte above
     * a zero one may have it too (a borrow), so a set bit is a candidate, never a miss.
     */
    private static long zeros(long w) {
        return (w - ONES) & ~w & HIGHS;
    }

    private static boolean matchesAt(byte[] b, int at, byte[] pat) {
        for (int k = 0; k < pat.length; k++) {
            if (b[at + k] != pat[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The decimal number of at most 18 digits at {@code at} (before {@code to}), or -1 when there is
     * no digit there.
     */
    static long number(byte[] b, int at, int to) {
        int end = Math.min(to, at + 18);
        long v = 0;
        int i = at;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        return i == at ? -1 : v;
    }

    static boolean startsWith(byte[] b, int at, int to, byte[] pat) {
        int n = pat.length;
        if (at < 0 || to - at < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[at + k] != pat[k]) {
                return false;
            }
        }
        return true;
    }

    /** ASCII case-insensitive search; {@code lowerPat} must be lower case. */
    static int indexOfIgnoreCase(byte[] b, int from, int to, byte[] lowerPat) {
        int n = lowerPat.length;
        int last = to - n;
        outer:
        for (int i = from; i <= last; i++) {
            for (int k = 0; k < n; k++) {
                int c = b[i + k];
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != lowerPat[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Parses {@code n} ASCII digits at {@code at}; -1 when any is not a digit. */
    static int digits(byte[] b, int at, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int c = b[at + i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /**
     * Decodes bytes as text: UTF-8 when valid, otherwise ISO-8859-1 (old logs written in a
     * Latin-1 locale), so that no byte is lost or turned into an exception.
     */
    static String text(byte[] b, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(ByteBuffer.wrap(b, from, to - from));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    /** Lower-case ASCII text of a range (addresses, domains, queue ids). */
    static String lowerAscii(byte[] b, int from, int to) {
        boolean needs = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if ((c >= 'A' && c <= 'Z') || c < 0) {
                needs = true;
                break;
            }
        }
        if (!needs) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        return text(b, from, to).toLowerCase(java.util.Locale.ROOT);
    }

    /** A line quoted as evidence: control characters shown as '?', cut to a sensible length. */
    static String evidenceText(byte[] b, int from, int to) {
        int max = LogAnalysis.LogLine.MAX_TEXT;
        boolean plain = true;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < 0x20 || c == 0x7f) { // also every non-ASCII byte (negative)
                plain = false;
                break;
            }
        }
        if (plain) { // one character per byte: cut by length alone (a deferral's line is often longer)
            return to - from <= max ? new String(b, from, to - from, StandardCharsets.ISO_8859_1)
                    : new String(b, from, max - 1, StandardCharsets.ISO_8859_1) + "…";
        }
        boolean cut = false;
        if (to - from > max * 4) {
            to = from + max * 4;
        }
        String s = text(b, from, to);
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, '?');
            }
        }
        if (sb != null) {
            s = sb.toString();
        }
        if (s.length() > max) {
            s = s.substring(0, max - 1);
            cut = true;
        }
        return cut ? s + "…" : s;
    }
}
