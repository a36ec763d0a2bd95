package org.mailmedic.testing.smtp;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on 127.0.0.1 (ephemeral port) serving one MTA-STS policy at
 * /.well-known/mta-sts.txt, with the status, content type, redirect and transfer encoding a
 * test asks for. Records the paths and Host headers requested.
 */
public final class MtaStsHttpsFixture implements AutoCloseable {

    private final HttpsServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /**
     * @param tls         the certificate to present
     * @param status      HTTP status to answer
     * @param contentType Content-Type header
     * @param body        the policy text
     * @param chunked     send without Content-Length (chunked)
     * @param location    Location header for redirects, or null
     */
    public MtaStsHttpsFixture(SSLContext tls, int status, String contentType, String body, boolean chunked,
            String location) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " Host=" + ex.getRequestHeaders().getFirst("Host"));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", contentType);
            if (location != null) {
                ex.getResponseHeaders().add("Location", location);
            }
            ex.sendResponseHeaders(status, chunked ? 0 : b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
    }

    /** A 200 text/plain policy with Content-Length. */
    public static MtaStsHttpsFixture serving(SSLContext tls, String policy) throws IOException {
        return new MtaStsHttpsFixture(tls, 200, "text/plain", policy, false, null);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
