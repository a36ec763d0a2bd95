package org.mailmedic.engine.bounce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import org.apache.poi.hsmf.MAPIMessage;
import org.apache.poi.hsmf.datatypes.AttachmentChunks;
import org.apache.poi.hsmf.exceptions.ChunkNotFoundException;

/**
 * Outlook .msg files (MS-OXMSG, read with Apache POI HSMF) turned into RFC 5322 text, so the
 * same recognizers read them: the transport headers when Outlook kept them, else a synthetic
 * header block (From, To, Subject, Date); then the plain body, or the HTML body as text; then
 * attached messages' text.
 */
final class OutlookMsg {

    private OutlookMsg() {
    }

    /** The message as text (LF line ends); throws IOException when the file is not a readable .msg. */
    static String toRfc822(byte[] bytes) throws IOException {
        try (MAPIMessage msg = new MAPIMessage(new ByteArrayInputStream(bytes))) {
            StringBuilder out = new StringBuilder();
            String[] transport = safe(() -> msg.getHeaders());
            if (transport != null && transport.length > 0) {
                for (String h : transport) {
                    if (!h.isBlank()) {
                        out.append(MimeReader.normalize(h).stripTrailing()).append('\n');
                    }
                }
                // the transport headers describe the MIME original; the .msg body is already decoded
                String hs = out.toString().toLowerCase(Locale.ROOT);
                if (hs.contains("content-type:")) {
                    out = stripMimeHeaders(out.toString());
                }
            } else {
                append(out, "From", safe(() -> msg.getDisplayFrom()));
                append(out, "To", safe(() -> msg.getDisplayTo()));
                append(out, "Subject", safe(() -> msg.getSubject()));
                var date = safe(() -> msg.getMessageDate());
                if (date != null) {
                    out.append("Date: ").append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            date.toInstant().atZone(java.time.ZoneOffset.UTC))).append('\n');
                }
            }
            out.append("Content-Type: text/plain; charset=utf-8\n\n");
            String body = safe(() -> msg.getTextBody());
            if (body == null || body.isBlank()) {
                String html = safe(() -> msg.getHtmlBody());
                body = html == null ? "" : Html.toText(html);
            }
            out.append(MimeReader.normalize(body)).append('\n');
            AttachmentChunks[] atts = safe(() -> msg.getAttachmentFiles());
            if (atts != null) {
                for (AttachmentChunks a : atts) {
                    if (a.getEmbeddedMessage() != null) {
                        out.append("\n------ This is a copy of the message, including all the headers. ------\n\n");
                        MAPIMessage inner = a.getEmbeddedMessage();
                        append(out, "From", safe(() -> inner.getDisplayFrom()));
                        append(out, "To", safe(() -> inner.getDisplayTo()));
                        append(out, "Subject", safe(() -> inner.getSubject()));
                        out.append('\n');
                    }
                }
            }
            return out.toString();
        } catch (RuntimeException e) { // POI signals damaged files with unchecked exceptions
            throw new IOException("damaged Outlook .msg file: " + e.getMessage(), e);
        }
    }

    private static StringBuilder stripMimeHeaders(String block) {
        StringBuilder b = new StringBuilder();
        boolean skipping = false;
        for (String line : block.split("\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (!skipping) {
                    b.append(line).append('\n');
                }
                continue;
            }
            String l = line.toLowerCase(Locale.ROOT);
            skipping = l.startsWith("content-type:") || l.startsWith("content-transfer-encoding:")
                    || l.startsWith("mime-version:");
            if (!skipping) {
                b.append(line).append('\n');
            }
        }
        return b;
    }

    private static void append(StringBuilder out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.append(name).append(": ").append(value.replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
    }

    private interface Getter<T> {
        T get() throws ChunkNotFoundException;
    }

    private static <T> T safe(Getter<T> g) {
        try {
            return g.get();
        } catch (ChunkNotFoundException | RuntimeException e) { // absent property: treat as empty
            return null;
        }
    }
}
