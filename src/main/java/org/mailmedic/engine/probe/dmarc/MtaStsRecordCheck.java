package org.mailmedic.engine.probe.dmarc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainProbe;
import org.mailmedic.engine.probe.ProbeContext;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.xbill.DNS.Type;

/**
 * Finds and parses the MTA-STS announcement and the TLS-RPT record, both DNS TXT: reads
 * {@code _mta-sts.DOMAIN} (v=STSv1; id=…) and {@code _smtp._tls.DOMAIN} (v=TLSRPTv1; rua=…).
 * Reports: present or not (both optional), syntax, several records (which disables MTA-STS).
 * The HTTPS policy fetch ({@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}) belongs to
 * the SMTP/TLS probes ({@code engine.probe.mtasts}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8461#section-3.1">RFC 8461 3.1 (MTA-STS TXT)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8460#section-3">RFC 8460 3 (TLS-RPT)</a>
 */
public final class MtaStsRecordCheck implements DomainProbe {

    public static final String TITLE = "MTA-STS and TLS-RPT records";

    @Override
    public String id() {
        return "mta-sts-record";
    }

    @Override
    public List<String> titles() {
        return List.of(TITLE);
    }

    @Override
    public CompletableFuture<List<CheckResult>> start(ProbeContext ctx) {
        CompletableFuture<DnsAnswer> sts = ctx.dns().async("_mta-sts." + ctx.ascii(), Type.TXT);
        CompletableFuture<DnsAnswer> rpt = ctx.dns().async("_smtp._tls." + ctx.ascii(), Type.TXT);
        return sts.thenCombine(rpt, (s, r) -> List.of(evaluate(s, r)));
    }

    /** Tags of a "k=v; k=v" record (names case-sensitive as published). */
    public static Map<String, String> tags(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0) {
                m.putIfAbsent(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
        }
        return m;
    }

    public static CheckResult evaluate(DnsAnswer sts, DnsAnswer rpt) {
        CheckResult.Builder b = new CheckResult.Builder("mta-sts-record", TITLE).status(Status.INFO);
        b.dns(sts).dns(rpt);
        String stsState;
        List<String> s = sts.texts().stream().filter(t -> t.startsWith("v=STSv1")).toList();
        if (sts.failed()) {
            stsState = "error";
            b.finding(Status.WARN, "The MTA-STS lookup " + sts.name() + " failed (" + sts.problem() + ").");
        } else if (s.isEmpty()) {
            stsState = "none";
            b.detail("No MTA-STS record at " + sts.name() + " (optional: it lets senders insist on TLS to your servers).");
        } else if (s.size() > 1) {
            stsState = "multiple";
            b.finding(Status.FAIL, sts.name() + " has " + s.size() + " MTA-STS records; senders then treat the domain as "
                    + "having no policy (RFC 8461 3.1).");
        } else {
            Map<String, String> t = tags(s.get(0));
            String id = t.get("id");
            if (id == null || !id.matches("[A-Za-z0-9]{1,32}")) {
                stsState = "invalid";
                b.finding(Status.FAIL, "The MTA-STS record '" + s.get(0) + "' needs id= with 1–32 letters or digits "
                        + "(RFC 8461 3.1); senders ignore it as it is.");
            } else {
                stsState = "present";
                b.raise(Status.PASS).detail("MTA-STS announced (" + s.get(0) + "); the policy file itself is checked over HTTPS "
                        + "by the TLS checks.");
            }
        }
        String rptState;
        List<String> r = rpt.texts().stream().filter(t -> t.startsWith("v=TLSRPTv1")).toList();
        if (rpt.failed()) {
            rptState = "error";
            b.finding(Status.WARN, "The TLS-RPT lookup " + rpt.name() + " failed (" + rpt.problem() + ").");
        } else if (r.isEmpty()) {
            rptState = "none";
            b.detail("No TLS-RPT record at " + rpt.name() + " (optional: senders would report TLS failures to you).");
        } else if (r.size() > 1) {
            rptState = "multiple";
            b.finding(Status.WARN, rpt.name() + " has " + r.size() + " TLS-RPT records; senders then send no reports (RFC 8460 3).");
        } else {
            String rua = tags(r.get(0)).get("rua");
            boolean ok = rua != null && List.of(rua.split(",")).stream().map(String::strip)
                    .allMatch(u -> u.startsWith("mailto:") || u.startsWith("https:"));
            rptState = ok ? "present" : "invalid";
            if (ok) {
                b.detail("TLS-RPT reports go to " + rua + ".");
            } else {
                b.finding(Status.WARN, "The TLS-RPT record '" + r.get(0) + "' needs rua= with mailto: or https: addresses.");
            }
        }
        b.fact("mtasts.record", stsState).fact("tlsrpt.record", rptState);
        String h = switch (stsState) {
            case "present" -> "MTA-STS is announced";
            case "none" -> "No MTA-STS";
            case "error" -> "MTA-STS could not be looked up";
            default -> "The MTA-STS record is unusable";
        };
        h += rptState.equals("present") ? "; TLS-RPT reports are requested." : rptState.equals("none")
                ? "; no TLS-RPT." : "; the TLS-RPT record has a problem.";
        return b.headline(h).build();
    }
}
