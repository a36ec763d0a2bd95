package org.mailmedic.testing.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Zone data for tests, and the answers an authoritative-plus-recursive server would give from
 * it: records per name, CNAMEs followed inside the zone, NXDOMAIN for names that do not exist
 * (names that only have children exist: NODATA), plus injectable faults per name (and type).
 * Thread-safe; used by {@link DnsTestServer} over the wire and by {@link ZoneDns} in memory.
 */
public final class Zone {

    /** What to do instead of answering normally. */
    public enum Fault {
        /** rcode SERVFAIL. */
        SERVFAIL,
        /** rcode NXDOMAIN even if the name has records. */
        NXDOMAIN,
        /** rcode REFUSED. */
        REFUSED,
        /** Over UDP: an empty answer with the TC bit set (the client must retry over TCP). */
        TRUNCATE,
        /** No response at all (the client times out). */
        NO_ANSWER,
        /** Bytes that are not a DNS message: a header with the query's ID, then a record cut short. */
        MALFORMED,
        /** Three bytes: shorter than a DNS header. */
        MALFORMED_SHORT,
        /** A well-formed answer carrying another ID than the query's (a stray or forged packet). */
        MALFORMED_ID,
        /**
         * A TXT answer of 10 MB: over UDP the TC bit (too big); over TCP a length prefix of 65535
         * followed by 10 MB of TXT records the header claims, then the connection closes.
         */
        HUGE,
        /** A well-formed response whose answer records are of a type and name never asked for. */
        GARBAGE
    }

    private record FaultKey(Name name, int type) {
    }

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<FaultKey, Fault> faults = new ConcurrentHashMap<>();
    private final Map<Name, Duration> delays = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean authenticated;

    /** Parses master-file text ({@code $ORIGIN}, {@code $TTL} allowed; default TTL 300, origin the root). */
    public Zone text(String zoneText) {
        try (Master m = new Master(new ByteArrayInputStream(zoneText.getBytes(StandardCharsets.UTF_8)), Name.root, 300)) {
            Record r;
            while ((r = m.nextRecord()) != null) {
                add(r);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("bad zone text: " + e.getMessage(), e);
        }
        return this;
    }

    public Zone add(Record r) {
        records.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(r);
        return this;
    }

    /**
     * One TXT record made of the given character-strings (split as given; a string longer than
     * the 255-octet limit is cut into 255-character pieces, as zone tools do).
     */
    public Zone txt(String owner, String... strings) {
        List<String> parts = new ArrayList<>();
        for (String s : strings) {
            for (int i = 0; i < s.length(); i += 255) {
                parts.add(s.substring(i, Math.min(s.length(), i + 255)));
            }
            if (s.isEmpty()) {
                parts.add(s);
            }
        }
        return add(new TXTRecord(name(owner), DClass.IN, 300, parts));
    }

    /** Marks a name as existing with no records (so queries get NODATA, not NXDOMAIN). */
    public Zone exists(String owner) {
        records.computeIfAbsent(name(owner), k -> new ArrayList<>());
        return this;
    }

    /** Injects a fault for every type at a name. */
    public Zone fault(String owner, Fault fault) {
        faults.put(new FaultKey(name(owner), -1), fault);
        return this;
    }

    /** Injects a fault for one type at a name. */
    public Zone fault(String owner, int type, Fault fault) {
        faults.put(new FaultKey(name(owner), type), fault);
        return this;
    }

    /** Delays every answer (time spent before responding, per query, in parallel). */
    public Zone delay(Duration d) {
        this.delay = d;
        return this;
    }

    /** Delays answers for one name. */
    public Zone delay(String owner, Duration d) {
        delays.put(name(owner), d);
        return this;
    }

    /** Sets the AD bit on every response. */
    public Zone authenticated(boolean ad) {
        this.authenticated = ad;
        return this;
    }

    public Duration delayFor(Name qname) {
        return delays.getOrDefault(qname, delay);
    }

    public Fault faultFor(Name qname, int type) {
        Fault f = faults.get(new FaultKey(qname, type));
        return f != null ? f : faults.get(new FaultKey(qname, -1));
    }

    /** Whether a name exists: it has records, was declared, or has descendants. */
    public boolean nameExists(Name n) {
        if (records.containsKey(n)) {
            return true;
        }
        for (Name owner : records.keySet()) {
            if (owner.subdomain(n) && !owner.equals(n)) {
                return true;
            }
        }
        return false;
    }

    public List<Record> recordsAt(Name n) {
        List<Record> l = records.get(n);
        return l == null ? List.of() : List.copyOf(l);
    }

    /**
     * The response to a query, ignoring delay and wire-level faults (which the server applies);
     * applies SERVFAIL, NXDOMAIN, REFUSED and GARBAGE.
     */
    public Message respond(Message query) {
        Message resp = new Message(query.getHeader().getID());
        resp.getHeader().setFlag(Flags.QR);
        resp.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            resp.getHeader().setFlag(Flags.RD);
        }
        Record q = query.getQuestion();
        if (q == null) {
            resp.getHeader().setRcode(Rcode.FORMERR);
            return resp;
        }
        resp.addRecord(q, Section.QUESTION);
        Name qname = q.getName();
        int type = q.getType();
        Fault f = faultFor(qname, type);
        if (f == Fault.SERVFAIL || f == Fault.REFUSED || f == Fault.NXDOMAIN) {
            resp.getHeader().setRcode(f == Fault.SERVFAIL ? Rcode.SERVFAIL : f == Fault.REFUSED ? Rcode.REFUSED : Rcode.NXDOMAIN);
            return resp;
        }
        if (f == Fault.GARBAGE) {
            try {
                resp.addRecord(Record.fromString(Name.fromString("garbage.invalid."), Type.HINFO, DClass.IN, 60,
                        "\"junk\" \"junk\"", Name.root), Section.ANSWER);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return resp;
        }
        if (authenticated) {
            resp.getHeader().setFlag(Flags.AD);
        }
        Name current = qname;
        Set<Name> seen = new HashSet<>();
        while (seen.add(current) && seen.size() < 20) {
            List<Record> at = recordsAt(current);
            List<Record> match = at.stream().filter(r -> r.getType() == type || type == Type.ANY).toList();
            if (!match.isEmpty()) {
                match.forEach(r -> resp.addRecord(r, Section.ANSWER));
                return resp;
            }
            Record cname = at.stream().filter(r -> r.getType() == Type.CNAME).findFirst().orElse(null);
            if (cname != null && type != Type.CNAME) {
                resp.addRecord(cname, Section.ANSWER);
                current = ((CNAMERecord) cname).getTarget();
                Fault tf = faultFor(current, type);
                if (tf == Fault.SERVFAIL) {
                    resp.getHeader().setRcode(Rcode.SERVFAIL);
                    return resp;
                }
                continue;
            }
            if (!nameExists(current)) {
                resp.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            return resp;
        }
        return resp; // a CNAME loop: the chain as it stands, as many resolvers do
    }

    /** All owner names with their records (for debugging a test). */
    public Map<Name, List<Record>> snapshot() {
        return new LinkedHashMap<>(records);
    }

    public static Name name(String owner) {
        try {
            return Name.fromString(owner.endsWith(".") ? owner : owner + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("bad name " + owner + ": " + e.getMessage(), e);
        }
    }
}
