package org.mailmedic.engine.probe.spf;

import org.mailmedic.engine.probe.dns.DnsNames;

/**
 * Why forwarded mail fails SPF at the last hop, and whether SRS would fix it. A forwarder
 * relays mail from {@code original sender domain} unchanged: the final receiver sees the
 * forwarder's IP with the original MAIL FROM, and evaluates the original domain's SPF against
 * the forwarder's IP — which the original domain never authorized. With the Sender Rewriting
 * Scheme the forwarder rewrites MAIL FROM to an address in its own domain
 * ({@code SRS0=hash=tt=orig.example=user@forwarder.example}), so SPF is evaluated against the
 * forwarder's own policy instead.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7208#appendix-D.1">RFC 7208 Appendix D.1</a>
 */
public final class ForwardingAnalysis {

    /**
     * @param lastHop        SPF of the original domain for the forwarder's IP (what the final receiver sees today)
     * @param withSrs        SPF of the forwarder's domain for its IP (what it would see with SRS), or null
     * @param failsAtLastHop the last hop does not give pass
     * @param srsFixes       with SRS the result is pass
     * @param summary        the explanation in plain words
     */
    public record Result(SpfResult lastHop, SpfResult withSrs, boolean failsAtLastHop, boolean srsFixes, String summary) {
    }

    private ForwardingAnalysis() {
    }

    /**
     * @param forwarderIp     the forwarder's outgoing address
     * @param originalDomain  the original sender's domain (whose mail is forwarded)
     * @param forwarderDomain the forwarder's domain (for the SRS address), or null
     */
    public static Result analyze(SpfEvaluator spf, String forwarderIp, String originalDomain, String forwarderDomain) {
        SpfResult last = spf.checkHost(forwarderIp, originalDomain, "postmaster@" + originalDomain, forwarderDomain == null
                ? "" : forwarderDomain);
        boolean fails = last.result() != SpfResult.Result.PASS;
        SpfResult srs = null;
        if (forwarderDomain != null && DnsNames.parse(forwarderDomain).ok()) {
            String fd = DnsNames.parse(forwarderDomain).name().ascii();
            String srsSender = "SRS0=HHHH=TT=" + originalDomain + "=postmaster@" + fd;
            srs = spf.checkHost(forwarderIp, fd, srsSender, fd);
        }
        boolean fixes = srs != null && srs.result() == SpfResult.Result.PASS;
        StringBuilder s = new StringBuilder();
        if (fails) {
            s.append("Mail from ").append(originalDomain).append(" forwarded through ").append(forwarderIp)
                    .append(" reaches its final receiver from ").append(forwarderIp).append(", which ").append(originalDomain)
                    .append("'s SPF does not authorize: SPF gives ").append(last.result().rfcName())
                    .append(" at the last hop (").append(last.reason()).append("). ");
            if (srs == null) {
                s.append("With SRS the forwarder would rewrite the envelope sender to its own domain, so SPF would be "
                        + "checked against the forwarder's policy instead; give the forwarder's domain to check that it would pass.");
            } else if (fixes) {
                s.append("With SRS (envelope sender rewritten to ").append(srs.domain()).append(") SPF would pass, because ")
                        .append(srs.domain()).append(" authorizes ").append(forwarderIp).append(".");
            } else {
                s.append("With SRS the envelope sender would be in ").append(srs.domain()).append(", whose SPF gives ")
                        .append(srs.result().rfcName()).append(" for ").append(forwarderIp)
                        .append(": the forwarder must also list that address in its own SPF record.");
            }
        } else {
            s.append(originalDomain).append("'s SPF authorizes ").append(forwarderIp)
                    .append(", so forwarded mail passes SPF at the last hop (").append(last.reason()).append(").");
        }
        return new Result(last, srs, fails, fixes, s.toString());
    }
}
