package org.mailmedic.engine.probe.smtp;

/**
 * Whether a server accepts one TLS version.
 *
 * @param version TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3
 * @param result  accepted, rejected or not-tested
 * @param weak    accepted and deprecated (TLS 1.0/1.1, RFC 8996)
 * @param detail  how we know (the ServerHello, the alert) or why it was not tested
 */
public record TlsVersionSupport(String version, String result, boolean weak, String detail) {

    static TlsVersionSupport notTested(String version, String why) {
        return new TlsVersionSupport(version, "not-tested", false, why);
    }

    public boolean accepted() {
        return "accepted".equals(result);
    }
}
