package org.mailmedic.engine.probe.spf;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainProbe;
import org.mailmedic.engine.probe.ProbeContext;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.engine.probe.TraceNode;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.dns.DnsEvidence;
import org.mailmedic.engine.probe.dns.DnsSession;
import org.xbill.DNS.Type;

/**
 * Checks the domain's SPF policy (RFC 7208). Reads the domain's TXT records (and the obsolete
 * SPF RR type 99, only to mention it), then evaluates the policy with {@link SpfEvaluator}: once
 * for a documentation address that matches nothing, which walks every include and redirect and so
 * counts the DNS lookups a receiver spends (the 10-lookup limit that online checkers count
 * differently), and once for the user's sending IP if given. Reports: no record, several
 * records, syntax errors, the lookup count, a too-permissive {@code +all}, a missing or
 * {@code ?all} ending, the sending IP's result with its trace; and — when a forwarder is given —
 * a second row with the forwarding analysis ({@link ForwardingAnalysis}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7208">RFC 7208</a>
 */
public final class SpfCheck implements DomainProbe {

    public static final String TITLE = "SPF";
    public static final String FORWARDING_TITLE = "Forwarded mail (SPF)";
    /** TEST-NET-1 (RFC 5737): never a real sender, so evaluating it walks the whole policy. */
    static final String PROBE_IP = "192.0.2.1";

    @Override
    public String id() {
        return "spf";
    }

    @Override
    public List<String> titles() {
        return List.of(TITLE);
    }

    @Override
    public CompletableFuture<List<CheckResult>> start(ProbeContext ctx) {
        DnsSession dns = ctx.dns();
        CompletableFuture<DnsAnswer> type99 = dns.async(ctx.ascii(), Type.SPF);
        return ctx.async(() -> {
            SpfEvaluator ev = new SpfEvaluator(dns, SpfEvaluator.DEFAULT_EXPLANATION, "unknown", Clock.systemUTC(),
                    ctx.options().checkDeadline().minusSeconds(1).isNegative() ? Duration.ofSeconds(20)
                            : ctx.options().checkDeadline().minus(Duration.ofSeconds(1)));
            List<CheckResult> out = new ArrayList<>();
            out.add(evaluate(ctx.ascii(), ctx.domain().display(), ev, dns.query(ctx.ascii(), Type.TXT), type99.join(),
                    ctx.options().sendingIp(), ctx.options().helo()));
            if (ctx.options().forwarderIp() != null) {
                out.add(forwarding(ev, ctx.options().forwarderIp(), ctx.ascii(), ctx.options().forwarderDomain()));
            }
            return out;
        });
    }

    /** Judges the domain's SPF: its records, a full walk, and the sending IP's result. */
    public static CheckResult evaluate(String domain, String display, SpfEvaluator ev, DnsAnswer txt, DnsAnswer type99,
            String sendingIp, String helo) {
        CheckResult.Builder b = new CheckResult.Builder("spf", TITLE);
        b.dns(txt);
        List<String> records = txt.texts().stream().filter(SpfRecord::isSpf1).toList();
        if (type99 != null && !type99.failed()) {
            b.dns(type99);
            List<String> old = type99.texts();
            if (!old.isEmpty()) {
                boolean same = records.size() == 1 && old.size() == 1 && old.get(0).equals(records.get(0));
                b.finding(same ? Status.INFO : Status.WARN, "The domain also publishes the obsolete SPF record type (99)"
                        + (same ? "; receivers ignore it (RFC 7208 3.1). It can be removed."
                                : " with different content; receivers ignore it and use only TXT, so only the TXT record counts."));
            }
        }
        if (txt.failed()) {
            return b.status(Status.WARN).headline("The TXT lookup for " + txt.name() + " failed ("
                    + txt.problem()
                    + "); receivers that get the same give temperror and defer mail.").fact("spf.record", "error").build();
        }
        if (txt.nxdomain()) {
            return b.status(Status.FAIL).headline(display + " does not exist (NXDOMAIN), so it has no SPF policy.")
                    .fact("spf.record", "nxdomain").build();
        }
        if (records.isEmpty()) {
            b.fact("spf.record", "none");
            return b.raise(Status.WARN).headline(display + " publishes no SPF record: receivers cannot tell your mail from "
                    + "forgeries, and Gmail and Yahoo require SPF or DKIM.").build();
        }
        if (records.size() > 1) {
            b.fact("spf.record", "multiple");
            for (String r : records) {
                b.detail("Record: " + r);
            }
            return b.status(Status.FAIL).headline(display + " publishes " + records.size()
                    + " SPF records; exactly one is allowed, so every receiver gets permerror (RFC 7208 4.5). Merge them into one.")
                    .build();
        }
        String record = records.get(0);
        b.fact("spf.record", record);
        b.detail("Record: " + record);

        SpfResult walk = ev.checkHost(PROBE_IP, domain, "postmaster@" + domain, helo == null ? domain : helo);
        b.dns(dnsOf(walk.trace()));
        b.fact("spf.lookups", walk.lookups());
        b.fact("spf.voidLookups", walk.voidLookups());
        if (walk.result() == SpfResult.Result.PERMERROR) {
            b.fact("spf.permerror", walk.reason());
            b.trace(walk.trace());
            return b.status(Status.FAIL).headline("The SPF policy of " + display + " is broken: " + walk.reason()
                    + ". Receivers get permerror and may reject or junk your mail.").build();
        }
        if (walk.result() == SpfResult.Result.TEMPERROR) {
            b.finding(Status.WARN, "Evaluating the policy hit a DNS error: " + walk.reason() + ".");
        }
        String lower = record.toLowerCase(Locale.ROOT);
        if (walk.result() == SpfResult.Result.PASS && PROBE_IP.equals(walk.ip())) {
            if (lower.contains("+all") || lower.matches("(?s).*\\sall(\\s.*)?$")) {
                b.finding(Status.FAIL, "The policy ends in '+all': it authorizes every address on the Internet to send as "
                        + display + ". Use '~all' or '-all'.");
            } else {
                b.finding(Status.WARN, "The policy authorizes even " + PROBE_IP
                        + " (a documentation address): it is far too permissive.");
            }
        } else if (walk.result() == SpfResult.Result.NEUTRAL) {
            b.finding(Status.WARN, "The policy ends without '-all' or '~all' (result neutral for unknown senders): it does "
                    + "not tell receivers to distrust forgeries.");
        }
        b.detail("DNS lookups a receiver spends on it: " + walk.lookups() + " of at most " + SpfEvaluator.MAX_LOOKUPS
                + (walk.voidLookups() > 0 ? "; lookups that found nothing: " + walk.voidLookups() + " of at most "
                + SpfEvaluator.MAX_VOID_LOOKUPS : "") + " (counted by walking the whole policy for " + PROBE_IP + ").");
        if (walk.lookups() >= 9) {
            b.finding(Status.WARN, "The policy is at " + walk.lookups() + " of the 10 allowed DNS lookups: one more include "
                    + "and every receiver gets permerror.");
        }
        String headline = "SPF record found; " + walk.lookups() + "/10 DNS lookups.";
        if (sendingIp != null) {
            SpfResult r = ev.checkHost(sendingIp, domain, "postmaster@" + domain, helo == null ? domain : helo);
            b.trace(r.trace());
            b.dns(dnsOf(r.trace()));
            b.fact("spf.result", r.result().rfcName());
            b.fact("spf.ip", sendingIp);
            Status s = switch (r.result()) {
                case PASS -> Status.PASS;
                case NEUTRAL, TEMPERROR, NONE -> Status.WARN;
                default -> Status.FAIL;
            };
            b.raise(s);
            headline = "SPF for " + sendingIp + ": " + r.result().rfcName() + " — " + r.result().meaning() + ".";
            b.detail("Why: " + r.reason() + ".");
        } else {
            b.trace(walk.trace());
        }
        return b.headline(headline).build();
    }

    static CheckResult forwarding(SpfEvaluator ev, String forwarderIp, String domain, String forwarderDomain) {
        CheckResult.Builder b = new CheckResult.Builder("spf-forwarding", FORWARDING_TITLE);
        ForwardingAnalysis.Result r = ForwardingAnalysis.analyze(ev, forwarderIp, domain, forwarderDomain);
        b.dns(dnsOf(r.lastHop().trace()));
        b.fact("forwarding.lastHop", r.lastHop().result().rfcName());
        b.trace(new TraceNode("forwarding through " + forwarderIp, r.failsAtLastHop() ? "fails at the last hop" : "passes",
                List.of(r.summary()), List.of(), -1, r.withSrs() == null ? List.of(r.lastHop().trace())
                        : List.of(r.lastHop().trace(), r.withSrs().trace())));
        if (r.withSrs() != null) {
            b.dns(dnsOf(r.withSrs().trace()));
            b.fact("forwarding.withSrs", r.withSrs().result().rfcName());
        }
        b.status(r.failsAtLastHop() ? Status.WARN : Status.PASS);
        return b.headline(r.failsAtLastHop()
                ? "Forwarded mail fails SPF at the last hop (" + r.lastHop().result().rfcName() + " for " + forwarderIp + ")"
                        + (r.srsFixes() ? "; SRS on the forwarder would fix it." : "; the forwarder should use SRS.")
                : "Forwarded mail passes SPF at the last hop.").detail(r.summary()).build();
    }

    /** Every DNS answer in a trace, in order. */
    static List<DnsEvidence> dnsOf(TraceNode n) {
        List<DnsEvidence> out = new ArrayList<>(n.dns());
        for (TraceNode c : n.children()) {
            out.addAll(dnsOf(c));
        }
        return out;
    }
}
