package org.mailmedic.engine.probe.smtp;

import java.util.List;
import org.mailmedic.engine.probe.mtasts.MtaStsResult;

/**
 * The live SMTP/TLS check of one domain: one entry per MX host, MTA-STS, and the downgrade risk.
 * This is the {@code smtp} section of {@code mailmedic check DOMAIN --json}.
 *
 * @param domain        the domain checked
 * @param hosts         per MX host, by preference
 * @param mtaSts        MTA-STS and TLS-RPT (null when not checked)
 * @param dane          DANE for the whole domain, one sentence (per-host detail is in each host)
 * @param downgrade     can STARTTLS be stripped?
 * @param status        worst status
 * @param headline      the one sentence for the top of the report
 * @param elapsedMillis wall time of the whole check
 */
public record SmtpCheckResult(String domain, List<HostResult> hosts, MtaStsResult mtaSts, String dane,
        DowngradeRisk downgrade,
        Status status, String headline, long elapsedMillis) {

    public SmtpCheckResult {
        hosts = List.copyOf(hosts);
    }
}
