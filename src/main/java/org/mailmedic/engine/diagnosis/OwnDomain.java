package org.mailmedic.engine.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailmedic.engine.diagnosis.EvidenceRef.Kind;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * The user's own domain as the evidence names it, and where it was read, so that the Live check
 * can offer it instead of an empty field and say where it came from.
 *
 * <p>Which side of a bounce is the user's depends on the case, and the rules already know it:
 * a message the user's server returned (queue expired, throttled) names the user as its sender;
 * a bounce a correspondent forwarded (Gmail could not hand over mail over TLS) names the user as
 * its recipient; forwarded mail in a log names the user's domain as the original recipient. So
 * the domain is the {@code domain} fact of the most serious finding that has one (findings as
 * the Diagnoser orders them), and the source names the file and the role the domain has there;
 * without such a finding, the sender of a returned message (as {@code ReportAssembler} does).
 */
public final class OwnDomain {

    /**
     * A domain and where it was read.
     *
     * @param domain lower case, e.g. {@code harbourbooks.co.uk}
     * @param source for the user, e.g. {@code bounce-expired.eml (sender of the returned message)}
     */
    public record Guess(String domain, String source) {
    }

    private OwnDomain() {
    }

    public static Optional<Guess> from(EvidenceSet evidence, List<Finding> findings) {
        for (Finding f : findings) {
            String d = f.facts().get("domain");
            if (d != null && isDomain(d.strip())) {
                String domain = d.strip().toLowerCase(Locale.ROOT);
                return Optional.of(new Guess(domain, source(domain, evidence, f)));
            }
        }
        if (evidence != null) {
            for (EvidenceSet.Located l : evidence.recipients()) {
                String d = domainOf(l.originalFrom());
                if (isDomain(d)) {
                    return Optional.of(new Guess(d, l.file() + " (sender of the returned message)"));
                }
            }
            return fromLog(evidence.logs());
        }
        return Optional.empty();
    }

    /** A domain sending at least this share (percent) of a log's messages is the user's. */
    static final double LOG_SENDER_SHARE = 50;

    /**
     * The domain that sends most of the mail in the logs, when one clearly does: the server relays
     * the user's own mail (on a receiving server the senders are too many for one to lead so).
     */
    private static Optional<Guess> fromLog(LogAnalysis logs) {
        if (logs == null || logs.senderDomains().isEmpty()) {
            return Optional.empty();
        }
        LogAnalysis.SenderDomain top = logs.senderDomains().get(0);
        if (top.share() < LOG_SENDER_SHARE || !isDomain(top.domain())) {
            return Optional.empty();
        }
        String file = logs.files().isEmpty() ? "the log" : EvidenceRef.fileName(logs.files().get(0).file());
        return Optional.of(new Guess(top.domain(), file + " (sender of " + Math.round(top.share())
                + "% of the messages)"));
    }

    private static String source(String domain, EvidenceSet evidence, Finding f) {
        if (evidence != null) {
            for (EvidenceSet.Located l : evidence.recipients()) {
                if (domain.equals(domainOf(l.originalFrom()))) {
                    return l.file() + " (sender of the returned message)";
                }
            }
            for (EvidenceSet.Located l : evidence.recipients()) {
                if (domain.equals(domainOf(l.recipient().recipient()))) {
                    return l.file() + " (recipient " + l.recipient().recipient().strip() + ")";
                }
            }
        }
        for (EvidenceRef r : f.evidence()) {
            if (r.kind() == Kind.LOG_LINE && r.text().toLowerCase(Locale.ROOT).contains("@" + domain)) {
                return r.where() + " (an address at " + domain + ")";
            }
        }
        return "the evidence (" + f.headline() + ")";
    }

    static String domainOf(String address) {
        if (address == null) {
            return "";
        }
        String a = address.strip();
        int lt = a.lastIndexOf('<');
        int gt = a.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            a = a.substring(lt + 1, gt);
        }
        int at = a.lastIndexOf('@');
        return at < 0 ? "" : a.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** A plausible domain name: dot-separated labels of letters, digits and hyphens. */
    static boolean isDomain(String d) {
        return d != null && d.length() <= 253 && d.matches("(?i)[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}\\.)+[\\p{L}\\p{N}-]{2,63}\\.?");
    }
}
