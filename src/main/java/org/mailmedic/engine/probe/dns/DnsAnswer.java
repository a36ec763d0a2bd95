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
 *                      ("timed out: …", "the DNS server … sent an answer MailMedic could not read
 *                      (malformed: …)"); made by the factories below so {@link #outcome()} can tell them apart
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

    /** What became of a question, for telling faults apart (tests, the fault table, the report). */
    public enum Outcome {
        /** NOERROR with records of the asked type. */
        ANSWER,
        /** NOERROR, no records of the asked type. */
        NODATA,
        NXDOMAIN,
        SERVFAIL,
        REFUSED,
        /** Another response code (FORMERR, NOTIMP, …). */
        OTHER_RCODE,
        /** No response within the deadline. */
        TIMEOUT,
        /** A response arrived that could not be parsed (or did not match the question). */
        MALFORMED,
        /** The UDP answer was truncated and the retry over TCP failed. */
        TRUNCATED,
        /** The CNAME chain loops or is too long. */
        CNAME_LOOP,
        /** The server could not be reached at all (connection refused, network error). */
        UNREACHABLE,
        /** The name asked for is not a valid domain name (nothing was sent). */
        INVALID_NAME,
        /** Any other failure. */
        ERROR
    }

    static final String TIMED_OUT = "timed out: ";
    static final String MALFORMED = " sent an answer MailMedic could not read (";
    static final String TRUNCATED = " sent a truncated answer over UDP and the retry over TCP ";
    static final String UNREACHABLE = "cannot be reached: ";
    static final String INVALID = "not a valid domain name: ";

    /** {@code 127.0.0.1} for port 53, else {@code 127.0.0.1:5353}: how messages name a resolver. */
    public static String serverForPeople(String server) {
        return server != null && server.endsWith(":53") ? server.substring(0, server.length() - 3) : String.valueOf(server);
    }

    /** No response within {@code millis} after {@code tries} sends. */
    public static DnsAnswer timeout(String name, int type, long millis, int tries, Duration elapsed, String server) {
        return failure(name, type, TIMED_OUT + "the DNS server " + serverForPeople(server) + " did not answer within "
                + millis + " ms" + (tries > 1 ? " (" + tries + " tries)" : ""), elapsed, server);
    }

    /**
     * A response that could not be read; {@code detail} says what was wrong with it, in words
     * ("oversized: …" for an answer larger than a DNS message; otherwise it is called malformed).
     */
    public static DnsAnswer malformed(String name, int type, String detail, Duration elapsed, String server) {
        String d = detail.startsWith("oversized:") ? detail : "malformed: " + detail;
        return failure(name, type, "the DNS server " + serverForPeople(server) + MALFORMED + d + ")", elapsed, server);
    }

    /** A truncated UDP answer whose TCP retry failed; {@code tcpProblem} says how ("was refused", …). */
    public static DnsAnswer truncated(String name, int type, String tcpProblem, Duration elapsed, String server) {
        return failure(name, type, "the DNS server " + serverForPeople(server) + TRUNCATED + tcpProblem
                + ", so the answer never arrived whole", elapsed, server);
    }

    /** The server could not be reached; {@code why} in words. */
    public static DnsAnswer unreachable(String name, int type, String why, Duration elapsed, String server) {
        return failure(name, type, "the DNS server " + serverForPeople(server) + " " + UNREACHABLE + why, elapsed, server);
    }

    /** What became of the question. */
    public Outcome outcome() {
        if (error == null) {
            if (rcode == Rcode.NOERROR) {
                return records.isEmpty() ? Outcome.NODATA : Outcome.ANSWER;
            }
            return switch (rcode) {
                case Rcode.NXDOMAIN -> Outcome.NXDOMAIN;
                case Rcode.SERVFAIL -> Outcome.SERVFAIL;
                case Rcode.REFUSED -> Outcome.REFUSED;
                default -> Outcome.OTHER_RCODE;
            };
        }
        if (error.startsWith(TIMED_OUT)) {
            return Outcome.TIMEOUT;
        }
        if (error.contains(MALFORMED)) {
            return Outcome.MALFORMED;
        }
        if (error.contains(TRUNCATED)) {
            return Outcome.TRUNCATED;
        }
        if (error.startsWith("CNAME loop") || error.startsWith("CNAME chain")) {
            return Outcome.CNAME_LOOP;
        }
        if (error.contains(UNREACHABLE)) {
            return Outcome.UNREACHABLE;
        }
        if (error.startsWith(INVALID)) {
            return Outcome.INVALID_NAME;
        }
        return Outcome.ERROR;
    }

    /**
     * Why this answer is not a usable one, in words that name the resolver and tell SERVFAIL,
     * REFUSED, NXDOMAIN, timeouts and unreadable answers apart; null when {@link #ok()}. Findings
     * put it after the lookup they describe: "The MX lookup for example.com failed: " + problem().
     */
    public String problem() {
        if (ok()) {
            return null;
        }
        if (error != null) {
            return error;
        }
        String who = "the DNS server " + serverForPeople(server);
        return switch (rcode) {
            case Rcode.NXDOMAIN -> name + " does not exist (NXDOMAIN)";
            case Rcode.SERVFAIL -> who + " answered SERVFAIL: it could not get an answer from the domain's own name"
                    + " servers, which are down, unreachable or fail DNSSEC validation";
            case Rcode.REFUSED -> who + " refused to answer (REFUSED): it does not answer this question for this"
                    + " computer; check which DNS server MailMedic uses";
            case Rcode.FORMERR -> who + " could not read the question (FORMERR)";
            case Rcode.NOTIMP -> who + " does not support this kind of question (NOTIMP)";
            default -> who + " answered " + rcodeName();
        };
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
            if (failed()) {
                sb.append(": ").append(problem());
            }
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
