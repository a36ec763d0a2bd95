package org.mailmedic.engine.probe.smtp;

import java.util.ArrayList;
import java.util.List;
import org.mailmedic.engine.probe.mtasts.MtaStsResult;

/**
 * Can an attacker in the network path strip STARTTLS and read the domain's incoming mail?
 * Opportunistic STARTTLS can be removed from the EHLO answer by anyone in the path; senders then
 * deliver in clear. Only MTA-STS in enforce mode (covering every MX, valid certificates) or DANE
 * (DNSSEC-signed TLSA matching every MX) tells senders to refuse instead.
 *
 * @param status            pass when protected, warn when strippable, fail when there is no TLS at all
 * @param headline          plain verdict
 * @param detail            technical reasoning
 * @param starttlsEverywhere every reachable MX offers STARTTLS
 * @param mtaStsEnforced    MTA-STS in enforce mode covers every MX
 * @param daneProtected     DANE protects every MX
 * @param closeBy           what would close the gap, step by step
 */
public record DowngradeRisk(Status status, String headline, String detail, boolean starttlsEverywhere,
        boolean mtaStsEnforced, boolean daneProtected, List<String> closeBy) {

    public DowngradeRisk {
        closeBy = List.copyOf(closeBy);
    }

    static DowngradeRisk assess(String domain, List<HostResult> hosts, MtaStsResult mtaSts) {
        boolean anyReached = false;
        boolean allTls = true;
        boolean anyTls = false;
        boolean allDane = !hosts.isEmpty();
        for (HostResult h : hosts) {
            for (AddressResult a : h.addresses()) {
                if (a.smtp() != null && a.smtp().ehlo() != null) {
                    anyReached = true;
                    boolean tls = a.smtp().tls() != null && a.smtp().tls().established();
                    allTls &= tls;
                    anyTls |= tls;
                }
            }
            allDane &= h.dane() != null && h.dane().protects();
        }
        boolean sts = mtaSts != null && mtaSts.enforced();
        List<String> steps = new ArrayList<>();
        if (!anyReached) {
            return new DowngradeRisk(Status.INFO, "Could not judge the downgrade risk: no mail server of " + domain
                    + " could be talked to.", "", false, sts, allDane, steps);
        }
        if (!anyTls) {
            steps.add("Install a certificate on every mail server and enable STARTTLS.");
            steps.add("Then publish an MTA-STS policy (mode: testing, later enforce) and a TLS-RPT record.");
            return new DowngradeRisk(Status.FAIL, "Mail to " + domain + " cannot be encrypted at all: no mail server "
                    + "completes STARTTLS.", "Without TLS every hop between sender and your server can read the mail.",
                    false, sts, allDane, steps);
        }
        if (sts || allDane) {
            return new DowngradeRisk(Status.PASS, "Encryption to " + domain + " cannot be silently stripped: "
                    + (sts && allDane ? "MTA-STS (enforce) and DANE" : sts ? "MTA-STS (enforce)" : "DANE")
                    + " tells senders to refuse unencrypted or unverified delivery.",
                    "Senders that support " + (sts ? "MTA-STS" : "DANE") + " refuse to fall back to plain text.",
                    allTls, sts, allDane, steps);
        }
        if (!allTls) {
            steps.add("Make STARTTLS work with a valid certificate on every MX host first.");
        }
        if (mtaSts == null || mtaSts.txtRecord() == null) {
            steps.add("Publish an MTA-STS policy: a TXT record _mta-sts." + domain + " \"v=STSv1; id=<date>\" and "
                    + "https://mta-sts." + domain + "/.well-known/mta-sts.txt listing every MX, first in testing mode, "
                    + "then enforce.");
        } else {
            steps.add("Move the MTA-STS policy to \"mode: enforce\" with every MX listed and a valid certificate "
                    + "on mta-sts." + domain + ".");
        }
        steps.add("Or, if your DNS is DNSSEC-signed, publish DANE TLSA records (_25._tcp.<mx>, e.g. \"3 1 1 <hash>\").");
        if (mtaSts == null || mtaSts.tlsRpt() == null || !mtaSts.tlsRpt().present()) {
            steps.add("Add a TLS-RPT record to hear about failures.");
        }
        return new DowngradeRisk(Status.WARN, "Encryption to " + domain + " can be stripped by anyone in the network "
                + "path: your servers offer STARTTLS, but nothing tells senders to insist on it.",
                "STARTTLS is opportunistic: an attacker can remove \"250-STARTTLS\" from the EHLO reply or break the "
                        + "handshake, and senders then deliver in clear text. Neither an enforced MTA-STS policy nor "
                        + "DNSSEC-signed DANE records protect all MX hosts.", allTls, false, false, steps);
    }
}
