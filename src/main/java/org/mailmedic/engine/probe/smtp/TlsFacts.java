package org.mailmedic.engine.probe.smtp;

import java.util.List;

/**
 * The outcome of one TLS handshake with a mail server.
 *
 * @param established  the handshake completed
 * @param protocol     negotiated protocol, e.g. TLSv1.3 (null when it failed)
 * @param cipherSuite  negotiated cipher suite (null when it failed)
 * @param chain        the certificates presented, leaf first (empty when none were sent)
 * @param certificate  our verdict on the chain (null when no chain was seen)
 * @param failureKind  null, or why it failed: no-certificate, protocol-version,
 *                     not-tls (plain text came back), dropped, timeout, other
 * @param failure      the technical reason (the JSSE message or alert), null when established
 * @param handshakeMillis how long the handshake took
 */
public record TlsFacts(boolean established, String protocol, String cipherSuite, List<CertificateInfo> chain,
        CertificateVerdict certificate, String failureKind, String failure, long handshakeMillis) {

    public TlsFacts {
        chain = List.copyOf(chain);
    }
}
