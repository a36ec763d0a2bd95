package org.mailmedic.engine.probe.smtp;

import java.util.List;

/**
 * Whether a server accepts one TLS version.
 *
 * @param version TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3
 * @param result  accepted, rejected or not-tested
 * @param weak    accepted and deprecated (TLS 1.0/1.1, RFC 8996)
 * @param detail  how we know (the ServerHello, the alert) or why it was not tested
 * @param transcript the probe's own conversation, timestamped
 */
public record TlsVersionSupport(String version, String result, boolean weak, String detail,
        List<Transcript.Line> transcript) {

    public TlsVersionSupport {
        transcript = List.copyOf(transcript);
    }

    TlsVersionSupport(String version, String result, boolean weak, String detail) {
        this(version, result, weak, detail, List.of());
    }

    static TlsVersionSupport notTested(String version, String why) {
        return new TlsVersionSupport(version, "not-tested", false, why);
    }

    TlsVersionSupport withTranscript(List<Transcript.Line> lines) {
        return new TlsVersionSupport(version, result, weak, detail, lines);
    }

    public boolean accepted() {
        return "accepted".equals(result);
    }
}
