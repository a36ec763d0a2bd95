package org.mailmedic.engine.diagnosis.rules;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.probe.CheckResult;

/**
 * SPF fail, softfail or permerror: the live SPF evaluation of the user's domain (record errors,
 * too many lookups, void lookups, the sending IP not allowed), SPF rejections in the log, and
 * bounces rejected for SPF. Reports {@code spf-permerror} when the record itself is broken,
 * otherwise {@code spf-fail}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7208">RFC 7208</a>
 */
public final class SpfRule extends PolicyRule {

    @Override
    public String kind() {
        return "spf-fail";
    }

    @Override
    String kindFor(Optional<CheckResult> live) {
        return broken(live) ? "spf-permerror" : "spf-fail";
    }

    private static boolean broken(Optional<CheckResult> live) {
        return live.map(c -> c.facts().containsKey("spf.permerror") || "multiple".equals(c.facts().get("spf.record")))
                .orElse(false);
    }

    @Override
    String checkId() {
        return "spf";
    }

    @Override
    String logKind() {
        return "spf";
    }

    @Override
    boolean matches(EvidenceSet.Located b) {
        return mentions(b, Set.of("authfailure", "rejected", "policyviolation"), "spf", "sender policy framework");
    }

    @Override
    void addFacts(Map<String, String> facts, Optional<CheckResult> live, DiagnosisInput in) {
        live.ifPresent(c -> {
            String rec = c.facts().get("spf.record");
            if (rec != null && rec.startsWith("v=spf1")) {
                facts.put("spfRecord", rec);
            }
            if (c.facts().get("spf.ip") != null) {
                facts.put("serverIp", c.facts().get("spf.ip"));
            }
        });
    }

    @Override
    String[] words(Optional<CheckResult> live, long rejections, int bounces, DiagnosisInput in) {
        boolean perm = broken(live);
        String d = in.domain().isEmpty() ? "your domain" : in.domain();
        if (perm) {
            return new String[] {"The SPF record of " + d + " is broken, so receivers cannot check it",
                live.get().headline() + " Receivers treat a broken SPF record as an error: some reject the mail, "
                    + "others count it against you."};
        }
        if (live.isPresent()) {
            return new String[] {live.get().headline(), String.join(" ", live.get().details())};
        }
        return new String[] {"Receivers reject mail because SPF does not allow the sending server",
            "SPF lists the servers allowed to send mail for a domain. The receiving servers found that the server "
                + "that handed them the mail is not on that list, so they refused it. Either the SPF record misses "
                + "your server, or the mail was forwarded."};
    }
}
