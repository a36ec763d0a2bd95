package org.mailmedic.ui.export;

import java.util.List;
import java.util.Map;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;

/**
 * What the Export screen and File &gt; Save session need from the rest of the window: the
 * session's current state. {@link #snapshot()} is called on the FX thread and must be cheap
 * (copy references, read nothing from disk); the export then works on the snapshot in the
 * background.
 */
@FunctionalInterface
public interface ReportSource {

    Snapshot snapshot();

    /**
     * The session's state at one moment. Everything but {@code files} and {@code findings} may be
     * null/empty; what is missing is worked out in the background: {@code evidence} is read from
     * {@code files}, {@code forecast} inferred from the logs, {@code domain} taken from the
     * evidence.
     *
     * @param domain   the user's domain, or "" (then taken from the evidence)
     * @param files    the evidence files as listed on the Evidence screen
     * @param evidence the analysed evidence, or null to analyse {@code files} again
     * @param findings the diagnosis, most serious first
     * @param server   the mail server chosen on the Findings screen, or null
     * @param verify   the last verify result per finding kind
     * @param dns      the live DNS check, or null
     * @param smtp     the live SMTP check, or null
     * @param forecast the forecast as shown on the Forecast screen, or null to infer one from the logs
     */
    record Snapshot(String domain, List<EvidenceFile> files, EvidenceSet evidence, List<Finding> findings,
            MailServer server, Map<String, VerifyResult> verify, DomainCheckResult dns, SmtpCheckResult smtp,
            Forecast forecast) {
        public Snapshot {
            domain = domain == null ? "" : domain;
            files = files == null ? List.of() : List.copyOf(files);
            findings = findings == null ? List.of() : List.copyOf(findings);
            verify = verify == null ? Map.of() : Map.copyOf(verify);
        }

        public static Snapshot of(List<EvidenceFile> files, List<Finding> findings, MailServer server) {
            return new Snapshot("", files, null, findings, server, Map.of(), null, null, null);
        }
    }
}
