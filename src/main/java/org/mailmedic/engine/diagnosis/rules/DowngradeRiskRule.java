package org.mailmedic.engine.diagnosis.rules;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Rule;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.probe.smtp.DowngradeRisk;

/**
 * STARTTLS without MTA-STS or DANE: encryption is offered but not required, so anyone in the
 * path can strip it. Advice level; reads the SMTP check's downgrade-risk summary.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8461">RFC 8461</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7672">RFC 7672</a>
 */
public final class DowngradeRiskRule implements Rule {

    @Override
    public String kind() {
        return "downgrade-risk";
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        if (in.smtp() == null || in.smtp().downgrade() == null) {
            return;
        }
        DowngradeRisk d = in.smtp().downgrade();
        if (!d.starttlsEverywhere() || d.mtaStsEnforced() || d.daneProtected()) {
            return; // no STARTTLS at all is another finding; protected domains need nothing
        }
        out.accept(new Finding(kind(), Severity.ADVICE, d.headline(),
                d.detail() + (d.closeBy().isEmpty() ? "" : " What closes it: " + String.join("; ", d.closeBy()) + "."),
                Confidence.CERTAIN, "", List.of(EvidenceRef.live("MTA-STS / DANE", d.headline())), in.domain(),
                Map.of("domain", in.domain())));
    }
}
