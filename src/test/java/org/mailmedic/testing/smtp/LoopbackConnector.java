package org.mailmedic.testing.smtp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mailmedic.engine.probe.smtp.AddressResolver;
import org.mailmedic.engine.probe.smtp.Connector;

/**
 * Sends each "address:port" the check asks for to a loopback fixture port; anything not mapped
 * is refused, so a test can never reach a real address. Also the tests' {@link AddressResolver}.
 */
public final class LoopbackConnector implements Connector, AddressResolver {

    private final Map<String, Integer> routes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> blackholes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> unreachable = new ConcurrentHashMap<>();
    private final Map<String, List<InetAddress>> hosts = new ConcurrentHashMap<>();
    private final List<String> attempts = Collections.synchronizedList(new ArrayList<>());

    /** Connections to {@code ip:port} go to 127.0.0.1:{@code fixturePort}. */
    public LoopbackConnector route(String ip, int port, int fixturePort) {
        routes.put(ip + ":" + port, fixturePort);
        return this;
    }

    /** Connections to {@code ip:port} time out (a filtered port), without any packet sent. */
    public LoopbackConnector blackhole(String ip, int port) {
        blackholes.put(ip + ":" + port, true);
        return this;
    }

    /** Connections to {@code ip:port} fail with "Network is unreachable" (e.g. IPv6 on an IPv4-only box). */
    public LoopbackConnector unreachable(String ip, int port) {
        unreachable.put(AddressResolver.literal(ip).getHostAddress() + ":" + port, true);
        return this;
    }

    /** {@code host} resolves to {@code ip}. */
    public LoopbackConnector host(String host, String ip) {
        hosts.put(host, List.of(AddressResolver.literal(ip)));
        return this;
    }

    public List<String> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    @Override
    public Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException {
        String key = address.getAddress().getHostAddress() + ":" + address.getPort();
        attempts.add(key);
        Integer port = routes.get(key);
        if (port != null) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            return s;
        }
        if (unreachable.containsKey(key)) {
            throw new java.net.NoRouteToHostException("Network is unreachable");
        }
        if (blackholes.containsKey(key)) {
            try {
                Thread.sleep(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SocketTimeoutException("Connect timed out");
        }
        throw new ConnectException("Connection refused");
    }

    @Override
    public List<InetAddress> resolve(String host) {
        return hosts.getOrDefault(host, List.of());
    }
}
