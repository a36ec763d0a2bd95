package org.mailmedic.engine.probe.mtasts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.smtp.CertificateChecker;
import org.mailmedic.engine.probe.smtp.SmtpFinding;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.probe.smtp.Status;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * MTA-STS from the outside, as a sending MTA sees it: the {@code _mta-sts.DOMAIN} TXT record,
 * the policy fetched over validated HTTPS, the policy parsed, every MX host matched against its
 * mx patterns, mode and max_age explained; and the TLS-RPT record at {@code _smtp._tls.DOMAIN}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8461">RFC 8461</a>,
 *      <a href="https://www.rfc-editor.org/rfc/rfc8460">RFC 8460</a>
 */
public final class MtaStsCheck {

    private final Dns dns;
    private final PolicyFetcher fetcher;

    public MtaStsCheck(SmtpOptions o) {
        this.dns = o.dns();
        int reply = (int) Math.min(Integer.MAX_VALUE, o.replyTimeout().toMillis());
        this.fetcher = new PolicyFetcher(o.connector(), o.resolver(), new CertificateChecker(o.trustStore(), o.clock()),
                o.httpsPort(), (int) o.connectTimeout().toMillis(), reply, o.maxPolicyBytes());
    }

    public MtaStsResult check(String domain, List<String> mxHosts) {
        List<SmtpFinding> f = new ArrayList<>();
        TlsRpt rpt = TlsRpt.parse(txt("_smtp._tls." + domain, f, "TLS-RPT"));
        if (!rpt.present()) {
            f.add(SmtpFinding.info("tlsrpt-missing", "No TLS-RPT record: you will not hear about senders' TLS problems.",
                    "Publish e.g. _smtp._tls." + domain + " TXT \"v=TLSRPTv1; rua=mailto:tls-reports@" + domain
                            + "\" (RFC 8460)."));
        } else if (!rpt.problems().isEmpty()) {
            f.add(SmtpFinding.warn("tlsrpt-invalid", "The TLS-RPT record has problems: "
                    + String.join("; ", rpt.problems()) + ".", "Record: " + rpt.record()));
        } else {
            f.add(SmtpFinding.pass("tlsrpt-ok", "TLS failure reports go to " + String.join(", ", rpt.rua()) + ".",
                    "Record: " + rpt.record()));
        }

        List<String> stsTxt = txt("_mta-sts." + domain, f, "MTA-STS").stream()
                .filter(t -> t.strip().startsWith("v=STSv1")).toList();
        if (stsTxt.isEmpty()) {
            f.add(SmtpFinding.info("mtasts-missing", "MTA-STS is not set up for " + domain
                    + ": senders cannot know that your mail server must be reached over TLS.",
                    "No TXT record starting v=STSv1 at _mta-sts." + domain + " (RFC 8461 §3.1)."));
            return done(domain, null, null, null, -1, null, null, null, mxHosts, rpt, f);
        }
        String txt = stsTxt.get(0);
        String id = null;
        for (String part : txt.split(";")) {
            String p = part.strip();
            if (p.startsWith("id=")) {
                id = p.substring(3).strip();
            }
        }
        if (stsTxt.size() > 1) {
            f.add(SmtpFinding.fail("mtasts-txt-multiple", "There are " + stsTxt.size()
                    + " MTA-STS TXT records: senders treat that as no MTA-STS at all.", String.join(" | ", stsTxt)));
        }
        if (id == null || !id.matches("[A-Za-z0-9]{1,32}")) {
            f.add(SmtpFinding.fail("mtasts-txt-id", "The MTA-STS TXT record has no valid id= (1-32 letters and digits).",
                    "Record: " + txt));
        }
        PolicyFetcher.Fetch fetch = fetcher.fetch(domain);
        if (fetch.tls() != null && fetch.tls().certificate() != null && !fetch.tls().certificate().problems().isEmpty()) {
            for (SmtpFinding p : fetch.tls().certificate().problems()) {
                f.add(new SmtpFinding(p.status(), "mtasts-https-" + p.code(), "MTA-STS policy host: " + p.headline(),
                        p.detail() + " Senders ignore a policy served with an invalid certificate."));
            }
        }
        if (fetch.error() != null) {
            f.add(SmtpFinding.fail("mtasts-fetch", "The MTA-STS policy could not be fetched: " + fetch.error() + ".",
                    "GET " + fetch.url() + ". Senders then act as if there were no policy (RFC 8461 §5)."));
            return done(domain, txt, id, fetch.url(), fetch.httpStatus(), null, null, fetch, mxHosts, rpt, f);
        }
        if (fetch.contentType() == null || !fetch.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("text/plain")) {
            f.add(SmtpFinding.warn("mtasts-content-type", "The policy is served as \"" + fetch.contentType()
                    + "\" instead of text/plain.", "RFC 8461 §3.2: the media type is text/plain; strict senders reject others."));
        }
        MtaStsPolicy policy = MtaStsPolicy.parse(fetch.body());
        if (!policy.valid()) {
            f.add(SmtpFinding.fail("mtasts-policy-invalid", "The MTA-STS policy is invalid: "
                    + String.join("; ", policy.problems()) + ".", "Policy text:\n" + fetch.body()));
        } else if (!policy.problems().isEmpty()) {
            f.add(SmtpFinding.warn("mtasts-policy-problems", "The MTA-STS policy has problems: "
                    + String.join("; ", policy.problems()) + ".", "Policy text:\n" + fetch.body()));
        }
        if (policy.valid()) {
            String age = MtaStsPolicy.describeAge(policy.maxAge());
            switch (policy.mode()) {
                case "enforce" -> f.add(SmtpFinding.pass("mtasts-enforce", "MTA-STS is in enforce mode: senders that "
                        + "support it deliver only over valid TLS to the listed servers, and remember that for " + age
                        + ".", "mode: enforce; max_age: " + policy.maxAge() + " s; mx: " + String.join(", ", policy.mx())));
                case "testing" -> f.add(SmtpFinding.warn("mtasts-testing", "MTA-STS is only in testing mode: senders "
                        + "report TLS problems but still deliver without TLS if an attacker strips it.",
                        "mode: testing; max_age: " + policy.maxAge() + " s (" + age + "). Switch to \"mode: enforce\" "
                                + "once the TLS reports are clean, and change id= in the TXT record."));
                default -> f.add(SmtpFinding.info("mtasts-none", "MTA-STS is switched off (mode: none).",
                        "mode: none tells senders to forget an earlier policy."));
            }
            if (!"none".equals(policy.mode()) && policy.maxAge() < 86_400) {
                f.add(SmtpFinding.warn("mtasts-max-age-short", "The policy's max_age is only " + age
                        + ": senders forget it quickly, which weakens the protection.",
                        "RFC 8461 §3.2 recommends weeks or more (e.g. 604800 = 1 week, or 31557600)."));
            }
        }
        return done(domain, txt, id, fetch.url(), fetch.httpStatus(), fetch.body(), policy, fetch, mxHosts, rpt, f);
    }

    private MtaStsResult done(String domain, String txt, String id, String url, int http, String body,
            MtaStsPolicy policy, PolicyFetcher.Fetch fetch, List<String> mxHosts, TlsRpt rpt, List<SmtpFinding> f) {
        List<MtaStsResult.MxMatch> matches = new ArrayList<>();
        boolean allCovered = !mxHosts.isEmpty();
        if (policy != null && policy.valid()) {
            for (String mx : mxHosts) {
                String p = policy.matchingPattern(mx);
                matches.add(new MtaStsResult.MxMatch(mx, p));
                if (p == null) {
                    allCovered = false;
                    if (!"none".equals(policy.mode())) {
                        boolean enforce = "enforce".equals(policy.mode());
                        f.add(new SmtpFinding(enforce ? Status.FAIL : Status.WARN, "mtasts-mx-not-covered",
                                "The MTA-STS policy does not list your mail server " + mx
                                        + (enforce ? ": senders that honour the policy will refuse to deliver to it."
                                                : ": in enforce mode senders would refuse it."),
                                "mx patterns: " + String.join(", ", policy.mx()) + ". Add \"mx: " + mx + "\" (or a "
                                        + "matching *. pattern) and change id= in the TXT record."));
                    }
                }
            }
        }
        boolean certOk = fetch != null && fetch.tls() != null && fetch.tls().certificate() != null
                && fetch.tls().certificate().problems().stream().noneMatch(p -> p.status() == Status.FAIL);
        boolean enforced = policy != null && policy.valid() && "enforce".equals(policy.mode()) && allCovered && certOk
                && f.stream().noneMatch(x -> x.status() == Status.FAIL);
        List<SmtpFinding> sorted = new ArrayList<>(f);
        sorted.sort(Comparator.comparing(SmtpFinding::status).reversed());
        Status status = Status.worstOf(sorted);
        String headline = sorted.stream().filter(x -> x.code().startsWith("mtasts")).findFirst()
                .map(SmtpFinding::headline).orElse(sorted.isEmpty() ? "" : sorted.get(0).headline());
        return new MtaStsResult(domain, txt, id, url, http, body, policy, fetch == null ? null : fetch.tls(), matches,
                rpt, enforced, status, headline, sorted);
    }

    private List<String> txt(String name, List<SmtpFinding> f, String what) {
        DnsAnswer a = dns.query(name, Type.TXT);
        if (a.failed()) {
            f.add(SmtpFinding.warn("dns-" + what.toLowerCase(java.util.Locale.ROOT).replace("-", ""),
                    "Could not look up the " + what + " record " + name + ": " + a.problem() + ".", "TXT " + name));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Record r : a.records()) {
            if (r instanceof TXTRecord t) {
                out.add(String.join("", t.getStrings()));
            }
        }
        return out;
    }
}
