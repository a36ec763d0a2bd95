package org.mailmedic.engine.diagnosis.rules;

import java.util.Optional;
import java.util.Set;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.probe.CheckResult;

/**
 * Missing or non-confirming reverse DNS (PTR) for the user's mail servers or sending IP: the live
 * check and bounces refused for it ({@code requireptr}).
 */
public final class ReverseDnsRule extends PolicyRule {

    @Override
    public String kind() {
        return "reverse-dns";
    }

    @Override
    String checkId() {
        return "rdns";
    }

    @Override
    String logKind() {
        return null;
    }

    @Override
    boolean matches(EvidenceSet.Located b) {
        return "requireptr".equals(b.recipient().reason());
    }

    @Override
    String[] words(Optional<CheckResult> live, long rejections, int bounces, DiagnosisInput in) {
        if (live.isPresent()) {
            return new String[] {live.get().headline(), String.join(" ", live.get().details())};
        }
        return new String[] {"Receivers refuse mail because your server's address has no proper reverse DNS name",
            "Many receivers look up the name behind the sending server's IP address (reverse DNS) and check that "
                + "the name points back to the same address. Yours is missing or does not match, so they refuse "
                + "the mail as likely spam."};
    }
}
