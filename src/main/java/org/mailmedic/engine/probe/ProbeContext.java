package org.mailmedic.engine.probe;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.mailmedic.engine.probe.dns.DnsNames.DomainName;
import org.mailmedic.engine.probe.dns.DnsSession;
import org.mailmedic.engine.probe.mx.MxLookup;

/**
 * What every probe of one domain check shares: the domain (ASCII and Unicode), the options, the
 * run's cached parallel DNS, its executor, and lookups several probes need (the MX hosts with
 * their addresses), computed once.
 */
public final class ProbeContext {

    private final DomainName domain;
    private final DomainCheckOptions options;
    private final DnsSession dns;
    private final Executor executor;
    private volatile CompletableFuture<MxLookup.MxHosts> mx;

    public ProbeContext(DomainName domain, DomainCheckOptions options, DnsSession dns, Executor executor) {
        this.domain = domain;
        this.options = options;
        this.dns = dns;
        this.executor = executor;
    }

    public DomainName domain() {
        return domain;
    }

    /** The ASCII form of the domain, the one to query. */
    public String ascii() {
        return domain.ascii();
    }

    public DomainCheckOptions options() {
        return options;
    }

    public DnsSession dns() {
        return dns;
    }

    public Executor executor() {
        return executor;
    }

    /** The domain's MX hosts and their addresses (looked up once, shared by MX, rDNS, DNSBL, SMTP). */
    public CompletableFuture<MxLookup.MxHosts> mxHosts() {
        CompletableFuture<MxLookup.MxHosts> f = mx;
        if (f == null) {
            synchronized (this) {
                if (mx == null) {
                    mx = MxLookup.lookup(dns, domain.ascii());
                }
                f = mx;
            }
        }
        return f;
    }

    /** Runs blocking work on the run's executor. */
    public <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }
}
