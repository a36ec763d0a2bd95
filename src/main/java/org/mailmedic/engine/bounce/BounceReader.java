package org.mailmedic.engine.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mailmedic.engine.evidence.Bounce;
import org.mailmedic.engine.evidence.BounceKind;

/**
 * The entry point for bounce evidence: reads a file the user handed in (.eml, mbox, Outlook .msg,
 * or text pasted from a mail client) and decodes every message in it. Never throws and never
 * writes to the file; reading is bounded ({@link #MAX_FILE_BYTES} per file,
 * {@link #MAX_MESSAGE_CHARS} per message, plus the MIME limits of {@link MimeReader}) so a huge
 * or hostile file costs bounded time and memory.
 */
public final class BounceReader {

    /** Bytes read from one file; bounce information sits at the start of each message. */
    public static final int MAX_FILE_BYTES = 32 * 1024 * 1024;
    /** Characters of one message handed to the decoder. */
    public static final int MAX_MESSAGE_CHARS = 2 * 1024 * 1024;
    /** Messages read from one mbox. */
    public static final int MAX_MESSAGES = 10_000;

    /** Reads and decodes {@code file}. Never throws. */
    public BounceFileResult read(Path file) {
        byte[] bytes;
        boolean cut;
        try {
            if (Files.isDirectory(file)) {
                return fail(file, "is a folder, not a file — drop the files inside it instead");
            }
            long size = Files.size(file);
            if (size == 0) {
                return fail(file, "not an email: the file is empty (0 bytes)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES);
            }
            cut = size > bytes.length;
        } catch (NoSuchFileException e) {
            return fail(file, "does not exist (was it moved or deleted?)");
        } catch (AccessDeniedException e) {
            return fail(file, "cannot be read: permission denied");
        } catch (IOException e) {
            return fail(file, "cannot be read: " + e.getMessage());
        }
        return decode(file, bytes, cut);
    }

    /** Decodes bytes already in memory ({@code file} only names them). Never throws. */
    public BounceFileResult decode(Path file, byte[] bytes, boolean cut) {
        try {
            String text;
            if (isOle(bytes)) {
                try {
                    text = OutlookMsg.toRfc822(bytes);
                } catch (IOException e) {
                    return fail(file, "not an email: looks like an Outlook .msg file but cannot be read ("
                            + e.getMessage() + ")");
                }
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
            if (looksBinary(bytes)) {
                return fail(file, "not an email: the file holds binary data, not text");
            }
            text = MimeReader.latin1Lines(bytes);
            if (text.isBlank()) {
                return fail(file, "not an email: the file holds only blank lines");
            }
            List<String> parts = splitMbox(text);
            boolean more = parts.size() > MAX_MESSAGES; // splitMbox stops one past the cap
            if (more) {
                parts = parts.subList(0, MAX_MESSAGES);
            }
            List<Bounce> messages = new ArrayList<>(parts.size());
            String fileNote = more ? String.format("the file holds more than %,d messages; only the first %,d were read",
                    MAX_MESSAGES, MAX_MESSAGES)
                    : cut ? "the file is very large; only its first " + (MAX_FILE_BYTES >> 20) + " MB were read" : "";
            for (int i = 0; i < parts.size(); i++) {
                String msg = parts.get(i);
                String note = fileNote;
                if (msg.length() > MAX_MESSAGE_CHARS) {
                    msg = msg.substring(0, MAX_MESSAGE_CHARS);
                    note = "the message is very large; only its first " + (MAX_MESSAGE_CHARS >> 20) + " MB were read";
                }
                messages.add(decodeOne(msg, i + 1, note));
            }
            boolean any = messages.stream().anyMatch(b -> b.kind() != BounceKind.NOT_A_BOUNCE);
            if (any) {
                return new BounceFileResult(file, messages, null);
            }
            boolean headers = messages.stream().anyMatch(b -> !b.from().isEmpty() || !b.subject().isEmpty()
                    || !b.date().isEmpty());
            return new BounceFileResult(file, messages, headers
                    ? "an email, but no bounce information found"
                    : "not an email: no mail headers and no delivery error found in the text");
        } catch (RuntimeException | StackOverflowError e) {
            // a defect in a recognizer must not cost the user the other files
            return fail(file, "could not be read as a bounce (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + ") — please report this file");
        }
    }

    private static Bounce decodeOne(String msg, int index, String note) {
        return BounceDecoder.decode(msg, index, note);
    }

    /**
     * Splits an mbox at "From " separator lines, at most {@link #MAX_MESSAGES} + 1 messages (one
     * more than is read, so the caller can tell the user there were more); a single message is
     * returned as is.
     */
    static List<String> splitMbox(String text) {
        List<String> out = new ArrayList<>();
        if (!text.startsWith("From ")) {
            out.add(text);
            return out;
        }
        int start = text.indexOf('\n') + 1;
        if (start <= 0) {
            out.add("");
            return out;
        }
        int pos = start;
        while (out.size() <= MAX_MESSAGES) {
            int next = text.indexOf("\nFrom ", pos - 1);
            while (next >= 0 && !isSeparator(text, next + 1)) {
                next = text.indexOf("\nFrom ", next + 1);
            }
            if (next < 0) {
                out.add(text.substring(start));
                break;
            }
            out.add(text.substring(start, next + 1));
            int nl = text.indexOf('\n', next + 1);
            if (nl < 0) {
                break;
            }
            start = nl + 1;
            pos = start;
        }
        return out;
    }

    /** The full mbox separator form: "From sender  Thu Jul  2 12:05:05 2020" (asctime date). */
    private static final java.util.regex.Pattern ASCTIME_FROM = java.util.regex.Pattern.compile(
            "From \\S{1,320} {1,2}(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\n");

    /**
     * A "From " line is a separator when followed by headers and either preceded by a blank line or
     * in the full asctime form (some mailers append the next message right after a MIME close line).
     */
    private static boolean isSeparator(String text, int at) {
        boolean blankBefore = at >= 2 && text.charAt(at - 2) == '\n'
                || ASCTIME_FROM.matcher(text).region(at, Math.min(text.length(), at + 400)).lookingAt();
        int nl = text.indexOf('\n', at);
        if (nl < 0) {
            return false;
        }
        int nl2 = text.indexOf('\n', nl + 1);
        String next = text.substring(nl + 1, nl2 < 0 ? text.length() : nl2);
        int colon = next.indexOf(':');
        return blankBefore && colon > 0 && next.indexOf(' ') > colon - 1 && !next.startsWith(" ");
    }

    private static boolean isOle(byte[] b) {
        return b.length >= 8 && (b[0] & 0xff) == 0xd0 && (b[1] & 0xff) == 0xcf && (b[2] & 0xff) == 0x11
                && (b[3] & 0xff) == 0xe0;
    }

    /**
     * More than a few NUL bytes or over 5 % control characters in the first 8 KB. (A stray NUL or
     * two occurs in real bounces that copied a broken original; text with them is still read.)
     */
    static boolean looksBinary(byte[] head) {
        int n = Math.min(head.length, 8192);
        int control = 0;
        int nul = 0;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0 && ++nul > 4) {
                return true;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x0c && b != 0x1b) {
                control++;
            }
        }
        return control * 20 > n;
    }

    private static BounceFileResult fail(Path file, String problem) {
        return new BounceFileResult(file, List.of(), problem);
    }
}
