package org.mailmedic.engine.probe.dane;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.smtp.CertificateInfo;
import org.mailmedic.engine.probe.smtp.Status;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * DANE for SMTP: looks up {@code _25._tcp.MX} TLSA records through {@link Dns}, notes whether the
 * answer was DNSSEC-validated (AD bit), and matches each record against the chain the server
 * presented. Only usages 2 (DANE-TA) and 3 (DANE-EE) count for SMTP; 0 and 1 are reported as
 * unusable. DANE-EE matches the leaf; DANE-TA matches a certificate above the leaf, and then the
 * leaf must also name the MX host.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7672">RFC 7672</a>,
 *      <a href="https://www.rfc-editor.org/rfc/rfc6698">RFC 6698</a>
 */
public final class DaneCheck {

    private final Dns dns;

    public DaneCheck(Dns dns) {
        this.dns = dns;
    }

    /**
     * @param mxHost        the MX host name
     * @param port          25
     * @param chain         what the server presented, leaf first; empty if no TLS was seen
     * @param leafNameMatch the leaf names the MX host (needed for DANE-TA)
     */
    public DaneResult check(String mxHost, int port, List<CertificateInfo> chain, boolean leafNameMatch) {
        String name = "_" + port + "._tcp." + mxHost;
        DnsAnswer a = dns.query(name, Type.TLSA);
        if (a.failed()) {
            // SERVFAIL/REFUSED are no "no TLSA": a DANE sender defers mail on them (RFC 7672 2.2).
            return new DaneResult(mxHost, name, false, List.of(), false, Status.WARN,
                    "Could not look up DANE (TLSA) records for " + mxHost + ": " + a.problem() + ".",
                    "TLSA " + name + ": " + a.problem());
        }
        List<TLSARecord> tlsa = new ArrayList<>();
        for (Record r : a.records()) {
            if (r instanceof TLSARecord t) {
                tlsa.add(t);
            }
        }
        if (tlsa.isEmpty()) {
            return new DaneResult(mxHost, name, a.authenticated(), List.of(), false, Status.INFO,
                    "DANE is not set up for " + mxHost + " (no TLSA record).",
                    "No TLSA records at " + name + (a.nxdomain() ? " (NXDOMAIN)" : "")
                            + ". DANE needs DNSSEC on the MX host's zone and a TLSA record such as \"3 1 1 <SHA-256 of the key>\".");
        }
        List<TlsaMatch> matches = new ArrayList<>();
        boolean anyUsable = false;
        boolean anyMatch = false;
        for (TLSARecord t : tlsa) {
            TlsaMatch m = match(t, chain, leafNameMatch);
            anyUsable |= m.usable();
            anyMatch |= m.usable() && m.matches();
            matches.add(m);
        }
        String list = String.join("; ", matches.stream().map(TlsaMatch::presentation).toList());
        if (!a.authenticated()) {
            return new DaneResult(mxHost, name, false, matches, false, Status.WARN,
                    "DANE does not protect " + mxHost + ": its TLSA records are not DNSSEC-signed (or the resolver did not validate them).",
                    "TLSA " + list + " arrived without the AD bit; senders ignore unsigned TLSA records. Sign the zone "
                            + "with DNSSEC and use a validating resolver for the check.");
        }
        if (!anyUsable) {
            return new DaneResult(mxHost, name, true, matches, false, Status.WARN,
                    "DANE does not protect " + mxHost + ": its TLSA records use types that SMTP senders ignore.",
                    "TLSA " + list + ". RFC 7672 §3.1.3: only usages 2 (DANE-TA) and 3 (DANE-EE) apply to SMTP.");
        }
        if (chain.isEmpty()) {
            return new DaneResult(mxHost, name, true, matches, false, Status.FAIL,
                    "DANE is published for " + mxHost + " but no certificate could be seen to match it: DANE senders will not deliver.",
                    "TLSA " + list + ". The TLS handshake did not complete, so the records were not matched.");
        }
        if (!anyMatch) {
            return new DaneResult(mxHost, name, true, matches, false, Status.FAIL,
                    "DANE records for " + mxHost + " do not match its certificate: DANE senders (e.g. Microsoft 365, "
                            + "Postfix with DANE) will refuse to deliver.",
                    "TLSA " + list + " — none matches the presented chain. Update the TLSA record after a key change "
                            + "(publish the new one before switching certificates).");
        }
        return new DaneResult(mxHost, name, true, matches, true, Status.PASS,
                "DANE protects " + mxHost + ": signed TLSA records match its certificate.",
                "TLSA " + list + " (DNSSEC-validated).");
    }

    static TlsaMatch match(TLSARecord t, List<CertificateInfo> chain, boolean leafNameMatch) {
        int usage = t.getCertificateUsage();
        int selector = t.getSelector();
        int mtype = t.getMatchingType();
        byte[] data = t.getCertificateAssociationData();
        String hex = HexFormat.of().formatHex(data);
        if (usage != 2 && usage != 3) {
            return new TlsaMatch(usage, selector, mtype, hex, false, false,
                    "usage " + usage + " (PKIX-" + (usage == 0 ? "TA" : "EE") + ") is not used for SMTP (RFC 7672 §3.1.3)");
        }
        if (selector > 1 || mtype > 2) {
            return new TlsaMatch(usage, selector, mtype, hex, false, false, "unknown selector or matching type");
        }
        for (int i = usage == 3 ? 0 : 1; i < (usage == 3 ? Math.min(1, chain.size()) : chain.size()); i++) {
            CertificateInfo c = chain.get(i);
            byte[] content = selector == 0 ? c.encoded() : c.subjectPublicKeyInfo();
            if (Arrays.equals(digest(content, mtype), data)) {
                if (usage == 2 && !leafNameMatch) {
                    return new TlsaMatch(usage, selector, mtype, hex, true, false,
                            "matches the trust anchor " + c.subject() + ", but the leaf certificate does not name the MX host");
                }
                return new TlsaMatch(usage, selector, mtype, hex, true, true,
                        "matches " + (i == 0 ? "the server certificate " : "the trust anchor ") + c.subject());
            }
        }
        return new TlsaMatch(usage, selector, mtype, hex, true, false,
                chain.isEmpty() ? "no certificate to match" : "matches no certificate in the chain");
    }

    static byte[] digest(byte[] content, int mtype) {
        try {
            return switch (mtype) {
                case 1 -> MessageDigest.getInstance("SHA-256").digest(content);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(content);
                default -> content;
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256 and SHA-512", e);
        }
    }
}
