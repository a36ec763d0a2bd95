package org.mailmedic.engine.probe.smtp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mailmedic.engine.probe.dane.DaneCheck;
import org.mailmedic.engine.probe.dane.DaneResult;
import org.mailmedic.engine.probe.mtasts.MtaStsCheck;
import org.mailmedic.engine.probe.mtasts.MtaStsResult;

/**
 * The live mail-server check of a domain, from the outside, as a sending MTA sees it. For each MX
 * host (in parallel, by preference) and each of its addresses: the port-25 conversation with
 * STARTTLS and the certificate, TLS versions one by one, submission on 587 and implicit TLS on
 * 465; DANE per host; MTA-STS and TLS-RPT for the domain; and the downgrade risk. Every host is
 * done within {@link SmtpOptions#hostDeadline()}; results stream to the caller as each host ends.
 *
 * <p>Reads: MX hosts (from the MX lookup), DNS through {@link SmtpOptions#dns()}. Sends: EHLO,
 * STARTTLS, QUIT; MAIL FROM:&lt;&gt;/RCPT/RSET only with {@link SmtpOptions#recipientProbe()};
 * never DATA.
 */
public final class MailServerCheck {

    private static final List<String> VERSIONS = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

    /**
     * Checks {@code hosts} of {@code domain}.
     *
     * @param each called once per host as soon as it is done, from a worker thread (never two at
     *             once); may be a no-op
     * @return all results; never throws for network outcomes
     */
    public SmtpCheckResult check(String domain, List<MxHost> hosts, SmtpOptions options, Consumer<HostResult> each) {
        long start = System.nanoTime();
        List<MxHost> sorted = new ArrayList<>(hosts);
        sorted.sort(Comparator.comparingInt(MxHost::preference).thenComparing(MxHost::name));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelism(), sorted.size() + 1),
                daemon("mailmedic-smtp"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("mailmedic-smtp-watchdog"));
        try {
            CompletableFuture<MtaStsResult> sts = options.checkMtaSts()
                    ? CompletableFuture.supplyAsync(() -> new MtaStsCheck(options).check(domain,
                            sorted.stream().map(MxHost::name).toList()), pool)
                    : CompletableFuture.completedFuture(null);
            Object lock = new Object();
            List<CompletableFuture<HostResult>> futures = new ArrayList<>();
            for (MxHost h : sorted) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    HostResult r = checkHost(h, options, watchdog);
                    synchronized (lock) {
                        each.accept(r);
                    }
                    return r;
                }, pool));
            }
            long waitMillis = options.hostDeadline().toMillis() * (1 + sorted.size() / options.parallelism())
                    + options.replyTimeout().toMillis() * 2 + 2000;
            List<HostResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), waitMillis, sorted.get(i)));
            }
            MtaStsResult mtaSts = awaitSts(sts, waitMillis);
            DowngradeRisk risk = DowngradeRisk.assess(domain, results, mtaSts);
            Status status = risk.status();
            for (HostResult r : results) {
                status = status.worse(r.status());
            }
            if (mtaSts != null) {
                status = status.worse(mtaSts.status());
            }
            String headline = headline(domain, results, risk);
            return new SmtpCheckResult(domain, results, mtaSts, daneSummary(domain, results, options), risk, status,
                    headline, (System.nanoTime() - start) / 1_000_000);
        } finally {
            pool.shutdownNow();
            watchdog.shutdownNow();
        }
    }

    private static String headline(String domain, List<HostResult> results, DowngradeRisk risk) {
        if (results.isEmpty()) {
            return domain + " has no mail servers to check.";
        }
        List<SessionResult> port25 = results.stream().flatMap(h -> h.addresses().stream()).map(AddressResult::smtp)
                .toList();
        if (port25.size() > 1 && port25.stream().allMatch(s -> s.findingCode("connect-timeout"))) {
            return "None of the " + port25.size() + " mail server addresses answered on port " + port25.get(0).port()
                    + ": probably this computer's network blocks outgoing port 25 (many providers do). "
                    + "Run the check from another network to see the servers themselves.";
        }
        for (HostResult r : results) {
            if (r.status() == Status.FAIL) {
                return r.headline();
            }
        }
        for (HostResult r : results) {
            if (r.status() == Status.WARN) {
                return r.headline();
            }
        }
        return risk.headline();
    }

    /** DANE for the domain as a whole, in one sentence: does it protect every MX host? */
    static String daneSummary(String domain, List<HostResult> results, SmtpOptions o) {
        if (!o.checkDane() || results.isEmpty()) {
            return "DANE was not checked.";
        }
        List<String> protectedHosts = results.stream().filter(h -> h.dane() != null && h.dane().protects())
                .map(HostResult::name).toList();
        long withTlsa = results.stream().filter(h -> h.dane() != null && !h.dane().records().isEmpty()).count();
        if (protectedHosts.size() == results.size()) {
            return "DANE protects " + domain + ": every mail server has DNSSEC-signed TLSA records that match its certificate.";
        }
        if (protectedHosts.isEmpty()) {
            return withTlsa == 0 ? "DANE does not protect " + domain + ": no mail server publishes TLSA records."
                    : "DANE does not protect " + domain + ": TLSA records exist but none is both signed and matching.";
        }
        return "DANE protects only " + String.join(", ", protectedHosts) + " of " + results.size()
                + " mail servers; an attacker can steer senders to the others.";
    }

    private static HostResult await(CompletableFuture<HostResult> f, long millis, MxHost h) {
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(h, "the check was interrupted");
        } catch (ExecutionException e) {
            return failed(h, "the check failed: " + e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            return failed(h, "the check did not finish within " + millis + " ms");
        }
    }

    private static MtaStsResult awaitSts(CompletableFuture<MtaStsResult> f, long millis) {
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private static HostResult failed(MxHost h, String why) {
        SmtpFinding f = SmtpFinding.fail("host-check-failed", "Checking " + h.name() + " went wrong: " + why + ".", why);
        return new HostResult(h.name(), h.preference(), List.of(), null, Status.FAIL, f.headline(), List.of(f), 0);
    }

    /**
     * One MX host, all its addresses, within the host deadline, on the caller's thread (what
     * {@link #check} runs per host). {@code watchdog} closes a session's socket if it outlives the
     * deadline; the caller owns it and may share it between calls. Never throws for network outcomes.
     */
    public HostResult checkHost(MxHost h, SmtpOptions o, ScheduledExecutorService watchdog) {
        long start = System.nanoTime();
        Deadline deadline = Deadline.in(o.hostDeadline());
        List<SmtpFinding> hostFindings = new ArrayList<>();
        if (h.name().isEmpty()) {
            SmtpFinding f = SmtpFinding.info("null-mx", "This domain publishes a null MX (\"MX 0 .\"): it accepts no mail.",
                    "RFC 7505: senders bounce mail to this domain at once instead of queueing it.");
            return new HostResult(".", h.preference(), List.of(), null, Status.INFO, f.headline(), List.of(f), 0);
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String a : h.addresses()) {
            InetAddress ia = AddressResolver.literal(a);
            if (ia != null) {
                addresses.add(ia);
            } else {
                hostFindings.add(SmtpFinding.warn("bad-address", "\"" + a + "\" is not an IP address; skipped.", a));
            }
        }
        if (h.addresses().isEmpty()) {
            addresses.addAll(o.resolver().resolve(h.name()));
        }
        if (addresses.isEmpty()) {
            SmtpFinding f = SmtpFinding.fail("mx-no-address", "The mail server " + h.name()
                    + " has no IP address (no A or AAAA record): senders cannot reach it.",
                    "MX " + h.preference() + " " + h.name() + " resolves to nothing.");
            hostFindings.add(f);
            return new HostResult(h.name(), h.preference(), List.of(), null, Status.FAIL, f.headline(), hostFindings,
                    (System.nanoTime() - start) / 1_000_000);
        }
        CertificateChecker checker = new CertificateChecker(o.trustStore(), o.clock());
        TlsHandshaker handshaker = new TlsHandshaker(checker);
        List<AddressResult> results = new ArrayList<>();
        for (InetAddress ia : addresses) {
            SmtpSession s = new SmtpSession(o, handshaker, watchdog, h.name(), ia, deadline);
            results.add(checkAddress(s, o));
        }
        DaneResult dane = null;
        if (o.checkDane()) {
            SessionResult withTls = results.stream().map(AddressResult::smtp)
                    .filter(x -> x.tls() != null && !x.tls().chain().isEmpty()).findFirst().orElse(null);
            dane = new DaneCheck(o.dns()).check(h.name(), 25, withTls == null ? List.of() : withTls.tls().chain(),
                    withTls != null && withTls.tls().certificate() != null && withTls.tls().certificate().nameMatches());
        }
        Status status = Status.worstOf(hostFindings);
        for (AddressResult a : results) {
            status = status.worse(a.status());
        }
        if (dane != null && dane.status() == Status.FAIL) {
            status = status.worse(Status.FAIL);
        }
        String headline = results.stream().filter(a -> a.status() == Status.FAIL).map(AddressResult::headline)
                .findFirst().orElse(results.stream().filter(a -> a.status() == Status.WARN).map(AddressResult::headline)
                        .findFirst().orElse(results.get(0).headline()));
        if (dane != null && dane.status() == Status.FAIL && status == Status.FAIL
                && results.stream().noneMatch(a -> a.status() == Status.FAIL)) {
            headline = dane.headline();
        }
        return new HostResult(h.name(), h.preference(), results, dane, status, headline, hostFindings,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static AddressResult checkAddress(SmtpSession s, SmtpOptions o) {
        SessionResult smtp = s.run(SmtpSession.Mode.STARTTLS, o.smtpPort());
        List<TlsVersionSupport> versions = new ArrayList<>();
        List<SmtpFinding> findings = new ArrayList<>();
        // Versions are probed only where TLS itself can work: against a server with no
        // certificate every version "fails", which says nothing about versions.
        if (o.probeTlsVersions() && smtp.offersStarttls() && smtp.tls() != null
                && !List.of("timeout", "no-certificate", "dropped", "not-tls").contains(String.valueOf(
                        smtp.tls().failureKind()))) {
            for (String v : VERSIONS) {
                versions.add(s.probeVersion(v, o.smtpPort(), false));
            }
            List<String> weak = versions.stream().filter(v -> v.accepted() && v.weak()).map(TlsVersionSupport::version)
                    .map(MailServerCheck::pretty).toList();
            if (!weak.isEmpty()) {
                findings.add(SmtpFinding.warn("tls-weak-versions", smtp.address() + " still accepts "
                        + String.join(" and ", weak) + ", deprecated since 2021.",
                        "RFC 8996 deprecates TLS 1.0 and 1.1. Allow only TLS 1.2 and 1.3 (Postfix: smtpd_tls_protocols = "
                                + ">=TLSv1.2; Sendmail: CipherList/ServerSSLOptions; Exim: openssl_options = +no_tlsv1 +no_tlsv1_1)."));
            }
            boolean modern = versions.stream().anyMatch(v -> v.accepted() && !v.weak());
            boolean anyTested = versions.stream().anyMatch(v -> !"not-tested".equals(v.result()));
            if (!modern && anyTested && versions.stream().anyMatch(TlsVersionSupport::accepted)) {
                findings.add(SmtpFinding.fail("tls-only-legacy", smtp.address() + " accepts only outdated TLS ("
                        + String.join(", ", weak) + "): current senders cannot encrypt to it.",
                        versions.toString()));
            }
        }
        if (smtp.tls() != null && "no-certificate".equals(smtp.tls().failureKind())) {
            // Confirm the diagnosis: does it at least speak certificate-less (anonymous) TLS?
            TlsVersionSupport anon = s.probeVersion(SmtpSession.ANONYMOUS, o.smtpPort(), false);
            if (anon.accepted()) {
                findings.add(SmtpFinding.info("anonymous-tls-only", smtp.address() + " agrees to anonymous TLS "
                        + "only: it has no certificate to present.", "A TLS 1.2 ClientHello offering only DH_anon/"
                        + "ECDH_anon suites was " + anon.detail() + ". Senders refuse anonymous ciphers."));
            } else if ("rejected".equals(anon.result())) {
                findings.add(SmtpFinding.info("anonymous-tls-refused", smtp.address() + " refuses anonymous TLS too: "
                        + "no TLS handshake with it can succeed.", "A TLS 1.2 ClientHello offering only DH_anon/"
                        + "ECDH_anon suites was " + anon.detail() + "."));
            }
        }
        SessionResult submission = null;
        SessionResult implicit = null;
        if (o.checkSubmission()) {
            submission = s.run(SmtpSession.Mode.SUBMISSION, o.submissionPort());
            implicit = s.run(SmtpSession.Mode.IMPLICIT_TLS, o.implicitTlsPort());
        }
        Status status = smtp.status().worse(Status.worstOf(findings));
        String headline = smtp.headline();
        if (status != smtp.status()) {
            headline = findings.stream().filter(f -> f.status() == Status.FAIL || f.status() == Status.WARN)
                    .map(SmtpFinding::headline).findFirst().orElse(headline);
        }
        // Submission ports are extra services on an MX: their problems are reported but only
        // raise the address's status to warn, since port 25 decides whether mail arrives.
        for (SessionResult sub : new SessionResult[] {submission, implicit}) {
            if (sub == null || !sub.connected()) {
                continue;
            }
            Status raised = status.worse(sub.status() == Status.PASS || sub.status() == Status.INFO ? Status.PASS
                    : Status.WARN);
            if (raised != status) {
                headline = sub.headline(); // say why the address is no longer all green
                status = raised;
            }
        }
        return new AddressResult(smtp.address(), smtp, versions, submission, implicit, status, headline, findings);
    }

    static String pretty(String v) {
        return v.equals("TLSv1") ? "TLS 1.0" : v.replace("TLSv", "TLS ");
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
