package org.mailmedic.engine.diagnosis.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Rule;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * Messages that expired in the queue (retried until the queue lifetime ran out) for a destination
 * whose cause is not already explained by another rule (throttling, STARTTLS): from the log's
 * per-destination expiries and bounces with action failed after retries.
 */
public final class QueueExpiredRule implements Rule {

    /** Causes reported by their own rules; their expiries are part of those findings. */
    private static final Set<String> EXPLAINED = Set.of("speeding", "failedstarttls");

    @Override
    public String kind() {
        return "queue-expired";
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        LogAnalysis logs = in.evidence().logs();
        Set<String> throttled = logs == null ? Set.of()
                : logs.throttles().stream().map(t -> t.destination().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        if (logs != null) {
            for (LogAnalysis.Destination d : logs.destinations()) {
                if (d.expired() == 0 || throttled.contains(d.domain().toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                String reply = d.topReplies().isEmpty() ? "" : d.topReplies().get(0).text();
                out.accept(new Finding(kind(), Severity.BLOCKING,
                        Support.plural(d.expired(), "message", "messages") + " to " + d.domain() + " expired in your queue",
                        "Your server could not deliver to " + d.domain() + " and kept retrying until the queue lifetime "
                        + "ran out, then returned the messages to their senders."
                        + (reply.isEmpty() ? "" : " The last answer was: \u201c" + reply + "\u201d."),
                        Confidence.CERTAIN, d.expired() + " expired, " + d.stillQueued() + " still queued, "
                                + d.deferredAttempts() + " deferred attempts",
                        Support.cap(d.topReplies().stream().map(LogAnalysis.ReplyCount::example)
                                .filter(java.util.Objects::nonNull).map(Support::line)),
                        d.domain(), Map.of("destination", d.domain(), "domain", in.domain(),
                                "expired", String.valueOf(d.expired()))));
            }
        }
        List<EvidenceSet.Located> expired = in.evidence().recipients().stream()
                .filter(l -> l.recipient().expired() && !EXPLAINED.contains(l.recipient().reason())
                        && !throttled.contains(Support.domainOf(l.recipient().recipient())))
                .toList();
        if (logs == null && !expired.isEmpty()) {
            Map<String, List<EvidenceSet.Located>> byDest = expired.stream()
                    .collect(Collectors.groupingBy(l -> Support.domainOf(l.recipient().recipient())));
            byDest.forEach((dest, list) -> out.accept(new Finding(kind(), Severity.BLOCKING,
                    "Mail to " + dest + " expired in the sending server's queue",
                    "The sending server kept retrying and then gave up: " + list.get(0).recipient().plain(),
                    Confidence.CERTAIN, Support.plural(list.size(), "recipient", "recipients"),
                    Support.cap(list.stream().map(Support::bounce)), dest,
                    Map.of("destination", dest, "domain", in.domain(), "expired", String.valueOf(list.size())))));
        }
    }
}
