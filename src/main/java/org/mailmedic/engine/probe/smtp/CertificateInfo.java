package org.mailmedic.engine.probe.smtp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.DSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * The facts of one certificate in a presented chain, as an expert reads them.
 *
 * @param subject            subject DN (RFC 2253)
 * @param subjectAltNames    DNS names and IP addresses from subjectAltName
 * @param issuer             issuer DN
 * @param notBefore          start of validity
 * @param notAfter           end of validity
 * @param keyType            RSA, EC, Ed25519…
 * @param keyBits            key size in bits (0 when unknown)
 * @param signatureAlgorithm e.g. SHA256withRSA
 * @param serialNumber       hex
 * @param sha256Fingerprint  hex of SHA-256 over the DER encoding
 * @param selfSigned         subject equals issuer and the certificate verifies with its own key
 * @param encoded            DER (for DANE matching; not written to JSON)
 */
public record CertificateInfo(String subject, List<String> subjectAltNames, String issuer, Instant notBefore,
        Instant notAfter, String keyType, int keyBits, String signatureAlgorithm, String serialNumber,
        String sha256Fingerprint, boolean selfSigned, @JsonIgnore byte[] encoded,
        @JsonIgnore byte[] subjectPublicKeyInfo) {

    public CertificateInfo {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    public static CertificateInfo of(X509Certificate c) {
        byte[] der;
        try {
            der = c.getEncoded();
        } catch (CertificateEncodingException e) {
            der = new byte[0];
        }
        PublicKey key = c.getPublicKey();
        return new CertificateInfo(c.getSubjectX500Principal().getName(), altNames(c),
                c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                keyType(key), keyBits(key), c.getSigAlgName(), c.getSerialNumber().toString(16), sha256(der),
                selfSigned(c), der, key.getEncoded());
    }

    /** The CN attribute of the subject, or null. */
    public String commonName() {
        for (String rdn : subject.split("(?<!\\\\),")) {
            String t = rdn.strip();
            if (t.regionMatches(true, 0, "CN=", 0, 3)) {
                return t.substring(3).replace("\\", "");
            }
        }
        return null;
    }

    /** Only the DNS names from subjectAltName. */
    @JsonIgnore
    public List<String> dnsNames() {
        return subjectAltNames.stream().filter(s -> s.startsWith("DNS:")).map(s -> s.substring(4)).toList();
    }

    static List<String> altNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        out.add("DNS:" + san.get(1));
                    } else if (type == 7) {
                        out.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            out.add("(unreadable subjectAltName: " + e.getMessage() + ")");
        }
        return out;
    }

    static String keyType(PublicKey key) {
        String a = key.getAlgorithm();
        return "EdDSA".equals(a) || "XDH".equals(a) ? a : a.toUpperCase(java.util.Locale.ROOT);
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        if ("Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
            return 255;
        }
        return 0;
    }

    static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return subject + " (issuer " + issuer + ", serial " + new BigInteger(serialNumber, 16).toString(16) + ")";
    }
}
