package org.mailmedic.engine.probe.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Reads one DNS response message into a {@link DnsAnswer}: the records of the asked type at the
 * asked name, following any CNAME chain inside the answer section (with a loop guard).
 */
public final class DnsResponses {

    /** Longest CNAME chain followed before it is called a loop (resolvers use 8–16). */
    public static final int MAX_CNAME_HOPS = 12;

    private DnsResponses() {
    }

    /**
     * The result of reading a response.
     *
     * @param answer     the answer so far
     * @param pendingCname the last CNAME target when the chain leaves the response without
     *                   reaching records of the asked type (the caller may query it), else null
     */
    public record Read(DnsAnswer answer, Name pendingCname) {
    }

    public static Read read(Name qname, int type, Message response, List<String> chainSoFar, Duration elapsed,
            String server, boolean viaTcp) {
        int rcode = response.getRcode();
        boolean ad = response.getHeader().getFlag(Flags.AD);
        List<String> chain = new ArrayList<>(chainSoFar);
        List<Record> answers = response.getSection(Section.ANSWER);
        Name current = qname;
        Set<Name> seen = new HashSet<>();
        seen.add(current);
        for (String c : chainSoFar) {
            try {
                seen.add(Name.fromString(c, Name.root));
            } catch (org.xbill.DNS.TextParseException e) {
                // a name we followed ourselves: always parses
            }
        }
        List<Record> found = new ArrayList<>();
        while (true) {
            found.clear();
            Name next = null;
            for (Record r : answers) {
                if (!r.getName().equals(current)) {
                    continue;
                }
                if (r.getType() == type || (type == Type.ANY)) {
                    found.add(r);
                } else if (r.getType() == Type.CNAME && type != Type.CNAME) {
                    next = ((CNAMERecord) r).getTarget();
                }
            }
            if (!found.isEmpty() || next == null) {
                break;
            }
            chain.add(strip(next));
            if (!seen.add(next)) {
                return new Read(DnsAnswer.failure(strip(qname), type, "CNAME loop: " + strip(qname) + " → "
                        + String.join(" → ", chain) + " (the alias leads back to itself, so no answer can come)", elapsed,
                        server), null);
            }
            if (chain.size() > MAX_CNAME_HOPS) {
                return new Read(DnsAnswer.failure(strip(qname), type, "CNAME chain longer than " + MAX_CNAME_HOPS
                        + " hops: " + String.join(" → ", chain), elapsed, server), null);
            }
            current = next;
        }
        long ttl = -1;
        for (Record r : found) {
            ttl = ttl < 0 ? r.getTTL() : Math.min(ttl, r.getTTL());
        }
        Name pending = null;
        if (found.isEmpty() && !current.equals(qname) && rcode == Rcode.NOERROR && chain.size() > chainSoFar.size()) {
            // The chain ended at a name the response says nothing more about: ask for it.
            Name target = current;
            boolean targetInResponse = answers.stream().anyMatch(r -> r.getName().equals(target));
            pending = targetInResponse ? null : target;
        }
        return new Read(new DnsAnswer(strip(qname), type, rcode, found, chain, ad, ttl, elapsed, server, null, viaTcp),
                pending);
    }

    /** A name without its trailing dot, as people write it. */
    public static String strip(Name n) {
        String s = n.toString();
        return s.length() > 1 && s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
