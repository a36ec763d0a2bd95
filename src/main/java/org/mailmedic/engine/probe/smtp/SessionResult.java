package org.mailmedic.engine.probe.smtp;

import java.util.List;

/**
 * One SMTP conversation with one address on one port, start to QUIT.
 *
 * @param address          the IP address talked to
 * @param port             the TCP port
 * @param mode             starttls (port 25), submission (587, STARTTLS) or implicit-tls (465)
 * @param connected        the TCP connection was made
 * @param connectMillis    time to connect
 * @param banner           the greeting reply (null when none came)
 * @param timeToBannerMillis from connected to the complete greeting, -1 when none came
 * @param ehlo             the EHLO (or HELO) answer before TLS
 * @param tls              the TLS handshake, null when not attempted
 * @param ehloAfterTls     the EHLO answer over TLS
 * @param recipientProbe   the opt-in recipient probe, null unless asked for
 * @param status           worst status among the findings
 * @param headline         one plain sentence
 * @param findings         what was found, worst first
 * @param transcript       every line sent and received, timestamped
 */
public record SessionResult(String address, int port, String mode, boolean connected, long connectMillis,
        SmtpReply banner, long timeToBannerMillis, EhloInfo ehlo, TlsFacts tls, EhloInfo ehloAfterTls,
        RecipientProbe recipientProbe, Status status, String headline, List<SmtpFinding> findings,
        List<Transcript.Line> transcript) {

    public SessionResult {
        findings = List.copyOf(findings);
        transcript = List.copyOf(transcript);
    }

    /** The transcript as text, one line per entry. */
    public String transcriptText() {
        StringBuilder b = new StringBuilder();
        for (Transcript.Line l : transcript) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    /** Did the server offer STARTTLS (before TLS)? */
    public boolean offersStarttls() {
        return ehlo != null && ehlo.starttls();
    }

    public boolean findingCode(String code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }
}
