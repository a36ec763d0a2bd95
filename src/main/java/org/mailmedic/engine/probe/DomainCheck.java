package org.mailmedic.engine.probe;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mailmedic.engine.probe.dkim.DkimCheck;
import org.mailmedic.engine.probe.dmarc.DmarcCheck;
import org.mailmedic.engine.probe.dmarc.MtaStsRecordCheck;
import org.mailmedic.engine.probe.dmarc.OrganizationalDomain;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsNames;
import org.mailmedic.engine.probe.dns.DnsSession;
import org.mailmedic.engine.probe.dnsbl.DnsblCheck;
import org.mailmedic.engine.probe.mx.MxCheck;
import org.mailmedic.engine.probe.rdns.ReverseDnsCheck;
import org.mailmedic.engine.probe.spf.SpfCheck;

/**
 * Runs every live check of a domain at once and streams each row as it finishes. All probes
 * start together on a per-run thread pool and share one cached {@link DnsSession}, so the whole
 * check costs about its longest chain of dependent lookups (MX → address → PTR → forward
 * address; SPF include chains), not the sum of its lookups. Each probe has a deadline
 * ({@link DomainCheckOptions#checkDeadline()}): one that overruns becomes a "did not finish" row.
 *
 * <p>Extension point: the probes are an explicit, ordered {@code List<DomainProbe>}
 * ({@link #defaultProbes()}); the SMTP/TLS probes are added by passing a longer list (see
 * {@link DomainProbe}).
 */
public final class DomainCheck {

    private final Dns dns;
    private final List<DomainProbe> probes;
    private final Clock clock;

    /** With the default DNS probes. */
    public DomainCheck(Dns dns) {
        this(dns, defaultProbes());
    }

    public DomainCheck(Dns dns, List<DomainProbe> probes) {
        this(dns, probes, Clock.systemUTC());
    }

    public DomainCheck(Dns dns, List<DomainProbe> probes, Clock clock) {
        this.dns = dns;
        this.probes = List.copyOf(probes);
        this.clock = clock;
        OrganizationalDomain.warmUp();
    }

    /** The DNS-based probes in display order. */
    public static List<DomainProbe> defaultProbes() {
        return List.of(new MxCheck(), new ReverseDnsCheck(), new SpfCheck(), new DmarcCheck(), new DkimCheck(),
                new MtaStsRecordCheck(), new DnsblCheck());
    }

    public List<DomainProbe> probes() {
        return probes;
    }

    /**
     * Checks a domain.
     *
     * @param domain   as typed (Unicode allowed; "user@domain" takes the domain)
     * @param options  what else to look at
     * @param onResult called once per row as soon as it is ready, from a worker thread (never
     *                 concurrently); may be null
     * @return every row, in registry order. If the calling thread is interrupted, the run stops
     *         and the rows finished so far come back with {@code cancelled} set.
     */
    public DomainCheckResult run(String domain, DomainCheckOptions options, Consumer<CheckResult> onResult) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Consumer<CheckResult> sink = onResult == null ? r -> { } : onResult;
        DnsNames.Result parsed = DnsNames.parse(domain);
        if (!parsed.ok()) {
            CheckResult bad = new CheckResult.Builder("domain", "Domain name").status(Status.FAIL)
                    .headline(capitalize(parsed.problem()) + ".").build();
            sink.accept(bad);
            return new DomainCheckResult(domain, null, domain, String.valueOf(dns), started, 0, 0, false, Status.FAIL,
                    List.of(bad));
        }
        DnsNames.DomainName name = parsed.name();
        ThreadPoolExecutor pool = newPool();
        DnsSession session = new DnsSession(dns, pool);
        ProbeContext ctx = new ProbeContext(name, options, session, pool);
        List<CheckResult> done = Collections.synchronizedList(new ArrayList<>());
        Object emitLock = new Object();
        List<CompletableFuture<List<CheckResult>>> futures = new ArrayList<>();
        for (DomainProbe p : probes) {
            CompletableFuture<List<CheckResult>> f;
            try {
                f = p.start(ctx);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f = f.orTimeout(options.checkDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(e -> List.of(failed(p, e, options)))
                    .thenApply(rows -> {
                        synchronized (emitLock) {
                            for (CheckResult r : rows) {
                                done.add(r);
                                try {
                                    sink.accept(r);
                                } catch (RuntimeException e) {
                                    // A listener's bug must not lose the other rows: the result still has them.
                                }
                            }
                        }
                        return rows;
                    });
            futures.add(f);
        }
        boolean cancelled = false;
        List<CheckResult> ordered = new ArrayList<>();
        try {
            for (CompletableFuture<List<CheckResult>> f : futures) {
                ordered.addAll(f.get());
            }
        } catch (InterruptedException e) {
            cancelled = true;
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            ordered.clear();
            synchronized (done) {
                ordered.addAll(done);
            }
        } catch (ExecutionException e) {
            // exceptionally() above turns every failure into a row: cannot happen
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Status worst = Status.PASS;
        for (CheckResult r : ordered) {
            worst = worst.worse(r.status());
        }
        return new DomainCheckResult(domain, name.ascii(), name.display(), String.valueOf(dns), started,
                (System.nanoTime() - t0) / 1_000_000, session.questions(), cancelled, worst, ordered);
    }

    private static CheckResult failed(DomainProbe p, Throwable e, DomainCheckOptions options) {
        Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        String title = p.titles().isEmpty() ? p.id() : p.titles().get(0);
        String why = c instanceof java.util.concurrent.TimeoutException
                ? "did not finish within " + options.checkDeadline().toSeconds() + " s (DNS too slow or not answering)"
                : "stopped by an internal error (" + c + "); please report it";
        return new CheckResult.Builder(p.id(), title).status(Status.WARN).headline("This check " + why + ".").build();
    }

    /** Daemon threads, enough for every lookup of a check to wait at once. */
    private static ThreadPoolExecutor newPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(64, 64, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "mailmedic-dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
