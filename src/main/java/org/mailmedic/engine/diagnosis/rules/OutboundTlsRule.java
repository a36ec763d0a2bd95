package org.mailmedic.engine.diagnosis.rules;

import java.util.Map;
import java.util.function.Consumer;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Rule;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * The user's server fails to set up TLS when delivering to a destination. Reads the log's
 * outbound TLS failures, one finding per destination.
 */
public final class OutboundTlsRule implements Rule {

    @Override
    public String kind() {
        return "outbound-tls";
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        if (in.evidence().logs() == null) {
            return;
        }
        for (LogAnalysis.TlsFailures f : in.evidence().logs().tlsOutbound()) {
            String reasons = f.reasons().stream().map(LogAnalysis.ReasonCount::reason).limit(3)
                    .reduce((a, b) -> a + "; " + b).orElse("handshake failed");
            out.accept(new Finding(kind(), Severity.DEGRADING,
                    "Your server cannot set up encryption when delivering to " + f.peer(),
                    "The encrypted connection to " + f.peer() + " fails (" + reasons + "). Depending on your "
                    + "settings your server then delivers unencrypted, retries later, or gives up.",
                    Confidence.CERTAIN, Support.plural(f.failures(), "failed handshake", "failed handshakes")
                            + " since " + Support.day(f.first()),
                    Support.cap(f.evidence().stream().map(Support::line)), f.peer(),
                    Map.of("destination", f.peer(), "domain", in.domain())));
        }
    }
}
