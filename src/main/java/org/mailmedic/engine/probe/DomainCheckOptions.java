package org.mailmedic.engine.probe;

import java.time.Duration;
import java.util.List;

/**
 * What a domain check is asked to look at beyond the domain itself. Every field has a default;
 * use {@link #defaults()} and the {@code withX} methods.
 *
 * @param queryTimeout    deadline of one DNS question (all tries)
 * @param checkDeadline   the most one check (row) may take before it reports "did not finish"
 * @param sendingIp       the address the domain's mail leaves from (SPF evaluation, rDNS, DNSBL), or null
 * @param helo            the HELO/EHLO name that server uses, or null
 * @param dkimSelectors   DKIM selectors to check; empty = try a few common ones
 * @param dnsbls          DNSBL zones to ask; null = the shipped defaults
 * @param smtpPort        port for the SMTP probes (used once they are registered; 25 by default)
 * @param forwarderIp     a forwarder's address, for the SPF forwarding analysis, or null
 * @param forwarderDomain the forwarder's own domain (where SRS would rewrite to), or null
 */
public record DomainCheckOptions(Duration queryTimeout, Duration checkDeadline, String sendingIp, String helo,
        List<String> dkimSelectors, List<String> dnsbls, int smtpPort, String forwarderIp, String forwarderDomain) {

    public DomainCheckOptions {
        dkimSelectors = dkimSelectors == null ? List.of() : List.copyOf(dkimSelectors);
        dnsbls = dnsbls == null ? null : List.copyOf(dnsbls);
    }

    public static DomainCheckOptions defaults() {
        return new DomainCheckOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), null, null, List.of(), null, 25,
                null, null);
    }

    public DomainCheckOptions withQueryTimeout(Duration d) {
        Duration deadline = checkDeadline.compareTo(d.multipliedBy(6)) < 0 ? d.multipliedBy(6) : checkDeadline;
        return new DomainCheckOptions(d, deadline, sendingIp, helo, dkimSelectors, dnsbls, smtpPort, forwarderIp, forwarderDomain);
    }

    public DomainCheckOptions withCheckDeadline(Duration d) {
        return new DomainCheckOptions(queryTimeout, d, sendingIp, helo, dkimSelectors, dnsbls, smtpPort, forwarderIp, forwarderDomain);
    }

    public DomainCheckOptions withSendingIp(String ip, String heloName) {
        return new DomainCheckOptions(queryTimeout, checkDeadline, blankToNull(ip), blankToNull(heloName), dkimSelectors,
                dnsbls, smtpPort, forwarderIp, forwarderDomain);
    }

    public DomainCheckOptions withDkimSelectors(List<String> s) {
        return new DomainCheckOptions(queryTimeout, checkDeadline, sendingIp, helo, s, dnsbls, smtpPort, forwarderIp, forwarderDomain);
    }

    public DomainCheckOptions withDnsbls(List<String> zones) {
        return new DomainCheckOptions(queryTimeout, checkDeadline, sendingIp, helo, dkimSelectors, zones, smtpPort, forwarderIp, forwarderDomain);
    }

    public DomainCheckOptions withSmtpPort(int port) {
        return new DomainCheckOptions(queryTimeout, checkDeadline, sendingIp, helo, dkimSelectors, dnsbls, port, forwarderIp, forwarderDomain);
    }

    public DomainCheckOptions withForwarder(String ip, String domain) {
        return new DomainCheckOptions(queryTimeout, checkDeadline, sendingIp, helo, dkimSelectors, dnsbls, smtpPort,
                blankToNull(ip), blankToNull(domain));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
