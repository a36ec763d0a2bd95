package org.mailmedic.engine.probe.mx;

import java.net.Inet6Address;
import java.net.InetAddress;
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
 * Checks where the domain's mail is delivered. Reads the MX records and each host's A/AAAA
 * records. Reports: the hosts by preference; a null MX (RFC 7505); no MX (the implicit A/AAAA
 * fallback, a warning); an MX that is a CNAME (RFC 2181 10.3) or an IP literal; hosts with no
 * address or with private/loopback/reserved addresses; whether any host has IPv6.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5321#section-5.1">RFC 5321 5.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7505">RFC 7505</a>
 */
public final class MxCheck implements DomainProbe {

    public static final String TITLE = "Mail servers (MX)";

    @Override
    public String id() {
        return "mx";
    }

    @Override
    public List<String> titles() {
        return List.of(TITLE);
    }

    @Override
    public CompletableFuture<List<CheckResult>> start(ProbeContext ctx) {
        return ctx.mxHosts().thenApply(mx -> List.of(evaluate(ctx.domain().display(), mx)));
    }

    /** Judges an MX lookup. */
    public static CheckResult evaluate(String display, MxLookup.MxHosts mx) {
        CheckResult.Builder b = new CheckResult.Builder("mx", TITLE);
        DnsAnswer ans = mx.mx();
        b.dns(ans);
        if (ans.nxdomain()) {
            return b.status(Status.FAIL).headline(display + " does not exist in DNS (NXDOMAIN for " + ans.name()
                    + "): no one can send mail to it.").fact("mx.state", "nxdomain").build();
        }
        if (ans.failed()) {
            return b.status(Status.FAIL).headline("The MX lookup for " + ans.name() + " failed: "
                    + ans.problem()
                    + ". Senders who get the same cannot deliver mail and will retry.").fact("mx.state", "error").build();
        }
        if (mx.nullMx() && mx.hosts().isEmpty()) {
            return b.status(Status.INFO).headline(display + " publishes a null MX (\"0 .\"): it declares that it accepts no mail"
                    + " (RFC 7505).").fact("mx.state", "null").build();
        }
        if (mx.nullMx()) {
            b.finding(Status.FAIL, "A null MX (\"0 .\") must be the only MX record (RFC 7505 3); here it is mixed with others.");
        }
        if (mx.implicit()) {
            MxLookup.MxHost self = mx.hosts().get(0);
            b.dns(self.a()).dns(self.aaaa());
            if (self.addresses().isEmpty()) {
                return b.status(Status.FAIL).headline(display + " has no MX record and no address: it cannot receive mail.")
                        .fact("mx.state", "none").build();
            }
            b.raise(Status.WARN).headline(display + " has no MX record; senders fall back to its own address ("
                    + join(self.addresses()) + "). Publish an MX record to make this explicit.").fact("mx.state", "implicit");
        } else {
            StringBuilder h = new StringBuilder();
            for (MxLookup.MxHost host : mx.hosts()) {
                if (h.length() > 0) {
                    h.append(", ");
                }
                h.append(host.name()).append(" (").append(host.preference()).append(')');
            }
            b.headline(mx.hosts().size() + (mx.hosts().size() == 1 ? " mail server: " : " mail servers: ") + h + ".")
                    .fact("mx.state", "ok");
        }
        boolean anyV6 = false;
        int usable = 0;
        int unresolved = 0;
        for (MxLookup.MxHost host : mx.hosts()) {
            b.dns(host.a()).dns(host.aaaa());
            if (host.ipLiteral()) {
                b.finding(Status.FAIL, "The MX record points at the address " + host.name()
                        + "; an MX must name a host (RFC 7505 §4 / RFC 5321 5.1); many senders will not deliver.");
                continue;
            }
            DnsAnswer a = host.a();
            DnsAnswer aaaa = host.aaaa();
            if ((a != null && !a.cnameChain().isEmpty()) || (aaaa != null && !aaaa.cnameChain().isEmpty())) {
                b.finding(Status.WARN, "MX host " + host.name() + " is an alias (CNAME → "
                        + String.join(" → ", (a != null && !a.cnameChain().isEmpty() ? a : aaaa).cnameChain())
                        + "); MX targets must not be CNAMEs (RFC 2181 10.3).");
            }
            if (host.addresses().isEmpty()) {
                boolean err = (a != null && a.failed()) || (aaaa != null && aaaa.failed());
                if (err) {
                    unresolved++;
                }
                b.finding(err ? Status.WARN : Status.FAIL, "MX host " + host.name() + (err
                        ? " could not be resolved (" + reason(a, aaaa) + ")."
                        : " has no address (no A or AAAA record): mail for it cannot be delivered."));
                continue;
            }
            boolean hostOk = false;
            for (InetAddress addr : host.addresses()) {
                Optional<String> special = IpAddresses.specialPurpose(addr);
                if (special.isPresent()) {
                    b.finding(Status.FAIL, "MX host " + host.name() + " has the address " + IpAddresses.text(addr) + ", "
                            + special.get() + ".");
                } else {
                    hostOk = true;
                }
                anyV6 |= addr instanceof Inet6Address;
            }
            if (hostOk) {
                usable++;
            }
            b.detail(host.name() + " (preference " + host.preference() + "): " + join(host.addresses()));
        }
        if (!mx.hosts().isEmpty() && usable == 0) {
            // Lookups that failed prove nothing broken ("could not be fully checked" is WARN).
            b.raise(unresolved == mx.hosts().size() ? Status.WARN : Status.FAIL);
            b.headline(b.build().headline() + (unresolved == mx.hosts().size()
                    ? (unresolved == 1 ? " Its address" : " Their addresses")
                            + " could not be looked up, so MailMedic cannot tell whether mail can reach "
                            + (unresolved == 1 ? "it." : "them.")
                    : " None of them has a usable public address."));
        }
        b.fact("mx.hosts", String.join(" ", mx.hosts().stream().map(MxLookup.MxHost::name).toList()));
        b.fact("mx.ipv6", anyV6);
        b.detail(anyV6 ? "At least one mail server is reachable over IPv6." : "No mail server has an IPv6 address (fine; IPv6 is optional).");
        return b.build();
    }

    private static String reason(DnsAnswer a, DnsAnswer aaaa) {
        DnsAnswer bad = a != null && a.failed() ? a : aaaa;
        return bad == null ? "unknown" : bad.describe();
    }

    private static String join(List<InetAddress> addrs) {
        return String.join(", ", addrs.stream().map(IpAddresses::text).toList());
    }
}
