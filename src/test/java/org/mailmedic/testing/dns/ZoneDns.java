package org.mailmedic.testing.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.dns.DnsResponses;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * A {@link Dns} answering from a {@link Zone} in memory, through the same response reading as the
 * real resolver: no sockets, no delay. NO_ANSWER and MALFORMED faults come back at once as the
 * errors the real resolver would give. Counts and records the questions.
 */
public final class ZoneDns implements Dns {

    private final Zone zone;
    private final AtomicInteger count = new AtomicInteger();
    private final List<String> asked = new ArrayList<>();

    public ZoneDns(Zone zone) {
        this.zone = zone;
    }

    @Override
    public DnsAnswer query(String name, int type) {
        count.incrementAndGet();
        synchronized (asked) {
            asked.add(name + "/" + org.xbill.DNS.Type.string(type));
        }
        Name qname;
        try {
            String n = name.endsWith(".") ? name : name + ".";
            for (String label : name.split("\\.")) {
                if (label.length() > 63) {
                    return DnsAnswer.failure(name, type, "not a valid domain name: label longer than 63", Duration.ZERO, "zone");
                }
            }
            qname = Name.fromString(n);
        } catch (TextParseException e) {
            return DnsAnswer.failure(name, type, "not a valid domain name: " + e.getMessage(), Duration.ZERO, "zone");
        }
        Zone.Fault f = zone.faultFor(qname, type);
        if (f == Zone.Fault.NO_ANSWER) {
            return DnsAnswer.timeout(name, type, 0, 1, Duration.ZERO, "zone");
        }
        if (f == Zone.Fault.MALFORMED) {
            return DnsAnswer.malformed(name, type, "injected MALFORMED fault", Duration.ZERO, "zone");
        }
        Message q = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
        q.getHeader().setFlag(Flags.RD);
        Message r = zone.respond(q);
        List<String> chain = new ArrayList<>();
        DnsResponses.Read read = DnsResponses.read(qname, type, r, chain, Duration.ZERO, "zone", false);
        return read.answer();
    }

    public int queries() {
        return count.get();
    }

    public List<String> asked() {
        synchronized (asked) {
            return List.copyOf(asked);
        }
    }
}
