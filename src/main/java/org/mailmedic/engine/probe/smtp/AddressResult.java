package org.mailmedic.engine.probe.smtp;

import java.util.List;

/**
 * Everything checked on one address of an MX host.
 *
 * @param address      the IP address
 * @param smtp         the port-25 conversation
 * @param tlsVersions  TLS 1.0 to 1.3 one by one (empty when not probed)
 * @param submission   the port-587 conversation (null when not checked)
 * @param implicitTls  the port-465 conversation (null when not checked)
 * @param status       worst of the above
 * @param headline     plain summary
 * @param findings     findings beyond the conversations' own (TLS versions)
 */
public record AddressResult(String address, SessionResult smtp, List<TlsVersionSupport> tlsVersions,
        SessionResult submission, SessionResult implicitTls, Status status, String headline,
        List<SmtpFinding> findings) {

    public AddressResult {
        tlsVersions = List.copyOf(tlsVersions);
        findings = List.copyOf(findings);
    }
}
