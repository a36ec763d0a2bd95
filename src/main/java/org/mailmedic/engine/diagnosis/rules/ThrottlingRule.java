package org.mailmedic.engine.diagnosis.rules;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Rule;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * Rate-limit throttling by a destination (founding case 1). Reads the log analysis's throttle
 * patterns (temporary failures with rate/limit wording that start after N accepted messages in
 * 24 h) and bounces whose reason is {@code speeding}; reports one finding per destination with
 * the inferred daily limit, how much mail it holds up, and the pacing fix.
 */
public final class ThrottlingRule implements Rule {

    @Override
    public String kind() {
        return "throttling";
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        Map<String, List<EvidenceSet.Located>> bouncesByDest = new LinkedHashMap<>();
        for (EvidenceSet.Located l : in.evidence().recipients()) {
            if ("speeding".equals(l.recipient().reason())) {
                bouncesByDest.computeIfAbsent(Support.domainOf(l.recipient().recipient()), k -> new java.util.ArrayList<>()).add(l);
            }
        }
        LogAnalysis logs = in.evidence().logs();
        if (logs != null) {
            for (LogAnalysis.Throttle t : logs.throttles()) {
                String dest = t.destination().toLowerCase(Locale.ROOT);
                List<EvidenceSet.Located> bounces = bouncesByDest.getOrDefault(dest, List.of());
                bouncesByDest.remove(dest);
                out.accept(fromLog(in, t, bounces));
            }
        }
        bouncesByDest.forEach((dest, bounces) -> out.accept(fromBounces(in, dest, bounces)));
    }

    private Finding fromLog(DiagnosisInput in, LogAnalysis.Throttle t, List<EvidenceSet.Located> bounces) {
        String dest = t.destination();
        Integer limit = t.inferredDailyLimit();
        Map<String, String> facts = baseFacts(in, dest, bounces);
        if (limit != null && limit > 0) {
            facts.put("limitPerDay", String.valueOf(limit));
            facts.put("delaySeconds", String.valueOf(delaySeconds(limit)));
        }
        facts.put("deferred", String.valueOf(t.deferredMessages()));
        facts.put("expired", String.valueOf(t.expired() + bounces.size()));
        String since = t.onsets().isEmpty() ? "" : Support.day(t.onsets().get(0).at());
        facts.put("since", since);
        String ip = facts.get("serverIp");
        if (ip == null) {
            Stream.concat(t.evidence().stream(), t.onsets().stream().map(LogAnalysis.Onset::evidence))
                    // Only what the destination said counts: "… said: 421 … from 203.0.113.25"
                    .filter(l -> l.text().contains(" said: "))
                    .map(l -> l.text().substring(l.text().indexOf(" said: ") + 7)).map(Support::ipv4In)
                    .flatMap(java.util.Optional::stream).findFirst()
                    .ifPresent(s -> facts.put("serverIp", s));
        }
        String limitText = limit == null ? "only a limited number of messages a day"
                : "only about " + limit + " messages a day";
        String headline = dest + " accepts " + limitText + " from your server";
        String reply = t.typicalReply() == null ? "a temporary error" : "\u201c" + t.typicalReply() + "\u201d";
        String why = "Once your server has delivered " + (limit == null ? "its quota" : "about " + limit + " messages")
                + " to " + dest + " within 24 hours, " + dest + " answers " + reply
                + " and turns the rest away for now. Your server keeps retrying, but while more than that keep "
                + "arriving each day the queue never catches up, and messages still waiting at the end of the "
                + "queue lifetime are returned to their senders as undeliverable.";
        long expired = t.expired();
        String impact = Support.plural(t.deferredMessages(), "message", "messages") + " to " + dest + " held back ("
                + Support.plural(t.deferredAttempts(), "deferred attempt", "deferred attempts") + ")"
                + (since.isEmpty() ? "" : " since " + since) + "; " + expired + " expired in the queue"
                + (bounces.isEmpty() ? "" : "; " + Support.plural(bounces.size(), "bounce", "bounces") + " returned to senders");
        List<EvidenceRef> ev = Support.cap(Stream.concat(Stream.concat(
                t.onsets().stream().map(o -> Support.line(o.evidence())),
                bounces.stream().map(Support::bounce)),
                t.evidence().stream().map(Support::line)));
        Severity sev = expired > 0 || t.bounced() > 0 || !bounces.isEmpty() ? Severity.BLOCKING : Severity.DEGRADING;
        return new Finding(kind(), sev, headline, why, limit != null && t.onsets().size() > 1 ? Confidence.CERTAIN : Confidence.LIKELY,
                impact, ev, dest, facts);
    }

    private Finding fromBounces(DiagnosisInput in, String dest, List<EvidenceSet.Located> bounces) {
        Map<String, String> facts = baseFacts(in, dest, bounces);
        facts.put("expired", String.valueOf(bounces.size()));
        String diag = bounces.get(0).recipient().diagnostic();
        String why = dest + " limits how many messages it accepts from your server and answered \u201c" + diag
                + "\u201d. Your server retried until the message expired and then returned it. Add your mail "
                + "server's log to MailMedic to see the limit per day and how much mail it holds up.";
        return new Finding(kind(), Severity.BLOCKING, dest + " limits how much mail it accepts from your server",
                why, Confidence.LIKELY, Support.plural(bounces.size(), "message", "messages") + " to " + dest
                        + " returned because of the limit",
                Support.cap(bounces.stream().map(Support::bounce)), dest, facts);
    }

    private static Map<String, String> baseFacts(DiagnosisInput in, String dest, List<EvidenceSet.Located> bounces) {
        Map<String, String> facts = new HashMap<>();
        facts.put("destination", dest);
        if (!in.domain().isEmpty()) {
            facts.put("domain", in.domain());
        }
        for (EvidenceSet.Located l : bounces) {
            Support.ipv4In(l.recipient().diagnostic()).ifPresent(ip -> facts.putIfAbsent("serverIp", ip));
            if (!l.recipient().reportingMta().isBlank()) {
                facts.putIfAbsent("mxHost", Support.hostName(l.recipient().reportingMta()));
                facts.putIfAbsent("serverName", Support.hostName(l.recipient().reportingMta()));
            }
            if (!l.recipient().remoteMta().isBlank()) {
                facts.putIfAbsent("destinationMx", Support.hostName(l.recipient().remoteMta()));
            }
            if (in.domain().isEmpty() && l.originalFrom() != null) {
                String d = Support.domainOf(l.originalFrom());
                if (!d.isEmpty()) {
                    facts.putIfAbsent("domain", d);
                }
            }
        }
        return facts;
    }

    /** Seconds between messages that keeps delivery just under {@code limit} a day. */
    static long delaySeconds(int limit) {
        long exact = (long) Math.ceil(86_400.0 / limit);
        return ((exact + 59) / 60) * 60; // whole minutes, rounded up: stays under the limit
    }
}
