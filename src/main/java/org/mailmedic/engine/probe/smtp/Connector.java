package org.mailmedic.engine.probe.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The one way live checks open a TCP connection. The default connects for real; tests
 * substitute one that sends every address to a loopback fixture.
 */
@FunctionalInterface
public interface Connector {

    /** Opens a connection to {@code address} within {@code timeoutMillis}, or throws. */
    Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException;

    /** A plain {@link Socket} connect with the given timeout. */
    static Connector direct() {
        return (address, timeoutMillis) -> {
            Socket s = new Socket();
            try {
                s.connect(address, Math.max(1, timeoutMillis));
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        };
    }
}
