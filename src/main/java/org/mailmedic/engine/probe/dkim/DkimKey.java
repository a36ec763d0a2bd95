package org.mailmedic.engine.probe.dkim;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DKIM public-key record (RFC 6376 3.6.1) parsed: key type, key size, testing flag, revoked
 * key, and problems in plain words.
 *
 * @param tags     tag → value as published
 * @param keyType  {@code rsa} (the default) or {@code ed25519}
 * @param bits     key size in bits, or -1 when unreadable/revoked
 * @param testing  {@code t=y}: receivers treat signatures as if unsigned
 * @param revoked  {@code p=} is empty
 * @param errors   why the key cannot be used
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6376#section-3.6.1">RFC 6376 3.6.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8301">RFC 8301 (key sizes)</a>
 */
public record DkimKey(String text, Map<String, String> tags, String keyType, int bits, boolean testing, boolean revoked,
        List<String> errors) {

    public static DkimKey parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (String part : text.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                errors.add("'" + p + "' is not a tag=value pair");
                continue;
            }
            tags.putIfAbsent(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        String v = tags.get("v");
        if (v != null && !v.equals("DKIM1")) {
            errors.add("v=" + v + " must be DKIM1");
        }
        String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        String t = tags.getOrDefault("t", "");
        boolean testing = List.of(t.split(":")).stream().map(String::strip).anyMatch(x -> x.equals("y"));
        String pv = tags.get("p");
        if (pv == null) {
            errors.add("there is no p= (public key) tag");
            return new DkimKey(text, tags, k, -1, testing, false, errors);
        }
        String b64 = pv.replaceAll("\\s", "");
        if (b64.isEmpty()) {
            return new DkimKey(text, tags, k, -1, testing, true, errors);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            errors.add("p= is not valid base64 (" + e.getMessage() + ")");
            return new DkimKey(text, tags, k, -1, testing, false, errors);
        }
        int bits = -1;
        switch (k) {
            case "rsa" -> {
                bits = rsaBits(der);
                if (bits < 0) {
                    errors.add("p= does not hold a readable RSA public key");
                }
            }
            case "ed25519" -> {
                if (der.length == 32) {
                    bits = 256;
                } else {
                    errors.add("an ed25519 key must be 32 bytes, this one is " + der.length);
                }
            }
            default -> errors.add("k=" + k + " is not a key type receivers know (rsa or ed25519)");
        }
        return new DkimKey(text, tags, k, bits, testing, false, errors);
    }

    /** Bits of an RSA key given as SubjectPublicKeyInfo (the standard) or bare PKCS#1 (seen in the wild). */
    static int rsaBits(byte[] der) {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return key.getModulus().bitLength();
        } catch (Exception e) {
            // Not SubjectPublicKeyInfo: try RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
        }
        try {
            int[] pos = {0};
            if ((der[pos[0]++] & 0xff) != 0x30) {
                return -1;
            }
            readLength(der, pos);
            if ((der[pos[0]++] & 0xff) != 0x02) {
                return -1;
            }
            int len = readLength(der, pos);
            byte[] mod = new byte[len];
            System.arraycopy(der, pos[0], mod, 0, len);
            return new BigInteger(1, mod).bitLength();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static int readLength(byte[] d, int[] pos) {
        int b = d[pos[0]++] & 0xff;
        if (b < 0x80) {
            return b;
        }
        int n = b & 0x7f;
        if (n > 3) {
            throw new IllegalArgumentException("length too long");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (d[pos[0]++] & 0xff);
        }
        return len;
    }
}
