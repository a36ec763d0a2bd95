package org.mailmedic.engine.bounce;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits one RFC 5322 message into the parts a bounce decoder needs, with hard limits (nesting
 * depth, number of parts, characters kept) so that a hostile or huge message costs bounded time
 * and memory. MIME details (Content-Type parameters, transfer encodings, encoded words, charset
 * names) are handled by jakarta.mail ({@link ContentType}, {@link MimeUtility}); the structure walk
 * is lenient: a missing or wrong boundary leaves the body as plain text, an unknown charset falls
 * back to UTF-8 or Latin-1, a truncated message keeps what was there.
 */
final class MimeReader {

    static final int MAX_DEPTH = 8;
    static final int MAX_PARTS = 64;
    /** Readable text kept per message; bounce information is always near the start. */
    static final int MAX_TEXT = 512 * 1024;

    private final StringBuilder body = new StringBuilder();
    private final StringBuilder dsn = new StringBuilder();
    private final StringBuilder feedback = new StringBuilder();
    private String original = "";
    private String attached = "";
    private String reportType = "";
    private int parts;
    private boolean truncated;

    private MimeReader() {
    }

    /** Reads {@code text}: the message with LF line ends, each char one byte (ISO-8859-1). */
    static MailText read(String text) {
        MimeReader r = new MimeReader();
        int split = headerEnd(text);
        String head = split < 0 ? "" : text.substring(0, split);
        Headers headers = Headers.parse(head);
        if (headers.size() < 2 && split >= 0 && !looksLikeHeaders(head)) {
            headers = Headers.parse("");
            split = -1;
        }
        String bodyRaw = split < 0 ? text : text.substring(Math.min(text.length(), split + 2));
        if (headers.isEmpty()) {
            r.appendText(bodyRaw);
        } else {
            r.walk(headers, bodyRaw, 0, "");
        }
        MailText m = new MailText(headers, r.body.toString(), r.dsn.toString(), r.feedback.toString(), r.original,
                r.reportType, r.truncated);
        m.attached = r.attached;
        return m;
    }

    /** Index of the blank line ending the header block ("\n\n"), or -1 when none. */
    static int headerEnd(String text) {
        if (text.startsWith("\n")) {
            return -1;
        }
        return text.indexOf("\n\n");
    }

    private static boolean looksLikeHeaders(String head) {
        int nl = head.indexOf('\n');
        String first = nl < 0 ? head : head.substring(0, nl);
        int colon = first.indexOf(':');
        return colon > 0 && first.indexOf(' ') > colon;
    }

    private void walk(Headers h, String raw, int depth, String parentType) {
        if (++parts > MAX_PARTS || depth > MAX_DEPTH) {
            truncated = true;
            return;
        }
        ContentType ct = contentType(h.get("Content-Type"), parentType);
        if (depth == 0 && !h.has("Content-Type") && raw.contains("\n--")
                && raw.toLowerCase(Locale.ROOT).contains("content-type: message/delivery-status")) {
            ct = parse("multipart/report"); // a DSN whose MIME headers were lost in forwarding
        }
        String base = ct.getBaseType().toLowerCase(Locale.ROOT);
        if (base.startsWith("multipart/")) {
            if (base.equals("multipart/report") && reportType.isEmpty()) {
                String rt = ct.getParameter("report-type");
                reportType = rt == null ? "" : rt.toLowerCase(Locale.ROOT);
            }
            String boundary = ct.getParameter("boundary");
            if (boundary == null || raw.indexOf("--" + boundary) < 0) {
                boundary = guessBoundary(raw);
            }
            if (boundary == null) {
                appendText(decodeText(h, ct, raw)); // missing boundary: keep the text readable
                return;
            }
            walkMultipart(raw, boundary, depth, base);
            return;
        }
        switch (base) {
            case "message/delivery-status", "message/global-delivery-status" ->
                    dsn.append(decodeText(h, ct, raw)).append("\n\n");
            case "message/feedback-report" -> feedback.append(decodeText(h, ct, raw)).append('\n');
            case "message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers",
                    "message/partial" -> {
                if (original.isEmpty()) {
                    String inner = normalize(decodeText(h, ct, raw));
                    int end = headerEnd(inner);
                    original = end < 0 ? inner : inner.substring(0, end);
                    if (!base.startsWith("text/")) {
                        attached = inner;
                    }
                } else if (base.startsWith("text/") && !parentType.equals("multipart/report")) {
                    appendText(decodeText(h, ct, raw));
                }
            }
            case "text/plain", "text/enriched", "text/x-aol", "text/x-vcard" -> {
                if (!isAttachment(h) || base.equals("text/plain") && body.length() == 0) {
                    appendText(decodeText(h, ct, raw));
                }
            }
            case "text/html" -> {
                if (!isAttachment(h)) {
                    appendText(Html.toText(decodeText(h, ct, raw)));
                }
            }
            default -> {
                if (base.startsWith("text/") && !isAttachment(h)) {
                    appendText(decodeText(h, ct, raw));
                }
            }
        }
    }

    private void walkMultipart(String raw, String boundary, int depth, String type) {
        String delim = "--" + boundary;
        int pos = raw.startsWith(delim) ? 0 : raw.indexOf("\n" + delim);
        if (pos < 0) {
            return;
        }
        if (pos > 0) {
            pos++;
        }
        boolean alternative = type.equals("multipart/alternative");
        int sizeBefore = body.length();
        while (pos >= 0) {
            int lineEnd = raw.indexOf('\n', pos);
            if (lineEnd < 0) {
                return; // truncated after the delimiter
            }
            if (raw.startsWith(delim + "--", pos)) {
                return;
            }
            int next = raw.indexOf("\n" + delim, lineEnd);
            String part = next < 0 ? raw.substring(lineEnd + 1) : raw.substring(lineEnd + 1, Math.max(lineEnd + 1, next));
            if (next < 0) {
                truncated |= !part.isEmpty() && depth == 0;
            }
            int hEnd = part.startsWith("\n") ? 0 : part.indexOf("\n\n");
            Headers ph = hEnd < 0 ? Headers.parse(part) : Headers.parse(part.substring(0, hEnd));
            String pb = hEnd < 0 ? "" : part.substring(Math.min(part.length(), hEnd + (hEnd == 0 ? 1 : 2)));
            if (alternative && body.length() > sizeBefore) {
                return; // first readable alternative wins (text/plain comes first by convention)
            }
            walk(ph, pb, depth + 1, type);
            if (parts > MAX_PARTS) {
                truncated = true;
                return;
            }
            pos = next < 0 ? -1 : next + 1;
        }
    }

    /** A multipart without (or with a wrong) boundary: take the first "--xxx" line as one. */
    private static String guessBoundary(String raw) {
        int i = 0;
        int lines = 0;
        while (i < raw.length() && lines++ < 200) {
            int eol = raw.indexOf('\n', i);
            if (eol < 0) {
                eol = raw.length();
            }
            if (raw.startsWith("--", i) && eol - i > 4 && eol - i < 200 && raw.charAt(i + 2) != ' ') {
                String b = raw.substring(i + 2, eol).strip();
                if (!b.endsWith("--") && !b.isEmpty()) {
                    return b;
                }
            }
            i = eol + 1;
        }
        return null;
    }

    private static boolean isAttachment(Headers h) {
        return h.lower("Content-Disposition").startsWith("attachment");
    }

    private static ContentType contentType(String value, String parentType) {
        String dflt = parentType.equals("multipart/digest") ? "message/rfc822" : "text/plain";
        if (value.isEmpty()) {
            return parse(dflt);
        }
        try {
            return new ContentType(value);
        } catch (Exception e) { // malformed parameters: keep the base type, drop the rest
            int semi = value.indexOf(';');
            String base = (semi < 0 ? value : value.substring(0, semi)).strip();
            ContentType ct = parse(base.indexOf('/') > 0 ? base : dflt);
            String lower = value.toLowerCase(Locale.ROOT);
            int b = lower.indexOf("boundary=");
            if (b >= 0) {
                String rest = value.substring(b + 9).strip();
                rest = rest.startsWith("\"") ? rest.substring(1, Math.max(1, rest.indexOf('"', 1))) : rest.split("[;\\s]", 2)[0];
                ct.setParameter("boundary", rest);
            }
            return ct;
        }
    }

    private static ContentType parse(String s) {
        try {
            return new ContentType(s);
        } catch (Exception e) {
            return new ContentType("text", "plain", null);
        }
    }

    /** Undoes the transfer encoding and decodes the charset; never throws. */
    static String decodeText(Headers h, ContentType ct, String raw) {
        String cte = h.lower("Content-Transfer-Encoding").strip();
        boolean encoded = cte.equals("base64") || cte.equals("quoted-printable") || cte.equals("uuencode")
                || cte.equals("x-uuencode");
        if (!encoded && isAscii(raw) && asciiAsIs(ct.getParameter("charset"))) {
            return normalize(raw); // most bounce text: nothing to decode, no copy needed
        }
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        if (cte.equals("quoted-printable")) {
            bytes = quotedPrintable(bytes, MAX_TEXT * 2);
        } else if (encoded) {
            try (InputStream in = decoder(new ByteArrayInputStream(bytes), cte)) {
                bytes = in.readNBytes(MAX_TEXT * 2);
            } catch (Exception e) { // broken encoding: keep the raw text, it is still readable
                bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        return normalize(charset(bytes, ct.getParameter("charset")));
    }

    static String charset(byte[] bytes, String declared) {
        if (declared != null && !declared.isBlank()) {
            Charset cs = lookup(declared);
            if (cs != null && !cs.equals(StandardCharsets.US_ASCII)) {
                return new String(bytes, cs);
            }
        }
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Quoted-printable decoded as jakarta.mail's QPDecoderStream does (without its byte-at-a-time
     * stream, which was the largest single cost of decoding): "=XX" is a byte, "=" at a line end a
     * soft break, spaces before a line end or the end are dropped, a malformed "=" stays as it is,
     * a "=" at the very end ends the text. At most {@code max} bytes are produced.
     *
     * @see <a href="https://www.rfc-editor.org/rfc/rfc2045#section-6.7">RFC 2045 6.7</a>
     */
    static byte[] quotedPrintable(byte[] in, int max) {
        int n = in.length;
        byte[] out = new byte[Math.min(n, max)];
        int o = 0;
        int i = 0;
        while (i < n && o < max) {
            byte c = in[i];
            if (c == ' ') {
                int j = i + 1;
                while (j < n && in[j] == ' ') {
                    j++;
                }
                if (j == n || in[j] == '\n' || in[j] == '\r') {
                    i = j; // trailing white space is not part of the text
                    continue;
                }
                while (i < j && o < max) {
                    out[o++] = ' ';
                    i++;
                }
                i = j;
                continue;
            }
            if (c == '=') {
                if (i + 1 >= n) {
                    break;
                }
                byte a = in[i + 1];
                if (a == '\n') {
                    i += 2;
                    continue;
                }
                if (a == '\r') {
                    i += 2;
                    if (i < n && in[i] == '\n') {
                        i++;
                    }
                    continue;
                }
                int hi = i + 2 < n ? hex(a) : -1;
                int lo = hi < 0 ? -1 : hex(in[i + 2]);
                if (lo >= 0) {
                    out[o++] = (byte) (hi << 4 | lo);
                    i += 3;
                    continue;
                }
            }
            out[o++] = c;
            i++;
        }
        return o == out.length ? out : java.util.Arrays.copyOf(out, o);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    /** Looked up once: jakarta.mail's MimeUtility.decode repeats a ServiceLoader lookup per call. */
    private static final StreamProvider STREAMS = StreamProvider.provider();

    private static InputStream decoder(InputStream in, String cte) {
        return cte.equals("base64") ? STREAMS.inputBase64(in) : STREAMS.inputUU(in);
    }

    /** Charset lookups are cached (unknown names too: the JDK rescans its providers for each miss). */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<Charset>> CHARSETS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Charset lookup(String declared) {
        String key = declared.strip().toLowerCase(Locale.ROOT);
        if (CHARSETS.size() > 1000) {
            CHARSETS.clear(); // hostile input with endless distinct names
        }
        return CHARSETS.computeIfAbsent(key, k -> {
            try {
                return java.util.Optional.of(Charset.forName(MimeUtility.javaCharset(k)));
            } catch (Exception e) { // unknown or illegal charset name: guess instead
                return java.util.Optional.empty();
            }
        }).orElse(null);
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Charsets that decode 7-bit bytes to the same characters (UTF-8, Latin-n, windows-125x...). */
    private static final java.util.concurrent.ConcurrentHashMap<Charset, Boolean> ASCII_AS_IS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final byte[] ALL_ASCII = new byte[128];

    static {
        for (int i = 0; i < 128; i++) {
            ALL_ASCII[i] = (byte) i;
        }
    }

    /**
     * Whether ASCII text declared in {@code declared} reads the same as it is: true when no charset
     * is named, the name is unknown (then {@link #charset} keeps ASCII as it is too), or the
     * charset maps every 7-bit byte to itself (false for UTF-16, UTF-7, ISO-2022-JP and the like).
     */
    private static boolean asciiAsIs(String declared) {
        if (declared == null || declared.isBlank()) {
            return true;
        }
        Charset cs = lookup(declared);
        if (cs == null) {
            return true;
        }
        return ASCII_AS_IS.computeIfAbsent(cs, c -> {
            try {
                return new String(ALL_ASCII, c).equals(new String(ALL_ASCII, StandardCharsets.ISO_8859_1));
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code bytes} as text, one char per byte (ISO-8859-1), with CRLF and lone CR turned into LF:
     * {@link #normalize} done on the bytes, so the message is copied once instead of three times.
     */
    static String latin1Lines(byte[] bytes) {
        int n = bytes.length;
        int cr = 0;
        while (cr < n && bytes[cr] != '\r') {
            cr++;
        }
        if (cr == n) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[n];
        System.arraycopy(bytes, 0, out, 0, cr);
        int o = cr;
        for (int i = cr; i < n; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                out[o++] = '\n';
                if (i + 1 < n && bytes[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[o++] = b;
            }
        }
        return new String(out, 0, o, StandardCharsets.ISO_8859_1);
    }

    /** CRLF and lone CR become LF. */
    static String normalize(String s) {
        if (s.indexOf('\r') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                b.append('\n');
                if (i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void appendText(String s) {
        int room = MAX_TEXT - body.length();
        if (room <= 0) {
            truncated = true;
            return;
        }
        if (s.length() > room) {
            s = s.substring(0, room);
            truncated = true;
        }
        if (body.length() > 0 && body.charAt(body.length() - 1) != '\n') {
            body.append('\n');
        }
        body.append(s);
    }
}
