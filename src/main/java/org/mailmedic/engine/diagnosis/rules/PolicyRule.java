package org.mailmedic.engine.diagnosis.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.Status;

/**
 * Shared shape of the rules where three kinds of evidence point at one fault: a live DNS check
 * that warns or fails, rejections seen in the log (by policy kind), and bounces (by reason and
 * wording). Everything is merged into one finding per kind.
 */
abstract class PolicyRule implements Rule {

    /** The DNS check id ("spf", "dmarc", "dnsbl", "rdns", "mx"), or null. */
    abstract String checkId();

    /** The log's policy-rejection kind ("spf", "dmarc", "blocklist"), or null. */
    abstract String logKind();

    /** Does this bounced recipient belong to this rule? */
    abstract boolean matches(EvidenceSet.Located bounce);

    /** Headline and why, given what was seen. */
    abstract String[] words(Optional<CheckResult> live, long rejections, int bounces, DiagnosisInput in);

    /** Does the live result, on its own, make a finding? */
    boolean liveIsFault(CheckResult c) {
        return c.status() == Status.FAIL || c.status() == Status.WARN;
    }

    Severity severity(Optional<CheckResult> live, long permanentRejections, int bounces) {
        return permanentRejections > 0 || bounces > 0 || live.map(c -> c.status() == Status.FAIL).orElse(false)
                ? Severity.BLOCKING : Severity.DEGRADING;
    }

    void addFacts(Map<String, String> facts, Optional<CheckResult> live, DiagnosisInput in) {
    }

    /** The finding kind for what was seen (a rule may report one of two kinds). */
    String kindFor(Optional<CheckResult> live) {
        return kind();
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        Optional<CheckResult> live = checkId() == null ? Optional.empty()
                : Support.check(in, checkId()).filter(this::liveIsFault);
        List<LogAnalysis.PolicyRejections> rejections = in.evidence().logs() == null || logKind() == null ? List.of()
                : in.evidence().logs().policyRejections().stream().filter(p -> logKind().equals(p.kind())).toList();
        List<EvidenceSet.Located> bounces = in.evidence().recipients().stream().filter(this::matches).toList();
        if (live.isEmpty() && rejections.isEmpty() && bounces.isEmpty()) {
            return;
        }
        long temp = rejections.stream().mapToLong(LogAnalysis.PolicyRejections::temporary).sum();
        long perm = rejections.stream().mapToLong(LogAnalysis.PolicyRejections::permanent).sum();
        Map<String, String> facts = new HashMap<>();
        if (!in.domain().isEmpty()) {
            facts.put("domain", in.domain());
        }
        bounces.stream().map(b -> Support.ipv4In(b.recipient().diagnostic())).flatMap(Optional::stream).findFirst()
                .ifPresent(ip -> facts.put("serverIp", ip));
        bounces.stream().map(EvidenceSet.Located::originalFrom).filter(f -> f != null && f.contains("@")).findFirst()
                .ifPresent(f -> facts.putIfAbsent("domain", Support.domainOf(f)));
        rejections.stream().findFirst().ifPresent(r -> facts.put("destination", r.destination()));
        addFacts(facts, live, in);
        String[] w = words(live, temp + perm, bounces.size(), in);
        List<String> impact = new ArrayList<>();
        if (!rejections.isEmpty()) {
            impact.add((temp + perm) + " rejections in your log (" + perm + " permanent) from "
                    + String.join(", ", rejections.stream().map(LogAnalysis.PolicyRejections::destination).distinct().limit(4).toList()));
        }
        if (!bounces.isEmpty()) {
            impact.add(Support.plural(bounces.size(), "bounced recipient", "bounced recipients"));
        }
        List<EvidenceRef> ev = Support.cap(Stream.concat(Stream.concat(
                live.stream().map(Support::live),
                bounces.stream().map(Support::bounce)),
                rejections.stream().flatMap(r -> r.evidence().stream()).map(Support::line)));
        String subject = live.isPresent() ? in.domain() : facts.getOrDefault("destination", in.domain());
        out.accept(new Finding(kindFor(live), severity(live, perm, bounces.size()), w[0], w[1],
                live.isPresent() || perm + temp > 0 ? Confidence.CERTAIN : Confidence.LIKELY,
                String.join("; ", impact), ev, subject, facts));
    }

    static boolean mentions(EvidenceSet.Located b, Set<String> reasons, String... words) {
        if (!reasons.contains(b.recipient().reason())) {
            return false;
        }
        if (words.length == 0) {
            return true;
        }
        String d = b.recipient().diagnostic().toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (d.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
