package org.mailmedic.engine.probe.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.ResolverConfig;

/**
 * Where resolvers come from: the system's configured recursive servers, or one the user names
 * as {@code host:port} ({@code --dns 127.0.0.1:5353}, the window's DNS setting).
 */
public final class Resolvers {

    /** Sends per query before it is given up (each gets an equal share of the deadline). */
    public static final int TRIES = 3;

    private Resolvers() {
    }

    /** The system's resolvers (resolv.conf, the Windows registry…), 127.0.0.1:53 if none are configured. */
    public static DnsjavaDns system(Duration timeout) {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        if (servers.isEmpty()) {
            servers = List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
        }
        return new DnsjavaDns(servers, timeout, TRIES);
    }

    /**
     * One given resolver.
     *
     * @param hostPort {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code [2001:db8::53]:53} or
     *                 {@code ::1}; the port defaults to 53. Host names are not resolved: give an address.
     * @throws IllegalArgumentException with a plain-language message when it cannot be read
     */
    public static DnsjavaDns at(String hostPort, Duration timeout) {
        return new DnsjavaDns(List.of(parse(hostPort)), timeout, TRIES);
    }

    /** Reads {@code host[:port]} into an address, or says plainly why not. */
    public static InetSocketAddress parse(String hostPort) {
        if (hostPort == null || hostPort.isBlank()) {
            throw new IllegalArgumentException("no DNS server was given");
        }
        String s = hostPort.strip();
        String host = s;
        int port = 53;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT (missing ']')");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.startsWith(":")) {
                port = port(rest.substring(1), hostPort);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT");
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), hostPort);
        }
        if (!IpAddresses.isLiteral(host)) {
            throw new IllegalArgumentException("'" + host + "' is not an IP address (give the DNS server as an address, e.g. 192.0.2.53:53)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + host + "' is not an IP address");
        }
    }

    private static int port(String p, String whole) {
        try {
            int n = Integer.parseInt(p);
            if (n < 1 || n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "': the port must be a number from 1 to 65535");
        }
    }
}
