package org.mailmedic.engine.probe.dns;

import java.util.List;

/**
 * A {@link DnsAnswer} in the form reports and JSON keep: plain strings and numbers only.
 *
 * @param name          the name queried (ASCII form)
 * @param type          the record type, e.g. {@code MX}
 * @param rcode         e.g. {@code NOERROR}, {@code NXDOMAIN}; null when no response arrived
 * @param records       the answer records in presentation form (rdata only)
 * @param cnameChain    CNAME targets followed
 * @param ttl           smallest TTL of the records, or -1
 * @param authenticated the DNSSEC AD bit
 * @param elapsedMs     time taken, retries included
 * @param server        the resolver asked
 * @param error         what went wrong when no usable response arrived, else null
 * @param viaTcp        the answer came over TCP after a truncated UDP one
 */
public record DnsEvidence(String name, String type, String rcode, List<String> records, List<String> cnameChain,
        long ttl, boolean authenticated, long elapsedMs, String server, String error, boolean viaTcp) {

    public DnsEvidence {
        records = List.copyOf(records);
        cnameChain = List.copyOf(cnameChain);
    }

    public static DnsEvidence of(DnsAnswer a) {
        return new DnsEvidence(a.name(), a.typeName(), a.rcodeName(),
                a.records().stream().map(r -> r.rdataToString()).toList(), a.cnameChain(), a.ttl(),
                a.authenticated(), a.elapsed().toMillis(), a.server(), a.error(), a.viaTcp());
    }

    /** One line for people, as {@link DnsAnswer#describe()}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(' ').append(type).append(" → ");
        if (error != null) {
            sb.append(error);
        } else {
            sb.append(rcode);
            if ("NOERROR".equals(rcode)) {
                sb.append(records.isEmpty() ? ", no records" : ": " + String.join(" | ", records));
            }
        }
        if (!cnameChain.isEmpty()) {
            sb.append(" (via CNAME ").append(String.join(" → ", cnameChain)).append(')');
        }
        sb.append(" [").append(elapsedMs).append(" ms");
        if (ttl >= 0) {
            sb.append(", TTL ").append(ttl);
        }
        if (authenticated) {
            sb.append(", DNSSEC-validated");
        }
        if (viaTcp) {
            sb.append(", TCP");
        }
        return sb.append(']').toString();
    }
}
