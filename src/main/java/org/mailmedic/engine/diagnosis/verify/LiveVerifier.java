package org.mailmedic.engine.diagnosis.verify;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.mailmedic.engine.diagnosis.fix.Verifier;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.engine.diagnosis.fix.VerifyResult.Outcome;
import org.mailmedic.engine.diagnosis.fix.VerifySpec;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheck;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.DomainProbe;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SessionResult;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.probe.smtp.TlsFacts;
import org.mailmedic.engine.probe.smtp.TlsVersionSupport;
import org.mailmedic.engine.probe.spf.SpfEvaluator;
import org.mailmedic.engine.probe.spf.SpfResult;

/**
 * Runs a fix guide's verify step for real: the live check that proves the fault is gone, through
 * the same injectable resolver and socket factory as every other probe (so tests point it at
 * loopback fixtures). Checks: {@code starttls HOST}, {@code tls-versions HOST}, {@code dane DOMAIN},
 * {@code spf IP DOMAIN}, {@code mx|dmarc|mta-sts DOMAIN}, {@code rdns|dnsbl IP}, and
 * {@code throttle DESTINATION}, which re-reads the user's logs (add the log written after the
 * fix) and passes when the destination no longer defers for its limit on the last day.
 */
public final class LiveVerifier implements Verifier {

    private final Dns dns;
    private final Supplier<SmtpOptions.Builder> smtp;
    private final DomainCheckOptions domainOptions;
    private final Supplier<List<Path>> logs;
    private final Clock clock;

    /**
     * @param dns           resolver for DNS-based checks
     * @param smtp          a fresh SMTP options builder per run (connector, resolver, trust, deadlines)
     * @param domainOptions options for DNS checks (deadlines, DNSBL list)
     * @param logs          the log files currently among the evidence
     */
    public LiveVerifier(Dns dns, Supplier<SmtpOptions.Builder> smtp, DomainCheckOptions domainOptions,
            Supplier<List<Path>> logs, Clock clock) {
        this.dns = dns;
        this.smtp = smtp;
        this.domainOptions = domainOptions;
        this.logs = logs;
        this.clock = clock;
    }

    @Override
    public VerifyResult verify(VerifySpec spec, BooleanSupplier cancelled) {
        if (!spec.runnable()) {
            return result(spec, Outcome.NOT_RUN, "MailMedic needs " + String.join(" and ", spec.missing()) + " first.", List.of());
        }
        List<String> a = spec.args();
        try {
            return switch (spec.check()) {
                case "starttls" -> starttls(spec, a.get(0), false);
                case "tls-versions" -> starttls(spec, a.get(0), true);
                case "dane" -> dane(spec, a.get(0));
                case "spf" -> spf(spec, a.get(0), a.get(1));
                case "mx" -> domainCheck(spec, a.get(0), "mx", null);
                case "dmarc" -> domainCheck(spec, a.get(0), "dmarc", null);
                case "mta-sts" -> domainCheck(spec, a.get(0), "mta-sts-record", null);
                case "rdns" -> domainCheck(spec, "", "rdns", a.get(0));
                case "dnsbl" -> domainCheck(spec, "", "dnsbl", a.get(0));
                case "throttle" -> throttle(spec, a.get(0), cancelled);
                default -> result(spec, Outcome.NOT_RUN, "MailMedic cannot run the check \u201c" + spec.check() + "\u201d.", List.of());
            };
        } catch (IndexOutOfBoundsException e) {
            return result(spec, Outcome.NOT_RUN, "The check \u201c" + spec.check() + "\u201d is missing an argument.", List.of());
        }
    }

    private VerifyResult starttls(VerifySpec spec, String host, boolean versions) {
        SmtpOptions o = smtp.get().probeTlsVersions(versions).checkSubmission(false).checkMtaSts(false).checkDane(false).build();
        List<String> addresses = o.resolver().resolve(host).stream().map(InetAddress::getHostAddress).toList();
        if (addresses.isEmpty()) {
            return result(spec, Outcome.FAILED, host + " has no address in DNS, so no one can connect to it.", List.of());
        }
        SmtpCheckResult r = new MailServerCheck().check(host, List.of(new MxHost(host, 0, addresses)), o, h -> { });
        HostResult h = r.hosts().get(0);
        List<String> details = new ArrayList<>();
        boolean allGood = true;
        for (AddressResult ar : h.addresses()) {
            SessionResult s = ar.smtp();
            details.add(ar.address() + ": " + (s == null ? ar.headline() : s.headline()));
            if (versions) {
                List<String> weak = ar.tlsVersions() == null ? List.of() : ar.tlsVersions().stream()
                        .filter(v -> v.weak() && "accepted".equalsIgnoreCase(v.result())).map(TlsVersionSupport::version).toList();
                if (!weak.isEmpty()) {
                    details.add(ar.address() + " still accepts " + String.join(", ", weak));
                }
                allGood &= weak.isEmpty() && s != null && s.tls() != null && s.tls().established();
            } else {
                TlsFacts t = s == null ? null : s.tls();
                boolean ok = t != null && t.established() && t.certificate() != null && t.certificate().trusted()
                        && t.certificate().matchedName() != null && !t.certificate().expired();
                allGood &= ok;
            }
        }
        String summary = allGood
                ? (versions ? host + " no longer accepts outdated TLS versions." : host + " now completes STARTTLS with a trusted certificate for its name.")
                : h.headline();
        return result(spec, allGood ? Outcome.PASSED : Outcome.FAILED, summary, details);
    }

    private VerifyResult dane(VerifySpec spec, String domain) {
        DomainCheckResult mx = runDomain(domain, "mx", null);
        String hosts = mx.check("mx").map(c -> c.facts().getOrDefault("mx.hosts", "")).orElse("");
        if (hosts.isBlank()) {
            return result(spec, Outcome.FAILED, domain + " has no mail servers to protect.", List.of());
        }
        SmtpOptions o = smtp.get().checkDane(true).checkMtaSts(false).checkSubmission(false).probeTlsVersions(false).build();
        List<MxHost> list = new ArrayList<>();
        for (String h : hosts.split("\\s+")) {
            list.add(new MxHost(h, 0, o.resolver().resolve(h).stream().map(InetAddress::getHostAddress).toList()));
        }
        SmtpCheckResult r = new MailServerCheck().check(domain, list, o, x -> { });
        boolean ok = r.hosts().stream().allMatch(h -> h.dane() != null && h.dane().protects());
        List<String> details = r.hosts().stream().map(h -> h.name() + ": " + (h.dane() == null ? "no DANE result" : h.dane().headline())).toList();
        return result(spec, ok ? Outcome.PASSED : Outcome.FAILED,
                ok ? "DANE protects every mail server of " + domain + "." : "DANE does not yet protect every mail server of " + domain + ".", details);
    }

    private VerifyResult spf(VerifySpec spec, String ip, String domain) {
        SpfResult r = new SpfEvaluator(dns).checkMailFrom(ip, "postmaster@" + domain, domain);
        boolean ok = r.result() == SpfResult.Result.PASS;
        return result(spec, ok ? Outcome.PASSED : Outcome.FAILED,
                "SPF for " + ip + " sending as " + domain + ": " + r.result().rfcName()
                        + (ok ? "" : " — " + r.result().meaning()), List.of(String.valueOf(r.reason())));
    }

    private VerifyResult domainCheck(VerifySpec spec, String domain, String id, String ip) {
        DomainCheckResult r = runDomain(domain.isEmpty() ? "invalid" : domain, id, ip);
        CheckResult c = r.check(id).orElse(null);
        if (c == null) {
            return result(spec, Outcome.NOT_RUN, "The " + id + " check gave no result.", List.of());
        }
        boolean ok = switch (c.status()) {
            case PASS, INFO -> true;
            default -> false;
        };
        return result(spec, ok ? Outcome.PASSED : Outcome.FAILED, c.headline(), c.details());
    }

    private DomainCheckResult runDomain(String domain, String id, String ip) {
        List<DomainProbe> probes = DomainCheck.defaultProbes().stream()
                .filter(p -> p.id().equals(id) || id.equals("mta-sts-record") && p.id().startsWith("mta-sts")).toList();
        DomainCheckOptions o = ip == null ? domainOptions : domainOptions.withSendingIp(ip, domainOptions.helo());
        return new DomainCheck(dns, probes, clock).run(domain, o, c -> { });
    }

    private VerifyResult throttle(VerifySpec spec, String destination, BooleanSupplier cancelled) {
        List<Path> files = logs.get();
        if (files.isEmpty()) {
            return result(spec, Outcome.NOT_RUN, "Add a mail log written after the change, then verify again.", List.of());
        }
        LogAnalysis a = new LogAnalyzer(clock).analyze(files, LogAnalyzer.Progress.NONE, cancelled);
        LogAnalysis.Destination d = a.destination(destination);
        if (d == null || d.days().isEmpty()) {
            return result(spec, Outcome.NOT_RUN, "The logs show no mail to " + destination + " yet; verify again once some has been sent.", List.of());
        }
        LogAnalysis.Day last = d.days().get(d.days().size() - 1);
        LogAnalysis.Throttle t = a.throttle(destination);
        boolean throttledLastDay = t != null && t.onsets().stream()
                .anyMatch(o -> o.at() != null && !o.at().isBefore(last.date().atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        boolean ok = !throttledLastDay && last.expired() == 0 && last.deferredAttempts() == 0;
        String day = last.date().toString();
        List<String> details = List.of(String.format(Locale.ROOT, "%s on %s: %d delivered, %d deferred attempts, %d expired",
                destination, day, last.delivered(), last.deferredAttempts(), last.expired()));
        return result(spec, ok ? Outcome.PASSED : Outcome.FAILED,
                ok ? destination + " accepted everything on " + day + ": no more limit deferrals."
                   : destination + " still turns mail away on " + day + " (" + last.deferredAttempts() + " deferred attempts).",
                details);
    }

    private VerifyResult result(VerifySpec spec, Outcome o, String summary, List<String> details) {
        return new VerifyResult(spec, o, summary, details, Instant.now(clock));
    }
}
