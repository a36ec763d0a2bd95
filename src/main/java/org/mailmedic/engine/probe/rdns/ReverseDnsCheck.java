package org.mailmedic.engine.probe.rdns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainProbe;
import org.mailmedic.engine.probe.ProbeContext;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.dns.IpAddresses;

/**
 * Checks reverse DNS for each MX address and for the sending IP the user gives. Reads PTR
 * records and the A/AAAA records of the names they give. Reports, per address: PTR present,
 * forward-confirmed (FCrDNS), generic-looking (dynamic/residential) names. A sending server
 * without FCrDNS is refused by large receivers, so that is a failure; for an MX host that only
 * receives it is a warning.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1912#section-2.1">RFC 1912 2.1</a>
 */
public final class ReverseDnsCheck implements DomainProbe {

    public static final String TITLE = "Reverse DNS (PTR)";

    @Override
    public String id() {
        return "rdns";
    }

    @Override
    public List<String> titles() {
        return List.of(TITLE);
    }

    @Override
    public CompletableFuture<List<CheckResult>> start(ProbeContext ctx) {
        Optional<InetAddress> sending = ctx.options().sendingIp() == null ? Optional.empty()
                : IpAddresses.parse(ctx.options().sendingIp());
        return ctx.mxHosts().thenCompose(mx -> {
            List<InetAddress> mxAddrs = mx.addresses().stream().map(IpAddresses::unmap)
                    .filter(a -> IpAddresses.specialPurpose(a).isEmpty())
                    .filter(a -> sending.map(IpAddresses::unmap).map(s -> !s.equals(a)).orElse(true)).toList();
            List<CompletableFuture<ReverseDns.Result>> fs = new ArrayList<>();
            sending.ifPresent(a -> fs.add(ReverseDns.check(ctx.dns(), a)));
            for (InetAddress a : mxAddrs) {
                fs.add(ReverseDns.check(ctx.dns(), a));
            }
            return CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<ReverseDns.Result> rs = fs.stream().map(CompletableFuture::join).toList();
                String badIp = ctx.options().sendingIp() != null && sending.isEmpty() ? ctx.options().sendingIp() : null;
                return List.of(evaluate(rs, sending.map(IpAddresses::unmap).orElse(null), badIp));
            });
        });
    }

    /** Judges reverse-DNS results; {@code sending} marks which address sends mail. */
    public static CheckResult evaluate(List<ReverseDns.Result> results, InetAddress sending, String invalidSendingIp) {
        CheckResult.Builder b = new CheckResult.Builder("rdns", TITLE);
        if (invalidSendingIp != null) {
            b.finding(Status.WARN, "'" + invalidSendingIp + "' is not an IP address, so the sending server was not checked.");
        }
        if (results.isEmpty()) {
            return b.raise(Status.INFO).headline("No public mail server address to check.").build();
        }
        int good = 0;
        for (ReverseDns.Result r : results) {
            boolean isSender = r.address().equals(sending);
            String who = (isSender ? "Sending server " : "MX address ") + IpAddresses.text(r.address());
            Status missing = isSender ? Status.FAIL : Status.WARN;
            b.dns(r.ptr());
            r.forward().forEach(b::dns);
            DnsAnswer ptr = r.ptr();
            if (ptr.failed()) {
                b.finding(Status.WARN, who + ": the PTR lookup " + ptr.name() + " failed (" + ptr.problem() + ").");
                continue;
            }
            if (r.names().isEmpty()) {
                b.finding(missing, who + " has no reverse DNS name (no PTR at " + ptr.name() + ")"
                        + (isSender ? "; Gmail, Microsoft and most ISPs refuse or throttle mail from such addresses." : "."));
                continue;
            }
            if (!r.fcrdns()) {
                b.finding(missing, who + " has the name " + String.join(", ", r.names())
                        + ", but that name does not resolve back to " + IpAddresses.text(r.address())
                        + " (not forward-confirmed).");
                continue;
            }
            if (r.generic() != null) {
                b.finding(Status.WARN, who + " has the generic-looking name " + r.generic()
                        + " (like a dynamic or residential line); receivers may treat it as a home connection. "
                        + "Ask your provider for a name under your own domain.");
                good++;
                continue;
            }
            b.detail(who + " → " + String.join(", ", r.confirmed()) + " (forward-confirmed).");
            good++;
        }
        b.fact("rdns.confirmed", good + "/" + results.size());
        String headline = switch (b.status()) {
            case PASS, INFO -> "Every address checked has forward-confirmed reverse DNS (" + good + " of " + results.size() + ").";
            case WARN -> good + " of " + results.size() + " addresses have forward-confirmed reverse DNS; see the details.";
            case FAIL -> "Reverse DNS is missing or wrong for a sending address: receivers will refuse or throttle its mail.";
        };
        return b.headline(headline).build();
    }
}
