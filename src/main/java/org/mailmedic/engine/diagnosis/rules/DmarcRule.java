package org.mailmedic.engine.diagnosis.rules;

import java.util.Optional;
import java.util.Set;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.probe.CheckResult;

/**
 * DMARC: a missing, invalid or weak policy for the user's domain (live), DMARC rejections in the
 * log, and bounces refused under a DMARC policy.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7489">RFC 7489</a>
 */
public final class DmarcRule extends PolicyRule {

    @Override
    public String kind() {
        return "dmarc";
    }

    @Override
    String checkId() {
        return "dmarc";
    }

    @Override
    String logKind() {
        return "dmarc";
    }

    @Override
    boolean matches(EvidenceSet.Located b) {
        return mentions(b, Set.of("authfailure", "rejected", "policyviolation", "filtered"), "dmarc");
    }

    @Override
    String[] words(Optional<CheckResult> live, long rejections, int bounces, DiagnosisInput in) {
        if (live.isPresent() && rejections == 0 && bounces == 0) {
            return new String[] {live.get().headline(), String.join(" ", live.get().details())};
        }
        return new String[] {"Receivers reject mail under a DMARC policy",
            "DMARC asks receivers to check that a message really comes from the domain in its From line, by SPF "
                + "or DKIM. These messages passed neither in a way that matches the From domain, so the receiver "
                + "followed the domain's policy and refused them."};
    }
}
