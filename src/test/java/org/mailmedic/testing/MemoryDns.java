package org.mailmedic.testing;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An in-memory {@link Dns} for unit tests: answers only what the test put in, NXDOMAIN for
 * anything else, and counts the questions. No packet ever leaves the JVM.
 */
public final class MemoryDns implements Dns {

    private final Map<String, DnsAnswer> answers = new ConcurrentHashMap<>();
    private final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());

    private static String key(String name, int type) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT) + "/" + Type.string(type);
    }

    private static Name name(String n) {
        try {
            return Name.fromString(n.endsWith(".") ? n : n + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(n, e);
        }
    }

    public MemoryDns put(String name, int type, boolean authenticated, Record... records) {
        answers.put(key(name, type), new DnsAnswer(name, type, Rcode.NOERROR, List.of(records), List.of(),
                authenticated, 300, Duration.ofMillis(1), "memory", null));
        return this;
    }

    public MemoryDns txt(String name, String... texts) {
        List<Record> rs = new ArrayList<>();
        for (String t : texts) {
            rs.add(new TXTRecord(name(name), DClass.IN, 300, t));
        }
        return put(name, Type.TXT, false, rs.toArray(new Record[0]));
    }

    public MemoryDns a(String name, String ip) {
        try {
            return put(name, Type.A, false, new ARecord(name(name), DClass.IN, 300, InetAddress.getByName(ip)));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    public MemoryDns tlsa(String name, boolean authenticated, int usage, int selector, int matchingType, byte[] data) {
        DnsAnswer old = answers.get(key(name, Type.TLSA));
        List<Record> rs = new ArrayList<>(old == null ? List.of() : old.records());
        rs.add(new TLSARecord(name(name), DClass.IN, 300, usage, selector, matchingType, data));
        return put(name, Type.TLSA, authenticated, rs.toArray(new Record[0]));
    }

    /** The resolver did not answer for this name and type. */
    public MemoryDns timeout(String name, int type) {
        answers.put(key(name, type), DnsAnswer.timeout(name, type, 3000, 3, Duration.ofSeconds(3), "memory"));
        return this;
    }

    @Override
    public DnsAnswer query(String name, int type) {
        asked.add(key(name, type));
        DnsAnswer a = answers.get(key(name, type));
        if (a != null) {
            return a;
        }
        return new DnsAnswer(name, type, Rcode.NXDOMAIN, List.of(), List.of(), false, -1, Duration.ofMillis(1),
                "memory", null);
    }

    public List<String> asked() {
        return List.copyOf(asked);
    }
}
