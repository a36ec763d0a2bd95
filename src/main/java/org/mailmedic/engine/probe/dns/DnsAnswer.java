package org.mailmedic.engine.probe.dns;

import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

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
 */
public record DnsAnswer(String name, int type, int rcode, List<Record> records, List<String> cnameChain,
        boolean authenticated, long ttl, Duration elapsed, String server, String error) {

    public DnsAnswer {
        records = List.copyOf(records);
        cnameChain = List.copyOf(cnameChain);
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
}
