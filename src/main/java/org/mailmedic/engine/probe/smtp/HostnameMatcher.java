package org.mailmedic.engine.probe.smtp;

import java.net.IDN;
import java.util.List;
import java.util.Locale;

/**
 * Does a certificate name the host we connected to? RFC 6125 §6.4 rules: DNS names in
 * subjectAltName decide when there are any (the subject CN is consulted only when there are
 * none, as MTAs still do); comparison is case-insensitive on the A-label form; a wildcard is
 * allowed only as the whole left-most label, matches exactly one label, and never sits directly
 * above a single-label name ({@code *.com}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6125#section-6.4">RFC 6125 §6.4</a>
 */
final class HostnameMatcher {

    private HostnameMatcher() {
    }

    /** The certificate name that matches {@code host}, or null. */
    static String match(String host, CertificateInfo leaf) {
        List<String> dns = leaf.dnsNames();
        List<String> candidates = dns;
        if (dns.isEmpty() && leaf.commonName() != null) {
            candidates = List.of(leaf.commonName());
        }
        for (String name : candidates) {
            if (matches(host, name)) {
                return name;
            }
        }
        return null;
    }

    static boolean matches(String host, String pattern) {
        String h = normalise(host);
        String p = normalise(pattern);
        if (h == null || p == null || h.isEmpty() || p.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return !p.contains("*") && h.equals(p);
        }
        String suffix = p.substring(2);
        if (suffix.contains("*") || !suffix.contains(".")) {
            return false; // wildcard elsewhere than the whole left label, or "*.com"
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot + 1).equals(suffix);
    }

    private static String normalise(String name) {
        String n = name.strip();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        try {
            return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return n.contains("*") ? n.toLowerCase(Locale.ROOT) : null;
        }
    }
}
