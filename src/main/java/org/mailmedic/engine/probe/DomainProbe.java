package org.mailmedic.engine.probe;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One kind of live check in a {@link DomainCheck}: the extension point. A probe starts its work
 * on the context's executor and completes with one or more rows; it must not block the calling
 * thread, must not throw (problems are rows with a status), and should use
 * {@link ProbeContext#dns()} for every lookup (cached, parallel, recorded) and
 * {@link ProbeContext#mxHosts()} when it needs the mail servers, so the MX lookup happens once.
 *
 * <p>To add the SMTP/TLS checks: implement this in {@code engine.probe.smtp} (connect to each
 * of {@code ctx.mxHosts()} on {@code ctx.options().smtpPort()} with a socket factory and a
 * deadline) and add an instance to the list given to {@link DomainCheck#DomainCheck(
 * org.mailmedic.engine.probe.dns.Dns, List)} — or to {@link DomainCheck#defaultProbes()}.
 */
public interface DomainProbe {

    /** Stable id of the probe (its rows' ids start with it), e.g. {@code mx}. */
    String id();

    /** The row titles this probe will fill, in order, so a window can show them before results arrive. */
    List<String> titles();

    /** Starts the checks; the future completes with this probe's rows. */
    CompletableFuture<List<CheckResult>> start(ProbeContext ctx);
}
