package org.mailmedic.engine.probe.mtasts;

import java.util.List;
import org.mailmedic.engine.probe.smtp.SmtpFinding;
import org.mailmedic.engine.probe.smtp.Status;
import org.mailmedic.engine.probe.smtp.TlsFacts;

/**
 * MTA-STS for one domain (RFC 8461) with its TLS-RPT record (RFC 8460).
 *
 * @param domain       the mail domain
 * @param txtRecord    the {@code _mta-sts} TXT record, null when absent
 * @param policyId     its id= value
 * @param policyUrl    the URL fetched (null when not fetched)
 * @param httpStatus   HTTP status of the fetch, -1 when none
 * @param policyText   the policy file as served (capped), null when not fetched
 * @param policy       the parsed policy, null when none was fetched
 * @param https        the HTTPS handshake with its certificate verdict, null when not reached
 * @param mxMatches    each MX host against the policy's mx patterns
 * @param tlsRpt       the TLS-RPT record
 * @param enforced     a valid enforce-mode policy that covers every MX host
 * @param status       overall status
 * @param headline     plain verdict
 * @param findings     every finding, worst first
 */
public record MtaStsResult(String domain, String txtRecord, String policyId, String policyUrl, int httpStatus,
        String policyText, MtaStsPolicy policy, TlsFacts https, List<MxMatch> mxMatches, TlsRpt tlsRpt,
        boolean enforced, Status status, String headline, List<SmtpFinding> findings) {

    public MtaStsResult {
        mxMatches = List.copyOf(mxMatches);
        findings = List.copyOf(findings);
    }

    /**
     * @param mx      the MX host
     * @param pattern the policy's mx pattern that covers it, null when none does
     */
    public record MxMatch(String mx, String pattern) {
        public boolean covered() {
            return pattern != null;
        }
    }
}
