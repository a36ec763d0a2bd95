package org.mailmedic.engine.diagnosis.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Rule;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.probe.CheckResult;

/**
 * Forwarding without SRS, the trigger of founding case 1: mail for the user's domain is
 * forwarded to an outside mailbox with the original sender kept, so SPF fails at the last hop
 * and the destination counts it against the user's server. Reads Postfix delivery lines where
 * {@code orig_to=} (the address on the user's domain) differs from {@code to=} (the outside
 * mailbox), and the live forwarding analysis when the user ran one.
 */
public final class ForwardingRule implements Rule {

    // Postfix: "to=<x@btinternet.com>, orig_to=<info@harbourbooks.co.uk>, relay=..."
    private static final Pattern FORWARD = Pattern.compile("to=<([^>]*)>, orig_to=<([^>]*)>");

    @Override
    public String kind() {
        return "forwarding-without-srs";
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        LogAnalysis logs = in.evidence().logs();
        Map<String, List<LogAnalysis.LogLine>> byDest = new HashMap<>();
        Map<String, String> localDomain = new HashMap<>();
        if (logs != null) {
            Stream<LogAnalysis.LogLine> lines = Stream.concat(
                    logs.throttles().stream().flatMap(t -> Stream.concat(t.evidence().stream(),
                            t.onsets().stream().map(LogAnalysis.Onset::evidence))),
                    logs.destinations().stream().flatMap(d -> d.topReplies().stream()).map(LogAnalysis.ReplyCount::example)
                            .filter(java.util.Objects::nonNull));
            lines.distinct().forEach(l -> {
                Matcher m = FORWARD.matcher(l.text());
                if (m.find()) {
                    String to = Support.domainOf(m.group(1));
                    String orig = Support.domainOf(m.group(2));
                    if (!to.isEmpty() && !orig.isEmpty() && !to.equals(orig)) {
                        byDest.computeIfAbsent(to, k -> new java.util.ArrayList<>()).add(l);
                        localDomain.put(to, orig);
                    }
                }
            });
        }
        CheckResult fwd = Support.checks(in).filter(c -> c.facts().containsKey("forwarding.lastHop")).findFirst().orElse(null);
        for (var e : byDest.entrySet()) {
            String dest = e.getKey();
            String domain = in.domain().isEmpty() ? localDomain.get(dest) : in.domain();
            boolean throttled = logs.throttles().stream().anyMatch(t -> t.destination().equalsIgnoreCase(dest));
            Map<String, String> facts = new HashMap<>(Map.of("destination", dest, "domain", domain));
            List<EvidenceRef> ev = Support.cap(Stream.concat(e.getValue().stream().map(Support::line),
                    fwd == null ? Stream.empty() : Stream.of(Support.live(fwd))));
            out.accept(new Finding(kind(), throttled ? Severity.BLOCKING : Severity.DEGRADING,
                    "Mail for " + domain + " is forwarded to " + dest + " with the original sender kept",
                    "Your server passes on mail for addresses at " + domain + " to mailboxes at " + dest
                    + ", including spam, under the original senders' names. " + dest + " checks SPF against your "
                    + "server, which is not allowed to send for those senders, so SPF fails; the spam counts against "
                    + "your server's reputation" + (throttled ? " and uses up the daily quota " + dest + " allows you" : "")
                    + ". Sender rewriting (SRS) or collecting the mail instead of forwarding it fixes this.",
                    fwd != null ? Confidence.CERTAIN : Confidence.LIKELY,
                    "forwarded deliveries to " + dest + " seen among the evidence lines" + (throttled ? "; " + dest + " throttles your server" : ""),
                    ev, dest, facts));
        }
        if (byDest.isEmpty() && fwd != null && !"pass".equalsIgnoreCase(fwd.facts().get("forwarding.lastHop"))) {
            out.accept(new Finding(kind(), Severity.DEGRADING, fwd.headline(), String.join(" ", fwd.details()),
                    Confidence.CERTAIN, "", List.of(Support.live(fwd)), in.domain(), Map.of("domain", in.domain())));
        }
    }
}
