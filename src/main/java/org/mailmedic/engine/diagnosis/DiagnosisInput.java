package org.mailmedic.engine.diagnosis;

import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;

/**
 * What the rules look at: the evidence from files, and the live checks of the user's domain
 * (each null when not run).
 *
 * @param domain   the user's own domain, when known ("" otherwise)
 * @param evidence files, bounces and logs
 * @param dns      the DNS checks of {@code domain}
 * @param smtp     the SMTP/TLS checks of {@code domain}'s mail servers
 */
public record DiagnosisInput(String domain, EvidenceSet evidence, DomainCheckResult dns, SmtpCheckResult smtp) {

    public DiagnosisInput {
        domain = domain == null ? "" : domain;
        evidence = evidence == null ? EvidenceSet.empty() : evidence;
    }
}
