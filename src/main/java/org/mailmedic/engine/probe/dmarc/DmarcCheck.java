package org.mailmedic.engine.probe.dmarc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainProbe;
import org.mailmedic.engine.probe.ProbeContext;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.dns.DnsSession;
import org.xbill.DNS.Type;

/**
 * Checks the domain's DMARC policy (RFC 7489). Reads {@code _dmarc.DOMAIN} TXT and, when the
 * domain has none, {@code _dmarc.ORGDOMAIN} (organizational domain from the Public Suffix List),
 * then — for report addresses outside the organizational domain — the authorization record
 * {@code DOMAIN._report._dmarc.DEST}. Reports: where the policy was found, every tag validated,
 * the policy in plain words, unauthorized external report destinations.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7489#section-6.6.3">RFC 7489 6.6.3 (discovery)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7489#section-7.1">RFC 7489 7.1 (external destinations)</a>
 */
public final class DmarcCheck implements DomainProbe {

    public static final String TITLE = "DMARC";

    @Override
    public String id() {
        return "dmarc";
    }

    @Override
    public List<String> titles() {
        return List.of(TITLE);
    }

    @Override
    public CompletableFuture<List<CheckResult>> start(ProbeContext ctx) {
        return ctx.async(() -> List.of(check(ctx.dns(), ctx.ascii(), ctx.domain().display())));
    }

    /** Discovers, validates and explains the policy (blocking; lookups in parallel where they can be). */
    public static CheckResult check(DnsSession dns, String domain, String display) {
        CheckResult.Builder b = new CheckResult.Builder("dmarc", TITLE);
        CompletableFuture<DnsAnswer> atDomain = dns.async("_dmarc." + domain, Type.TXT);
        String org = OrganizationalDomain.of(domain);
        // Ask the organizational domain at the same time: it is needed whenever the domain has none.
        CompletableFuture<DnsAnswer> atOrg = org.equals(domain) ? null : dns.async("_dmarc." + org, Type.TXT);
        DnsAnswer a = atDomain.join();
        b.dns(a);
        String policyDomain = domain;
        List<String> recs = a.texts().stream().filter(DmarcRecord::isDmarc).toList();
        if (a.failed()) {
            return b.status(Status.WARN).headline("The DMARC lookup " + a.name() + " failed ("
                    + a.problem() + "); receivers that get the same apply no policy.")
                    .fact("dmarc.policy", "error").build();
        }
        if (recs.isEmpty() && atOrg != null) {
            DnsAnswer o = atOrg.join();
            b.dns(o);
            if (o.failed()) {
                return b.status(Status.WARN).headline("No DMARC record at " + a.name() + ", and the lookup at the "
                        + "organizational domain " + o.name() + " failed.").fact("dmarc.policy", "error").build();
            }
            recs = o.texts().stream().filter(DmarcRecord::isDmarc).toList();
            policyDomain = org;
            if (!recs.isEmpty()) {
                b.detail("No record at _dmarc." + domain + "; the policy comes from the organizational domain " + org
                        + " (its sp= applies to subdomains).");
            }
        }
        if (recs.isEmpty()) {
            return b.status(Status.WARN).headline(display + " has no DMARC record (looked at _dmarc." + domain
                    + (org.equals(domain) ? "" : " and _dmarc." + org) + "): receivers apply no policy to forgeries, "
                    + "and Gmail and Yahoo require one from bulk senders.").fact("dmarc.policy", "missing").build();
        }
        if (recs.size() > 1) {
            recs.forEach(r -> b.detail("Record: " + r));
            return b.status(Status.FAIL).headline("_dmarc." + policyDomain + " has " + recs.size()
                    + " DMARC records; receivers then apply none (RFC 7489 6.6.3). Keep exactly one.")
                    .fact("dmarc.policy", "multiple").build();
        }
        DmarcRecord r = DmarcRecord.parse(recs.get(0));
        b.detail("Record at _dmarc." + policyDomain + ": " + r.text());
        b.fact("dmarc.domain", policyDomain);
        for (String e : r.errors()) {
            b.finding(Status.FAIL, "Error: " + e + ".");
        }
        for (String w : r.warnings()) {
            b.finding(Status.INFO, "Note: " + w + ".");
        }
        if (r.policy() == null || !r.errors().isEmpty() && !List.of("none", "quarantine", "reject")
                .contains(String.valueOf(r.policy()).toLowerCase(Locale.ROOT))) {
            return b.status(Status.FAIL).headline("The DMARC record of " + policyDomain + " is invalid: "
                    + String.join("; ", r.errors()) + ".").fact("dmarc.policy", "invalid").build();
        }
        boolean sub = !policyDomain.equals(domain);
        String p = (sub && r.tags().containsKey("sp") ? r.tags().get("sp") : r.policy()).toLowerCase(Locale.ROOT);
        b.fact("dmarc.policy", p);
        String meaning = switch (p) {
            case "reject" -> "receivers should refuse mail that fails DMARC";
            case "quarantine" -> "receivers should put mail that fails DMARC in the spam folder";
            default -> "monitoring only: mail that fails DMARC is delivered as usual (a good first step, no protection yet)";
        };
        b.raise(p.equals("none") ? Status.INFO : Status.PASS);
        b.detail("Alignment: DKIM " + ("s".equalsIgnoreCase(r.tags().get("adkim")) ? "strict" : "relaxed") + ", SPF "
                + ("s".equalsIgnoreCase(r.tags().get("aspf")) ? "strict" : "relaxed") + ".");
        if (r.rua().isEmpty()) {
            b.finding(Status.INFO, "No rua= address: you receive no aggregate reports, so you cannot see who sends as "
                    + display + ".");
        }
        authorize(dns, policyDomain, r, b);
        return b.headline("DMARC policy p=" + p + (r.tags().containsKey("pct") ? " (pct=" + r.tags().get("pct") + ")" : "")
                + ": " + meaning + ".").build();
    }

    /** RFC 7489 7.1: report addresses outside the organizational domain must authorize it. */
    private static void authorize(DnsSession dns, String policyDomain, DmarcRecord r, CheckResult.Builder b) {
        String org = OrganizationalDomain.of(policyDomain);
        Set<String> external = new LinkedHashSet<>();
        List<String> all = new ArrayList<>(r.rua());
        all.addAll(r.ruf());
        for (String uri : all) {
            String d = DmarcRecord.uriDomain(uri);
            if (!d.isEmpty() && !OrganizationalDomain.of(d).equals(org)) {
                external.add(d);
            }
        }
        List<String> dests = List.copyOf(external);
        List<CompletableFuture<DnsAnswer>> fs = dests.stream()
                .map(d -> dns.async(policyDomain + "._report._dmarc." + d, Type.TXT)).toList();
        for (int i = 0; i < dests.size(); i++) {
            DnsAnswer a = fs.get(i).join();
            b.dns(a);
            boolean ok = a.texts().stream().anyMatch(DmarcRecord::isDmarc);
            if (ok) {
                b.detail("Reports to " + dests.get(i) + " are authorized (" + a.name() + ").");
            } else if (a.failed()) {
                b.finding(Status.WARN, "Could not check that " + dests.get(i) + " accepts reports for " + policyDomain
                        + " (" + a.name() + ": " + a.problem() + ").");
            } else {
                b.finding(Status.WARN, "Reports to " + dests.get(i) + " will not be sent: that domain does not authorize "
                        + "receiving reports for " + policyDomain + " (no v=DMARC1 record at " + a.name()
                        + ", RFC 7489 7.1).");
            }
        }
    }
}
