package org.mailmedic.engine.probe.smtp;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Judges a certificate chain apart from the handshake (which accepted anything, so that we could
 * see it): PKIX trust against the JDK trust store or an injected one, the host name (RFC 6125),
 * validity dates, expiry within 14 days, weak keys and signatures.
 */
public final class CertificateChecker {

    /** Expiry closer than this is flagged. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final KeyStore trustStore;
    private final Clock clock;

    /** @param trustStore trust anchors, or null for the JDK's default (cacerts) */
    public CertificateChecker(KeyStore trustStore, Clock clock) {
        this.trustStore = trustStore;
        this.clock = clock;
    }

    /**
     * @param chain        as presented, leaf first
     * @param authType     the key-exchange type seen in the handshake (for key-usage checks)
     * @param expectedName the MX (or policy) host name
     * @param strict       true where clients normally insist on a valid certificate (465/587,
     *                     HTTPS); false for port 25, where senders mostly encrypt regardless
     */
    public CertificateVerdict check(List<X509Certificate> chain, String authType, String expectedName, boolean strict) {
        X509Certificate leafCert = chain.get(0);
        CertificateInfo leaf = CertificateInfo.of(leafCert);
        Instant now = clock.instant();
        boolean expired = now.isAfter(leaf.notAfter());
        boolean notYetValid = now.isBefore(leaf.notBefore());
        long daysLeft = Math.floorDiv(Duration.between(now, leaf.notAfter()).toSeconds(), 86_400L);
        boolean soon = !expired && Duration.between(now, leaf.notAfter()).compareTo(EXPIRY_WARNING) < 0;
        boolean selfSigned = leaf.selfSigned();

        String pkix = pkixFailure(chain, authType);
        String trustProblem = null;
        if (pkix != null) {
            trustProblem = explain(pkix, leaf, chain, expired, notYetValid, selfSigned);
        }
        String matched = HostnameMatcher.match(expectedName, leaf);

        List<SmtpFinding> problems = new ArrayList<>();
        Status untrustedStatus = strict ? Status.FAIL : Status.WARN;
        String consequence = strict
                ? "Mail programs and senders that check certificates will refuse to connect."
                : "Most senders still deliver over opportunistic TLS, but senders that verify certificates "
                        + "(MTA-STS, DANE or a TLS policy) will refuse.";
        if (expired) {
            problems.add(SmtpFinding.fail("cert-expired", "The certificate of " + expectedName + " expired on "
                    + day(leaf.notAfter()) + " (" + (-daysLeft) + " days ago).",
                    "notAfter " + leaf.notAfter() + "; subject " + leaf.subject() + ". " + consequence
                            + " Renew the certificate and reload the mail server."));
        } else if (notYetValid) {
            problems.add(new SmtpFinding(untrustedStatus, "cert-not-yet-valid", "The certificate of " + expectedName
                    + " is not valid until " + day(leaf.notBefore()) + ".",
                    "notBefore " + leaf.notBefore() + ": check the server's clock or the certificate. " + consequence));
        }
        if (pkix != null && !expired && !notYetValid) {
            problems.add(new SmtpFinding(untrustedStatus, selfSigned ? "cert-self-signed" : "cert-untrusted",
                    "The certificate of " + expectedName + " is not trusted: " + trustProblem + ".",
                    "PKIX validation: " + pkix + ". " + consequence));
        }
        if (matched == null) {
            List<String> names = leaf.dnsNames().isEmpty() && leaf.commonName() != null
                    ? List.of(leaf.commonName()) : leaf.dnsNames();
            problems.add(new SmtpFinding(untrustedStatus, "cert-name-mismatch", "The certificate does not name "
                    + expectedName + ": it is for " + (names.isEmpty() ? "no host name at all" : String.join(", ", names))
                    + ".", "RFC 6125 matching against subjectAltName DNS names (CN only when there are none). "
                            + consequence + " Get a certificate that includes " + expectedName + "."));
        }
        if (soon) {
            problems.add(SmtpFinding.warn("cert-expires-soon", "The certificate of " + expectedName + " expires in "
                    + daysLeft + " days, on " + day(leaf.notAfter()) + ".",
                    "notAfter " + leaf.notAfter() + ". Renew it now; check that automatic renewal also reloads the mail server."));
        }
        if ("RSA".equals(leaf.keyType()) && leaf.keyBits() > 0 && leaf.keyBits() < 2048) {
            problems.add(SmtpFinding.warn("cert-weak-key", "The certificate's RSA key is only " + leaf.keyBits()
                    + " bits.", "2048 bits is the accepted minimum; many clients reject shorter keys."));
        }
        String sig = leaf.signatureAlgorithm().toUpperCase(Locale.ROOT);
        if (sig.contains("MD5") || sig.startsWith("SHA1")) {
            problems.add(SmtpFinding.warn("cert-weak-signature", "The certificate is signed with the outdated "
                    + leaf.signatureAlgorithm() + ".", "SHA-1 and MD5 signatures are rejected by current clients."));
        }
        return new CertificateVerdict(pkix == null, trustProblem, pkix, expectedName, matched, daysLeft, expired,
                notYetValid, soon, selfSigned, problems);
    }

    /** The PKIX validator's complaint, or null when the chain is trusted. */
    private String pkixFailure(List<X509Certificate> chain, String authType) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    x.checkServerTrusted(chain.toArray(new X509Certificate[0]),
                            authType == null || authType.isEmpty() ? "UNKNOWN" : authType);
                    return null;
                }
            }
            return "no X.509 trust manager available";
        } catch (GeneralSecurityException | RuntimeException e) {
            return describe(e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                b.append(" (").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(')');
            }
        }
        return b.toString();
    }

    private static String explain(String pkix, CertificateInfo leaf, List<X509Certificate> chain, boolean expired,
            boolean notYetValid, boolean selfSigned) {
        if (expired) {
            return "it expired on " + day(leaf.notAfter());
        }
        if (notYetValid) {
            return "it is not valid before " + day(leaf.notBefore());
        }
        if (selfSigned) {
            return "it is self-signed, so no certificate authority vouches for it";
        }
        if (pkix.contains("PKIX path building failed") || pkix.contains("unable to find valid certification path")) {
            String issuer = CertificateInfo.of(chain.get(chain.size() - 1)).issuer();
            return "it was issued by \"" + issuer + "\", which is not a trusted certificate authority"
                    + (chain.size() == 1 ? " (or the server does not send the intermediate certificate)" : "");
        }
        return pkix;
    }

    static String day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }
}
