package org.mailmedic.engine.probe.rdns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.dns.DnsResponses;
import org.mailmedic.engine.probe.dns.DnsSession;
import org.mailmedic.engine.probe.dns.IpAddresses;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reverse DNS of one address: its PTR names, whether one of them resolves back to the address
 * (forward-confirmed reverse DNS, "FCrDNS"), and whether the name looks like an ISP's generic
 * name for a dynamic or residential address — which many receivers refuse mail from.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1912#section-2.1">RFC 1912 2.1</a>
 */
public final class ReverseDns {

    private static final Pattern GENERIC_WORDS = Pattern.compile(
            "(^|[.-])(dyn|dynamic|dhcp|pool|dsl|adsl|xdsl|vdsl|cable|ppp|pppoe|dialup|dial|client|customer|cust|"
            + "broadband|bb|residential|res|home|user|static|ip|host|unassigned|nat|wifi|mobile|fttx|ftth)"
            + "[0-9-]*([.-]|$)");

    private ReverseDns() {
    }

    /**
     * @param address   the address
     * @param ptr       its PTR answer
     * @param names     PTR names found
     * @param confirmed names that resolve back to the address
     * @param forward   the forward answers used for confirmation
     * @param generic   the first name that looks generic (dynamic/residential), or null
     */
    public record Result(InetAddress address, DnsAnswer ptr, List<String> names, List<String> confirmed,
            List<DnsAnswer> forward, String generic) {

        public boolean fcrdns() {
            return !confirmed.isEmpty();
        }
    }

    public static CompletableFuture<Result> check(DnsSession dns, InetAddress address) {
        InetAddress a = IpAddresses.unmap(address);
        int fwdType = a instanceof Inet4Address ? Type.A : Type.AAAA;
        return dns.async(IpAddresses.reverseName(a), Type.PTR).thenCompose(ptr -> {
            List<String> names = new ArrayList<>();
            for (Record r : ptr.records()) {
                if (r instanceof PTRRecord p) {
                    names.add(DnsResponses.strip(p.getTarget()));
                }
            }
            List<String> check = names.size() > 10 ? names.subList(0, 10) : names;
            List<CompletableFuture<DnsAnswer>> fwd = check.stream().map(n -> dns.async(n, fwdType)).toList();
            return CompletableFuture.allOf(fwd.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<String> confirmed = new ArrayList<>();
                List<DnsAnswer> answers = new ArrayList<>();
                for (int i = 0; i < check.size(); i++) {
                    DnsAnswer f = fwd.get(i).join();
                    answers.add(f);
                    for (Record r : f.records()) {
                        InetAddress x = r instanceof ARecord ar ? ar.getAddress() : r instanceof AAAARecord ar6 ? ar6.getAddress() : null;
                        if (a.equals(x)) {
                            confirmed.add(check.get(i));
                            break;
                        }
                    }
                }
                String generic = names.stream().filter(n -> looksGeneric(n, a)).findFirst().orElse(null);
                return new Result(a, ptr, names, confirmed, answers, generic);
            });
        });
    }

    /** Whether a PTR name looks like an ISP's automatic name (it embeds the address, or words like "dynamic"). */
    public static boolean looksGeneric(String name, InetAddress a) {
        String n = name.toLowerCase(Locale.ROOT);
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int[] o = {b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff};
            String[] seps = {"-", ".", "_", ""};
            for (String s : seps) {
                String fwd = o[0] + s + o[1] + s + o[2] + s + o[3];
                String rev = o[3] + s + o[2] + s + o[1] + s + o[0];
                if (!s.isEmpty() && (n.contains(fwd) || n.contains(rev))) {
                    return true;
                }
            }
            String hex = String.format(Locale.ROOT, "%02x%02x%02x%02x", o[0], o[1], o[2], o[3]);
            if (n.contains(hex)) {
                return true;
            }
            // Last two octets plus a generic word ("dsl-3-4.pool.example") are common too.
        }
        String first = n.contains(".") ? n.substring(0, n.indexOf('.')) : n;
        String firstTwo = n.split("\\.").length > 2 ? n.substring(0, n.indexOf('.', n.indexOf('.') + 1)) : first;
        return GENERIC_WORDS.matcher(firstTwo).find() && firstTwo.matches(".*\\d.*");
    }
}
