package org.mailmedic.engine.bounce;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Locale;

/**
 * RFC 2047 encoded words ("=?utf-8?B?...?=", "=?iso-8859-1?Q?...?=") decoded leniently and
 * without allocation-heavy library calls (jakarta.mail's decodeText looks its stream provider up
 * through a ServiceLoader on every call, which dominated the decoding profile). Malformed words
 * stay as written; whitespace between adjacent encoded words is dropped as the RFC says.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2047">RFC 2047</a>
 */
final class EncodedWords {

    private EncodedWords() {
    }

    static String decode(String v) {
        int start = v.indexOf("=?");
        if (start < 0) {
            return v;
        }
        StringBuilder out = new StringBuilder(v.length());
        int pos = 0;
        boolean lastWasWord = false;
        while (start >= 0) {
            int q1 = v.indexOf('?', start + 2);
            int q2 = q1 < 0 ? -1 : v.indexOf('?', q1 + 1);
            int end = q2 < 0 ? -1 : v.indexOf("?=", q2 + 1);
            if (q1 < 0 || q2 != q1 + 2 || end < 0) {
                break;
            }
            String between = v.substring(pos, start);
            if (!(lastWasWord && between.isBlank())) {
                out.append(between);
            }
            String cs = v.substring(start + 2, q1);
            int star = cs.indexOf('*'); // RFC 2231 language suffix
            if (star >= 0) {
                cs = cs.substring(0, star);
            }
            char enc = Character.toUpperCase(v.charAt(q1 + 1));
            String text = v.substring(q2 + 1, end);
            String decoded = word(cs, enc, text);
            if (decoded == null) {
                out.append(v, start, end + 2);
                lastWasWord = false;
            } else {
                out.append(decoded);
                lastWasWord = true;
            }
            pos = end + 2;
            start = v.indexOf("=?", pos);
        }
        out.append(v.substring(pos));
        return out.toString();
    }

    private static String word(String charset, char enc, String text) {
        byte[] bytes;
        try {
            if (enc == 'B') {
                bytes = Base64.getMimeDecoder().decode(text);
            } else if (enc == 'Q') {
                bytes = q(text);
            } else {
                return null;
            }
        } catch (IllegalArgumentException e) { // broken base64: keep the word as written
            return null;
        }
        String decoded = MimeReader.charset(bytes, charset.toLowerCase(Locale.ROOT));
        return decoded;
    }

    private static byte[] q(String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                b.write(' ');
            } else if (c == '=' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                b.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                b.write(c & 0xff);
            }
        }
        return b.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
