package org.mailmedic.engine.diagnosis;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.evidence.EvidenceKind;

/**
 * Guesses which mail server the user runs, so that fixes are written for it: from the logs they
 * handed in (the strongest sign), then from their server's SMTP banner. The user can override.
 */
public final class MtaDetector {

    private MtaDetector() {
    }

    /** The server whose logs appear most among the evidence, if any. */
    public static Optional<MailServer> fromEvidence(Collection<EvidenceFile> files) {
        Map<MailServer, Integer> votes = new EnumMap<>(MailServer.class);
        for (EvidenceFile f : files) {
            if (!f.usable()) {
                continue;
            }
            MailServer s = forKind(f.kind());
            if (s != null) {
                votes.merge(s, 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    static MailServer forKind(EvidenceKind kind) {
        return switch (kind) {
            case POSTFIX_LOG -> MailServer.POSTFIX;
            case SENDMAIL_LOG -> MailServer.SENDMAIL;
            case EXIM_LOG -> MailServer.EXIM;
            case EXCHANGE_LOG, M365_TRACE -> MailServer.EXCHANGE;
            default -> null;
        };
    }

    /**
     * From an SMTP greeting or EHLO reply, e.g. {@code 220 mail.example.com ESMTP Postfix (Debian/GNU)},
     * {@code 220 mx.example.com ESMTP Sendmail 8.17.1/8.17.1}, {@code 220 mx ESMTP Exim 4.96},
     * {@code 220 EX01.example.local Microsoft ESMTP MAIL Service ready}. Many servers hide their
     * name; then nothing is guessed.
     */
    public static Optional<MailServer> fromBanner(String banner) {
        if (banner == null) {
            return Optional.empty();
        }
        String b = banner.toLowerCase(Locale.ROOT);
        if (b.contains("postfix")) {
            return Optional.of(MailServer.POSTFIX);
        }
        if (b.contains("sendmail")) {
            return Optional.of(MailServer.SENDMAIL);
        }
        if (b.contains("exim")) {
            return Optional.of(MailServer.EXIM);
        }
        if (b.contains("microsoft esmtp") || b.contains("outlook.com") || b.contains("protection.outlook")) {
            return Optional.of(MailServer.EXCHANGE);
        }
        return Optional.empty();
    }
}
