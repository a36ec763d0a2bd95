package org.mailmedic.engine.diagnosis.rules;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.Status;

/**
 * The sending IP is on a blacklist: the live DNSBL check (listed, not the lists' error answers),
 * blocklist rejections in the log, and bounces refused for reputation or a listing.
 */
public final class BlacklistRule extends PolicyRule {

    @Override
    public String kind() {
        return "blacklisted";
    }

    @Override
    String checkId() {
        return "dnsbl";
    }

    @Override
    String logKind() {
        return "blocklist";
    }

    @Override
    boolean liveIsFault(CheckResult c) {
        return c.status() == Status.FAIL || !"0".equals(c.facts().getOrDefault("dnsbl.listed", "0"));
    }

    @Override
    boolean matches(EvidenceSet.Located b) {
        return mentions(b, Set.of("blocked", "badreputation", "rejected", "spamdetected"),
                "blacklist", "blocklist", "block list", "spamhaus", "barracuda", "spamcop", "listed", "reputation");
    }

    @Override
    void addFacts(Map<String, String> facts, Optional<CheckResult> live, DiagnosisInput in) {
        live.ifPresent(c -> c.details().stream().filter(d -> d.toLowerCase(java.util.Locale.ROOT).contains("listed"))
                .findFirst().ifPresent(d -> facts.put("blacklist", d)));
    }

    @Override
    String[] words(Optional<CheckResult> live, long rejections, int bounces, DiagnosisInput in) {
        if (live.isPresent()) {
            return new String[] {live.get().headline(), String.join(" ", live.get().details())};
        }
        return new String[] {"Receivers refuse your mail because of your server's reputation or a blacklist",
            "Some receivers look up the sending server's address in blacklists of known spam sources. Yours was "
                + "found there (or judged to have a poor reputation), so they refuse its mail until the cause is "
                + "fixed and the listing removed."};
    }
}
