package org.mailmedic.engine.probe.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Turns a host name into addresses for the live checks. Never the system resolver: the default
 * asks the project's {@link Dns} (A, then AAAA), so tests stay on their loopback fixture.
 */
@FunctionalInterface
public interface AddressResolver {

    /** The addresses of {@code host}; empty when it has none. */
    List<InetAddress> resolve(String host);

    /** A and AAAA records through {@code dns}. */
    static AddressResolver viaDns(Dns dns) {
        return host -> {
            List<InetAddress> out = new ArrayList<>();
            for (int type : new int[] {Type.A, Type.AAAA}) {
                DnsAnswer a = dns.query(host, type);
                for (Record r : a.records()) {
                    if (r instanceof ARecord ar) {
                        out.add(ar.getAddress());
                    } else if (r instanceof AAAARecord ar) {
                        out.add(ar.getAddress());
                    }
                }
            }
            return out;
        };
    }

    /** Parses an IP literal without any lookup; null when {@code text} is not one. */
    static InetAddress literal(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
