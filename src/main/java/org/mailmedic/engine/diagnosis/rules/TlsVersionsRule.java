package org.mailmedic.engine.diagnosis.rules;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Rule;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.TlsVersionSupport;

/**
 * Outdated TLS on the user's mail servers: reads the live check's per-version probes (TLS 1.0 /
 * 1.1 accepted is advice; only outdated versions accepted is blocking, since modern senders have
 * switched them off).
 */
public final class TlsVersionsRule implements Rule {

    @Override
    public String kind() {
        return "tls-old-versions";
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        if (in.smtp() == null) {
            return;
        }
        for (HostResult h : in.smtp().hosts()) {
            boolean onlyLegacy = Support.smtpFindings(in).anyMatch(f -> f.host().equals(h.name()) && f.code().equals("tls-only-legacy"));
            List<String> weak = h.addresses().stream().map(AddressResult::tlsVersions).filter(v -> v != null)
                    .flatMap(List::stream).filter(v -> v.weak() && "accepted".equalsIgnoreCase(v.result()))
                    .map(TlsVersionSupport::version).distinct().sorted().toList();
            if (!onlyLegacy && weak.isEmpty()) {
                continue;
            }
            String versions = weak.isEmpty() ? "outdated TLS" : String.join(" and ", weak);
            String headline = onlyLegacy ? h.name() + " speaks only outdated TLS, which senders have switched off"
                    : h.name() + " still accepts " + versions;
            String why = onlyLegacy
                    ? "Current mail servers no longer use TLS 1.0 or 1.1, so they cannot set up encryption with "
                      + h.name() + "; strict senders then give up."
                    : "TLS 1.0 and 1.1 have known weaknesses. Mail still flows because senders pick a newer "
                      + "version, but switching the old ones off is recommended (RFC 8996).";
            out.accept(new Finding(kind(), onlyLegacy ? Severity.BLOCKING : Severity.ADVICE, headline, why,
                    Confidence.CERTAIN, "", Support.cap(Support.smtpFindings(in)
                            .filter(f -> f.host().equals(h.name()) && (f.code().startsWith("tls-") || f.code().equals("not-tested")))
                            .map(f -> Support.live(f.host(), f.finding()))),
                    h.name(), Map.of("mxHost", h.name(), "domain", in.domain())));
        }
    }
}
