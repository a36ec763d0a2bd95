package org.mailmedic.engine.probe.smtp;

import java.util.List;
import org.mailmedic.engine.probe.dane.DaneResult;

/**
 * One MX host: each of its addresses, and DANE.
 *
 * @param name        MX host name
 * @param preference  MX preference
 * @param addresses   per address results (in the order tried)
 * @param dane        DANE for this host, null when not checked
 * @param status      worst status of the host
 * @param headline    plain one-line summary
 * @param findings    host-level findings (e.g. no address)
 * @param elapsedMillis time spent on the host
 */
public record HostResult(String name, int preference, List<AddressResult> addresses, DaneResult dane,
        Status status, String headline, List<SmtpFinding> findings, long elapsedMillis) {

    public HostResult {
        addresses = List.copyOf(addresses);
        findings = List.copyOf(findings);
    }
}
