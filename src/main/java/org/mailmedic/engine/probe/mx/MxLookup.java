package org.mailmedic.engine.probe.mx;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.dns.DnsResponses;
import org.mailmedic.engine.probe.dns.DnsSession;
import org.mailmedic.engine.probe.dns.IpAddresses;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Finds where a domain's mail goes: its MX records by preference and each host's A and AAAA
 * addresses (all looked up in parallel), or — with no MX — the domain itself (the implicit MX of
 * RFC 5321 5.1). Shared by the MX, reverse DNS, blacklist and SMTP checks.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5321#section-5.1">RFC 5321 5.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7505">RFC 7505 (null MX)</a>
 */
public final class MxLookup {

    private MxLookup() {
    }

    /**
     * One mail host.
     *
     * @param name       host name as published (no trailing dot)
     * @param preference MX preference (0 for the implicit MX)
     * @param ipLiteral  the MX target is written as an IP address (invalid, but seen)
     * @param a          its A answer (null for an IP literal)
     * @param aaaa       its AAAA answer (null for an IP literal)
     * @param addresses  every address found, IPv4 first
     */
    public record MxHost(String name, int preference, boolean ipLiteral, DnsAnswer a, DnsAnswer aaaa,
            List<InetAddress> addresses) {
    }

    /**
     * @param domain   the domain (ASCII)
     * @param mx       the MX answer
     * @param hosts    hosts by preference (the domain itself when {@code implicit})
     * @param nullMx   the domain publishes the null MX "0 ." (accepts no mail)
     * @param implicit no MX records: mail goes to the domain's own address
     */
    public record MxHosts(String domain, DnsAnswer mx, List<MxHost> hosts, boolean nullMx, boolean implicit) {

        /** Every address of every host, without duplicates, in preference order. */
        public List<InetAddress> addresses() {
            List<InetAddress> out = new ArrayList<>();
            for (MxHost h : hosts) {
                for (InetAddress a : h.addresses()) {
                    if (!out.contains(a)) {
                        out.add(a);
                    }
                }
            }
            return out;
        }
    }

    public static CompletableFuture<MxHosts> lookup(DnsSession dns, String domain) {
        return dns.async(domain, Type.MX).thenCompose(mx -> {
            List<MXRecord> records = new ArrayList<>();
            for (Record r : mx.records()) {
                if (r instanceof MXRecord m) {
                    records.add(m);
                }
            }
            records.sort(Comparator.comparingInt(MXRecord::getPriority));
            boolean nullMx = records.stream().anyMatch(m -> DnsResponses.strip(m.getTarget()).equals("."));
            if (nullMx && records.size() == 1) {
                return CompletableFuture.completedFuture(new MxHosts(domain, mx, List.of(), true, false));
            }
            boolean implicit = mx.nodata();
            List<CompletableFuture<MxHost>> hosts = new ArrayList<>();
            if (implicit) {
                hosts.add(host(dns, domain, 0));
            } else {
                for (MXRecord m : records) {
                    String target = DnsResponses.strip(m.getTarget());
                    if (!target.equals(".")) {
                        hosts.add(host(dns, target, m.getPriority()));
                    }
                }
            }
            return CompletableFuture.allOf(hosts.toArray(CompletableFuture[]::new)).thenApply(v ->
                    new MxHosts(domain, mx, hosts.stream().map(CompletableFuture::join).toList(), nullMx, implicit));
        });
    }

    private static CompletableFuture<MxHost> host(DnsSession dns, String name, int pref) {
        var literal = IpAddresses.parse(name);
        if (literal.isPresent()) {
            return CompletableFuture.completedFuture(new MxHost(name, pref, true, null, null, List.of(literal.get())));
        }
        CompletableFuture<DnsAnswer> a = dns.async(name, Type.A);
        CompletableFuture<DnsAnswer> aaaa = dns.async(name, Type.AAAA);
        return a.thenCombine(aaaa, (x, y) -> {
            List<InetAddress> addrs = new ArrayList<>();
            for (Record r : x.records()) {
                if (r instanceof ARecord ar) {
                    addrs.add(ar.getAddress());
                }
            }
            for (Record r : y.records()) {
                if (r instanceof AAAARecord ar) {
                    addrs.add(ar.getAddress());
                }
            }
            return new MxHost(name, pref, false, x, y, addrs);
        });
    }
}
