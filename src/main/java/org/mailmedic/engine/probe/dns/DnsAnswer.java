package org.mailmedic.engine.probe.dns;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * One DNS answer as MailMedic keeps it for the report: what was asked, what came back, how long
 * it took, and — when nothing usable came back — why, in words.
 *
 * @param name          the name queried
 * @param type          the record type queried ({@code org.xbill.DNS.Type})
 * @param rcode         the response code ({@code org.xbill.DNS.Rcode}); -1 when no response arrived
 * @param records       answer records of the queried type (after following CNAMEs)
 * @param cnameChain    CNAME targets followed, in order (empty if none)
 * @param authenticated the DNSSEC AD bit of the response
 * @param ttl           the smallest TTL among {@code records}, or -1
 * @param elapsed       time from first send to final answer, retries included
 * @param server        the resolver that answered ({@code host:port}), or the one that failed
 * @param error         null on a response (NOERROR or NXDOMAIN…); otherwise what went wrong
 *                      ("timed out after 3 tries", "response was malformed: …")
 * @param viaTcp        the final answer came over TCP (after a truncated UDP answer)
 */
public record DnsAnswer(String name, int type, int rcode, List<Record> records, List<String> cnameChain,
        boolean authenticated, long ttl, Duration elapsed, String server, String error, boolean viaTcp) {

    public DnsAnswer {
        records = List.copyOf(records);
        cnameChain = List.copyOf(cnameChain);
    }

    /** The original seven-field form (UDP answer). */
    public DnsAnswer(String name, int type, int rcode, List<Record> records, List<String> cnameChain,
            boolean authenticated, long ttl, Duration elapsed, String server, String error) {
        this(name, type, rcode, records, cnameChain, authenticated, ttl, elapsed, server, error, false);
    }

    /** No usable response: {@code error} says why in words. */
    public static DnsAnswer failure(String name, int type, String error, Duration elapsed, String server) {
        return new DnsAnswer(name, type, -1, List.of(), List.of(), false, -1, elapsed, server, error, false);
    }

    /** A response arrived and said NOERROR (possibly with no records: NODATA). */
    public boolean ok() {
        return error == null && rcode == Rcode.NOERROR;
    }

    public boolean nxdomain() {
        return error == null && rcode == Rcode.NXDOMAIN;
    }

    /** NOERROR but no records of the asked type. */
    public boolean nodata() {
        return ok() && records.isEmpty();
    }

    /**
     * A failure that says nothing about the name: no response, a malformed one, SERVFAIL,
     * REFUSED… (everything but NOERROR and NXDOMAIN).
     */
    public boolean failed() {
        return !ok() && !nxdomain();
    }

    public String typeName() {
        return Type.string(type);
    }

    public String rcodeName() {
        return rcode < 0 ? null : Rcode.string(rcode);
    }

    /**
     * The TXT (or SPF type 99) records' texts, each record's character-strings joined without
     * spaces (RFC 7208 3.3, RFC 6376 3.6.2.2), bytes read as UTF-8.
     */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Record r : records) {
            if (r instanceof TXTRecord t) {
                out.add(join(t.getStringsAsByteArrays()));
            } else if (r instanceof org.xbill.DNS.SPFRecord s) {
                out.add(join(s.getStringsAsByteArrays()));
            }
        }
        return out;
    }

    private static String join(List<byte[]> parts) {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : parts) {
            sb.append(new String(b, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** One line for people: {@code example.com MX → NOERROR, 2 records, 12 ms}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(' ').append(typeName()).append(" → ");
        if (error != null) {
            sb.append(error);
        } else {
            sb.append(rcodeName());
            if (ok()) {
                sb.append(records.isEmpty() ? ", no records" : ", " + records.size() + (records.size() == 1 ? " record" : " records"));
            }
        }
        if (!cnameChain.isEmpty()) {
            sb.append(" (via CNAME ").append(String.join(" → ", cnameChain)).append(')');
        }
        sb.append(", ").append(elapsed.toMillis()).append(" ms");
        return sb.toString();
    }
}
