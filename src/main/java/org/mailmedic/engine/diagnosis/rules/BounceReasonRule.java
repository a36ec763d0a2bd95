package org.mailmedic.engine.diagnosis.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Rule;
import org.mailmedic.engine.diagnosis.Severity;

/**
 * Faults on the recipient's side that the bounce states outright: recipient unknown, mailbox
 * full, message too large. One finding per kind, listing the recipients; the sisimai reasons
 * decide membership.
 */
public final class BounceReasonRule implements Rule {

    private final String kind;
    private final Set<String> reasons;
    private final Severity severity;
    private final String headlineOne;
    private final String headlineMany;
    private final String why;

    private BounceReasonRule(String kind, Set<String> reasons, Severity severity, String headlineOne,
            String headlineMany, String why) {
        this.kind = kind;
        this.reasons = reasons;
        this.severity = severity;
        this.headlineOne = headlineOne;
        this.headlineMany = headlineMany;
        this.why = why;
    }

    public static BounceReasonRule recipientUnknown() {
        return new BounceReasonRule("recipient-unknown", Set.of("userunknown", "hostunknown"), Severity.BLOCKING,
                "The address %s does not exist", "%d addresses do not exist",
                "The receiving server says there is no such mailbox (or no such domain). Retrying will not help: "
                + "check the address for typos, or ask the person for their current address.");
    }

    public static BounceReasonRule mailboxFull() {
        return new BounceReasonRule("mailbox-full", Set.of("mailboxfull"), Severity.DEGRADING,
                "The mailbox of %s is full", "%d recipients' mailboxes are full",
                "The recipient's mailbox has no room left. Only they (or their provider) can make space; mail "
                + "sent again after that will arrive.");
    }

    public static BounceReasonRule messageTooLarge() {
        return new BounceReasonRule("message-too-large", Set.of("mesgtoobig", "exceedlimit"), Severity.DEGRADING,
                "The message to %s was too large", "Messages to %d recipients were too large",
                "The receiving server refuses messages over a size limit. Send large files as a download link, or "
                + "split the attachments over several messages.");
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        List<EvidenceSet.Located> hits = in.evidence().recipients().stream()
                .filter(l -> reasons.contains(l.recipient().reason())).toList();
        if (hits.isEmpty()) {
            return;
        }
        List<String> who = hits.stream().map(l -> l.recipient().recipient()).distinct().toList();
        String headline = who.size() == 1 ? String.format(headlineOne, who.get(0)) : String.format(headlineMany, who.size());
        String first = who.get(0);
        out.accept(new Finding(kind, severity, headline, why, Confidence.CERTAIN,
                String.join(", ", who.stream().limit(10).toList()) + (who.size() > 10 ? " and " + (who.size() - 10) + " more" : ""),
                Support.cap(hits.stream().map(Support::bounce)), Support.domainOf(first),
                Map.of("recipient", first, "destination", Support.domainOf(first), "domain", in.domain(),
                        "bounceText", hits.get(0).recipient().diagnostic())));
    }
}
