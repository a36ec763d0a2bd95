package org.mailmedic.engine.probe.smtp;

import java.util.List;

/**
 * What we concluded about a presented chain.
 *
 * @param trusted      the JDK's PKIX validation (or the injected trust store) accepted the chain
 * @param trustProblem when not trusted: the exact reason, in words (null when trusted)
 * @param pkixMessage  the validator's own message, for experts (null when trusted)
 * @param expectedName the host name the certificate should carry (the MX name)
 * @param matchedName  the certificate name that matched it, or null
 * @param daysLeft     whole days until the leaf expires (negative once expired)
 * @param expired      the leaf's notAfter has passed
 * @param notYetValid  the leaf's notBefore lies in the future
 * @param expiresSoon  the leaf expires within 14 days
 * @param selfSigned   the leaf signs itself
 * @param problems     one finding per problem; empty when the certificate is fine
 */
public record CertificateVerdict(boolean trusted, String trustProblem, String pkixMessage, String expectedName,
        String matchedName, long daysLeft, boolean expired, boolean notYetValid, boolean expiresSoon,
        boolean selfSigned, List<SmtpFinding> problems) {

    public CertificateVerdict {
        problems = List.copyOf(problems);
    }

    public boolean nameMatches() {
        return matchedName != null;
    }
}
