package org.mailmedic.engine.probe.dnsbl;

import java.net.Inet4Address;
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
import org.mailmedic.engine.probe.dns.DnsSession;
import org.mailmedic.engine.probe.dns.IpAddresses;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Checks each MX address and the sending IP against DNS blacklists (configurable; defaults in
 * {@code default-dnsbls.txt}). Reads {@code REVERSED-IP.ZONE} A records and, for listings, the
 * TXT reason. Reports, per address and list: not listed (NXDOMAIN), listed (127.0.0.2–127.0.0.254,
 * with the list's meaning), or could-not-check — kept apart from listings: 127.255.255.x (the
 * list refuses the query, e.g. Spamhaus's 127.255.255.254 for queries through public
 * resolvers), 127.0.0.1, answers outside 127/8 (a resolver rewriting NXDOMAIN), timeouts.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5782#section-2">RFC 5782 2</a>
 */
public final class DnsblCheck implements DomainProbe {

    public static final String TITLE = "Blacklists (DNSBL)";

    /** The outcome of one address on one list. */
    public enum Verdict { NOT_LISTED, LISTED, ERROR }

    /** One address on one list. */
    public record Lookup(InetAddress address, Dnsbl list, DnsAnswer a, Verdict verdict, String meaning) {
    }

    @Override
    public String id() {
        return "dnsbl";
    }

    @Override
    public List<String> titles() {
        return List.of(TITLE);
    }

    @Override
    public CompletableFuture<List<CheckResult>> start(ProbeContext ctx) {
        List<Dnsbl> lists = ctx.options().dnsbls() == null ? Dnsbl.defaults()
                : ctx.options().dnsbls().stream().map(Dnsbl::of).toList();
        Optional<InetAddress> sending = ctx.options().sendingIp() == null ? Optional.empty()
                : IpAddresses.parse(ctx.options().sendingIp()).map(IpAddresses::unmap);
        return ctx.mxHosts().thenCompose(mx -> {
            List<InetAddress> addrs = new ArrayList<>();
            sending.ifPresent(addrs::add);
            for (InetAddress a : mx.addresses()) {
                InetAddress u = IpAddresses.unmap(a);
                if (!addrs.contains(u) && IpAddresses.specialPurpose(u).isEmpty()) {
                    addrs.add(u);
                }
            }
            List<CompletableFuture<Lookup>> fs = new ArrayList<>();
            for (InetAddress a : addrs) {
                for (Dnsbl l : lists) {
                    if (a instanceof Inet4Address || l.ipv6()) {
                        fs.add(lookup(ctx.dns(), a, l));
                    }
                }
            }
            return CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new))
                    .thenApply(v -> List.of(evaluate(addrs, lists, fs.stream().map(CompletableFuture::join).toList())));
        });
    }

    public static CompletableFuture<Lookup> lookup(DnsSession dns, InetAddress address, Dnsbl list) {
        String q = IpAddresses.reversed(address) + "." + list.zone();
        return dns.async(q, Type.A).thenApply(a -> classify(address, list, a));
    }

    /** Listing, not listed, or an error answer, per RFC 5782 and the lists' documented error codes. */
    public static Lookup classify(InetAddress address, Dnsbl list, DnsAnswer a) {
        if (a.nxdomain() || a.nodata()) {
            return new Lookup(address, list, a, Verdict.NOT_LISTED, null);
        }
        if (a.failed()) {
            return new Lookup(address, list, a, Verdict.ERROR, "the query failed (" + a.problem() + ")");
        }
        List<String> listings = new ArrayList<>();
        for (Record r : a.records()) {
            if (!(r instanceof ARecord ar)) {
                continue;
            }
            String code = ar.getAddress().getHostAddress();
            byte[] b = ar.getAddress().getAddress();
            if ((b[0] & 0xff) != 127) {
                return new Lookup(address, list, a, Verdict.ERROR, "the answer " + code + " is not a DNSBL code: "
                        + "your DNS resolver probably rewrites 'no such name' answers (ad or filtering service)");
            }
            if ((b[1] & 0xff) == 255 && (b[2] & 0xff) == 255) {
                String why = switch (b[3] & 0xff) {
                    case 252 -> "the list says the query name is malformed (127.255.255.252)";
                    case 254 -> "the list refuses queries that come through a public or open resolver (127.255.255.254): "
                            + "use your own resolver or the list's registered data feed";
                    case 255 -> "the list refuses: too many queries from this resolver (127.255.255.255)";
                    default -> "the list answered with its error code " + code;
                };
                return new Lookup(address, list, a, Verdict.ERROR, why);
            }
            if (code.equals("127.0.0.1")) {
                return new Lookup(address, list, a, Verdict.ERROR, "the list answered 127.0.0.1, which is not a listing: "
                        + "lists use it to refuse or to flag the query (e.g. through a public resolver)");
            }
            listings.add(list.meaning(code));
        }
        if (listings.isEmpty()) {
            return new Lookup(address, list, a, Verdict.NOT_LISTED, null);
        }
        return new Lookup(address, list, a, Verdict.LISTED, String.join("; ", listings));
    }

    public static CheckResult evaluate(List<InetAddress> addrs, List<Dnsbl> lists, List<Lookup> lookups) {
        CheckResult.Builder b = new CheckResult.Builder("dnsbl", TITLE);
        if (addrs.isEmpty()) {
            return b.status(Status.INFO).headline("No public mail server address to check against blacklists.").build();
        }
        int listed = 0;
        int errors = 0;
        for (Lookup l : lookups) {
            b.dns(l.a());
            String who = IpAddresses.text(l.address()) + " on " + l.list().name() + " (" + l.list().zone() + ")";
            switch (l.verdict()) {
                case LISTED -> {
                    listed++;
                    b.finding(Status.FAIL, who + ": LISTED — " + l.meaning() + ".");
                }
                case ERROR -> {
                    errors++;
                    b.finding(Status.WARN, who + ": could not check — " + l.meaning() + ". This is NOT a listing.");
                }
                default -> {
                }
            }
        }
        b.fact("dnsbl.listed", listed).fact("dnsbl.errors", errors).fact("dnsbl.checked", lookups.size());
        b.detail("Asked " + lists.size() + " lists about " + addrs.size() + " address" + (addrs.size() == 1 ? "" : "es")
                + ": " + String.join(", ", addrs.stream().map(IpAddresses::text).toList()) + ".");
        String h;
        if (listed > 0) {
            h = listed + (listed == 1 ? " listing" : " listings") + " found: receivers using those lists will refuse or junk mail from the listed address.";
        } else if (errors > 0) {
            h = "Not listed where the lists answered; " + errors + " of " + lookups.size() + " queries could not be checked (see why).";
        } else {
            h = "Not listed on any of the " + lists.size() + " lists checked.";
        }
        return b.headline(h).build();
    }
}
