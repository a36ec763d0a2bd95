package org.mailmedic.engine.probe.smtp;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every line of one SMTP conversation, in order and timestamped, as posttls-finger would print it:
 * {@code S:} what the server sent (raw, control bytes escaped), {@code C:} what we sent, and
 * {@code *} our own notes (connects, TLS handshakes, timeouts). Thread-confined to one session.
 */
public final class Transcript {

    /** Who produced a line. */
    public enum Direction {
        SERVER("S"), CLIENT("C"), NOTE("*");

        private final String mark;

        Direction(String mark) {
            this.mark = mark;
        }

        @JsonValue
        public String mark() {
            return mark;
        }
    }

    /**
     * @param at        wall-clock time of the line
     * @param millis    milliseconds since the session started
     * @param direction S, C or *
     * @param text      the line without CRLF; control bytes and invalid UTF-8 appear escaped (see printable)
     */
    public record Line(Instant at, long millis, Direction direction, String text) {
        @Override
        public String toString() {
            return String.format("%6d ms %s: %s", millis, direction.mark(), text);
        }
    }

    private final Clock clock;
    private final long startNanos = System.nanoTime();
    private final List<Line> lines = new ArrayList<>();

    public Transcript(Clock clock) {
        this.clock = clock;
    }

    public void server(byte[] raw, int len) {
        add(Direction.SERVER, printable(raw, len));
    }

    public void client(String line) {
        add(Direction.CLIENT, line);
    }

    /** Adds one of our own remarks. */
    public void note(String text) {
        add(Direction.NOTE, text);
    }

    private synchronized void add(Direction d, String text) {
        lines.add(new Line(clock.instant(), (System.nanoTime() - startNanos) / 1_000_000, d, text));
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The transcript as plain text, one line per entry. */
    public synchronized String text() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    /**
     * Bytes as text that is safe to show: valid UTF-8 (RFC 6531 servers may send it) is decoded,
     * with control and bidirectional-override characters escaped as <code>&#92;u{XXXX}</code>; anything
     * else is shown byte by byte, printable ASCII kept and the rest as {@code \xNN}.
     */
    static String printable(byte[] raw, int len) {
        boolean ascii = true;
        for (int i = 0; i < len && ascii; i++) {
            ascii = raw[i] >= 0;
        }
        if (!ascii) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(raw, 0, len)).toString();
                StringBuilder b = new StringBuilder(text.length());
                text.codePoints().forEach(cp -> {
                    boolean control = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e)
                            || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f;
                    if (control) {
                        b.append(String.format("\\u{%04X}", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                });
                return b.toString();
            } catch (java.nio.charset.CharacterCodingException notUtf8) {
                // fall through to byte escapes
            }
        }
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = raw[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else if (c == '\t') {
                b.append("\\t");
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        return b.toString();
    }

    static String printable(String s) {
        byte[] raw = s.getBytes(StandardCharsets.ISO_8859_1);
        return printable(raw, raw.length);
    }
}
