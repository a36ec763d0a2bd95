package org.mailmedic.engine.diagnosis.rules;

import java.util.Optional;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.Status;

/** Null MX, no MX, MX to a CNAME or an IP literal, MX hosts without addresses: the live MX check. */
public final class MxRule extends PolicyRule {

    @Override
    public String kind() {
        return "mx-problem";
    }

    @Override
    String checkId() {
        return "mx";
    }

    @Override
    String logKind() {
        return null;
    }

    @Override
    boolean matches(EvidenceSet.Located b) {
        return false;
    }

    @Override
    Severity severity(Optional<CheckResult> live, long perm, int bounces) {
        return live.map(c -> c.status() == Status.FAIL ? Severity.BLOCKING : Severity.DEGRADING).orElse(Severity.DEGRADING);
    }

    @Override
    String[] words(Optional<CheckResult> live, long rejections, int bounces, DiagnosisInput in) {
        CheckResult c = live.orElseThrow();
        return new String[] {c.headline(), String.join(" ", c.details())};
    }
}
