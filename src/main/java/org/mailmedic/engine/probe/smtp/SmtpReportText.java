package org.mailmedic.engine.probe.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.probe.mtasts.MtaStsResult;

/**
 * The live SMTP/TLS check as plain text for the command line ({@code mailmedic check DOMAIN}
 * without {@code --json}): one block per MX host, then MTA-STS, TLS-RPT and the downgrade risk.
 * Transcripts are left out unless asked for.
 */
public final class SmtpReportText {

    private SmtpReportText() {
    }

    public static String render(SmtpCheckResult r, boolean withTranscripts) {
        StringBuilder b = new StringBuilder();
        b.append("Mail servers of ").append(r.domain()).append(" [").append(tag(r.status())).append("] ")
                .append(r.headline()).append('\n');
        for (HostResult h : r.hosts()) {
            b.append("  ").append(h.name()).append(" (MX ").append(h.preference()).append(") [").append(tag(h.status()))
                    .append("] ").append(h.headline()).append('\n');
            for (SmtpFinding f : h.findings()) {
                finding(b, "    ", f);
            }
            for (AddressResult a : h.addresses()) {
                address(b, a, withTranscripts);
            }
            if (h.dane() != null) {
                b.append("    DANE: ").append(h.dane().headline()).append('\n');
            }
        }
        MtaStsResult sts = r.mtaSts();
        if (sts != null) {
            b.append("  MTA-STS [").append(tag(sts.status())).append("] ").append(sts.headline()).append('\n');
            for (SmtpFinding f : sts.findings()) {
                if (!f.headline().equals(sts.headline())) {
                    finding(b, "    ", f);
                }
            }
        }
        b.append("  DANE: ").append(r.dane()).append('\n');
        DowngradeRisk d = r.downgrade();
        b.append("  Downgrade risk [").append(tag(d.status())).append("] ").append(d.headline()).append('\n');
        for (String step : d.closeBy()) {
            b.append("    - ").append(step).append('\n');
        }
        return b.toString();
    }

    private static void address(StringBuilder b, AddressResult a, boolean withTranscripts) {
        SessionResult s = a.smtp();
        b.append("    ").append(a.address()).append(" port ").append(s.port()).append(": ");
        b.append(s.banner() == null ? "no greeting" : s.banner().rawText() + " (" + s.timeToBannerMillis() + " ms)");
        b.append('\n');
        if (s.ehlo() != null) {
            b.append("      offers: ").append(String.join(" ", s.ehlo().extensions().keySet())).append('\n');
        }
        TlsFacts t = s.tls();
        if (t != null && t.established()) {
            b.append("      TLS: ").append(t.protocol()).append(", ").append(t.cipherSuite()).append('\n');
        }
        if (t != null && !t.chain().isEmpty()) {
            CertificateInfo c = t.chain().get(0);
            b.append("      certificate: ").append(c.subject()).append("; names ")
                    .append(String.join(", ", c.subjectAltNames())).append("; issuer ").append(c.issuer())
                    .append("; valid ").append(CertificateChecker.day(c.notBefore())).append(" to ")
                    .append(CertificateChecker.day(c.notAfter())).append("; ").append(c.keyType()).append(' ')
                    .append(c.keyBits()).append(" bits; ").append(c.signatureAlgorithm()).append('\n');
        }
        if (!a.tlsVersions().isEmpty()) {
            List<String> v = new ArrayList<>();
            for (TlsVersionSupport x : a.tlsVersions()) {
                v.add(MailServerCheck.pretty(x.version()) + " " + x.result());
            }
            b.append("      TLS versions: ").append(String.join(", ", v)).append('\n');
        }
        for (SmtpFinding f : s.findings()) {
            finding(b, "      ", f);
        }
        for (SmtpFinding f : a.findings()) {
            finding(b, "      ", f);
        }
        for (SessionResult sub : new SessionResult[] {a.submission(), a.implicitTls()}) {
            if (sub != null) {
                b.append("      port ").append(sub.port()).append(" [").append(tag(sub.status())).append("] ")
                        .append(sub.headline()).append('\n');
            }
        }
        if (withTranscripts) {
            for (SessionResult x : new SessionResult[] {s, a.submission(), a.implicitTls()}) {
                if (x != null) {
                    b.append("      --- transcript, port ").append(x.port()).append(" ---\n");
                    for (String line : x.transcriptText().split("\n")) {
                        b.append("      ").append(line).append('\n');
                    }
                }
            }
        }
    }

    private static void finding(StringBuilder b, String indent, SmtpFinding f) {
        b.append(indent).append(f.status().json().toUpperCase(Locale.ROOT)).append(": ").append(f.headline()).append('\n');
    }

    private static String tag(Status s) {
        return s.json().toUpperCase(Locale.ROOT);
    }
}
