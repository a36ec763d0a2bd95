package org.mailmedic.engine.probe.dane;

/**
 * One TLSA record and how it fared against the presented chain.
 *
 * @param usage        0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE
 * @param selector     0 full certificate, 1 SubjectPublicKeyInfo
 * @param matchingType 0 exact, 1 SHA-256, 2 SHA-512
 * @param data         certificate association data, hex
 * @param usable       usable for SMTP (RFC 7672 §3.1.3: only usages 2 and 3; known selector/type)
 * @param matches      it matched a certificate in the chain
 * @param note         what it matched, or why it could not
 */
public record TlsaMatch(int usage, int selector, int matchingType, String data, boolean usable, boolean matches,
        String note) {

    /** The record in zone-file presentation form. */
    public String presentation() {
        return usage + " " + selector + " " + matchingType + " " + data;
    }
}
