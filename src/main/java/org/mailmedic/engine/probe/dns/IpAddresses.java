package org.mailmedic.engine.probe.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals without any DNS: parsing, reverse-lookup names, and the special-purpose
 * ranges (private, loopback, link-local, documentation…) that a public mail server must not use.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6890">RFC 6890 (special-purpose registries)</a>
 */
public final class IpAddresses {

    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    /** True for a dotted-quad IPv4 or an IPv6 literal (never looks anything up). */
    public static boolean isLiteral(String s) {
        return parse(s).isPresent();
    }

    /** The address of a literal, never resolving a name. IPv4-mapped IPv6 stays IPv6 here. */
    public static Optional<InetAddress> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        try {
            if (V4.matcher(t).matches()) {
                return Optional.of(InetAddress.getByName(t));
            }
            if (t.contains(":") && V6_CHARS.matcher(t).matches()) {
                byte[] b = ipv6Bytes(t);
                if (b != null) {
                    return Optional.of(Inet6Address.getByAddress(null, b, null));
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Parses an IPv6 literal into 16 bytes, or null (handles "::" and an embedded IPv4 tail). */
    public static byte[] ipv6Bytes(String s) {
        try {
            // InetAddress.getByName on a literal with ':' never queries DNS.
            InetAddress a = InetAddress.getByName(s);
            byte[] b = a.getAddress();
            if (b.length == 16) {
                return b;
            }
            // Java folds ::ffff:a.b.c.d into an Inet4Address: put the mapping back.
            byte[] m = new byte[16];
            m[10] = (byte) 0xff;
            m[11] = (byte) 0xff;
            System.arraycopy(b, 0, m, 12, 4);
            return m;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else the address itself. */
    public static InetAddress unmap(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return a;
                }
            }
        }
        return a;
    }

    /** The reverse-lookup name: {@code 4.3.2.1.in-addr.arpa} or the nibble form under {@code ip6.arpa}. */
    public static String reverseName(InetAddress a) {
        return reversed(a) + (a instanceof Inet4Address ? ".in-addr.arpa" : ".ip6.arpa");
    }

    /** The address's octets (IPv4) or nibbles (IPv6) in reverse order, dot-separated. */
    public static String reversed(InetAddress a) {
        byte[] b = a.getAddress();
        StringBuilder sb = new StringBuilder();
        if (b.length == 4) {
            for (int i = 3; i >= 0; i--) {
                sb.append(b[i] & 0xff);
                if (i > 0) {
                    sb.append('.');
                }
            }
        } else {
            for (int i = 15; i >= 0; i--) {
                int v = b[i] & 0xff;
                sb.append(Character.forDigit(v & 0xf, 16)).append('.').append(Character.forDigit(v >> 4, 16));
                if (i > 0) {
                    sb.append('.');
                }
            }
        }
        return sb.toString();
    }

    /** The usual text of an address: dotted quad, or compressed IPv6. */
    public static String text(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * Why an address cannot be a public mail server's, in words, or empty when it is an
     * ordinary public address.
     */
    public static Optional<String> specialPurpose(InetAddress raw) {
        InetAddress a = unmap(raw);
        byte[] b = a.getAddress();
        if (a.isLoopbackAddress()) {
            return Optional.of("a loopback address (this machine itself)");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (b.length == 4) {
            int o0 = b[0] & 0xff;
            int o1 = b[1] & 0xff;
            int o2 = b[2] & 0xff;
            if (o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)) {
                return Optional.of("a private address (RFC 1918), unreachable from the Internet");
            }
            if (o0 == 100 && o1 >= 64 && o1 <= 127) {
                return Optional.of("a carrier-grade NAT address (RFC 6598), unreachable from the Internet");
            }
            if (o0 == 0) {
                return Optional.of("an address in 0.0.0.0/8 (\"this network\")");
            }
            if ((o0 == 192 && o1 == 0 && o2 == 2) || (o0 == 198 && o1 == 51 && o2 == 100) || (o0 == 203 && o1 == 0 && o2 == 113)) {
                return Optional.of("a documentation address (RFC 5737), not a real host");
            }
            if (o0 == 198 && (o1 == 18 || o1 == 19)) {
                return Optional.of("a benchmarking address (RFC 2544)");
            }
            if (o0 >= 240) {
                return Optional.of("a reserved address (240.0.0.0/4)");
            }
            if (o0 == 192 && o1 == 0 && o2 == 0) {
                return Optional.of("an IETF protocol assignment address (192.0.0.0/24)");
            }
        } else {
            int h0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
            int h1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a unique local IPv6 address (fc00::/7), unreachable from the Internet");
            }
            if (h0 == 0x2001 && h1 == 0x0db8) {
                return Optional.of("a documentation address (2001:db8::/32), not a real host");
            }
            if (h0 == 0x0100 && h1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
                return Optional.of("a discard-only address (100::/64)");
            }
        }
        return Optional.empty();
    }
}
