package org.mailmedic.engine.probe.mtasts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.Version;
import org.mailmedic.engine.probe.smtp.AddressResolver;
import org.mailmedic.engine.probe.smtp.CertificateChecker;
import org.mailmedic.engine.probe.smtp.Connector;
import org.mailmedic.engine.probe.smtp.TlsFacts;
import org.mailmedic.engine.probe.smtp.TlsHandshaker;
import org.mailmedic.engine.probe.smtp.Transcript;

/**
 * Fetches {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt} the way RFC 8461 §3.3 asks:
 * one HTTPS GET, certificate validated (trusted chain, name mta-sts.DOMAIN), no redirects, a
 * size cap and a deadline. Done with a small HTTP/1.1 client over the project's {@link Connector}
 * and {@link AddressResolver} instead of {@code java.net.http.HttpClient}, because HttpClient
 * can neither be pointed at a loopback fixture while keeping the real host name for SNI and
 * certificate matching, nor tell us why a certificate was refused.
 */
final class PolicyFetcher {

    /**
     * @param url         the URL fetched
     * @param address     the address connected to (null when none was found)
     * @param httpStatus  the HTTP status, -1 when no response
     * @param contentType the Content-Type header, or null
     * @param body        the body (capped), or null
     * @param tls         the HTTPS handshake and certificate verdict, or null
     * @param error       why it failed, in words; null on a response
     */
    record Fetch(String url, String address, int httpStatus, String contentType, String body, TlsFacts tls,
            String error) {
    }

    private final Connector connector;
    private final AddressResolver resolver;
    private final TlsHandshaker handshaker;
    private final int port;
    private final int connectTimeoutMillis;
    private final int timeoutMillis;
    private final int maxBytes;

    PolicyFetcher(Connector connector, AddressResolver resolver, CertificateChecker checker, int port,
            int connectTimeoutMillis, int timeoutMillis, int maxBytes) {
        this.connector = connector;
        this.resolver = resolver;
        this.handshaker = new TlsHandshaker(checker);
        this.port = port;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.timeoutMillis = timeoutMillis;
        this.maxBytes = maxBytes;
    }

    Fetch fetch(String domain) {
        String host = "mta-sts." + domain;
        String url = "https://" + host + (port == 443 ? "" : ":" + port) + "/.well-known/mta-sts.txt";
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses.isEmpty()) {
            return new Fetch(url, null, -1, null, null, null, host + " has no address (no A or AAAA record)");
        }
        InetAddress address = addresses.get(0);
        Socket plain;
        try {
            plain = connector.connect(new InetSocketAddress(address, port), connectTimeoutMillis);
        } catch (IOException e) {
            return new Fetch(url, address.getHostAddress(), -1, null, null, null,
                    "could not connect to " + host + " (" + address.getHostAddress() + ") port " + port + ": "
                            + e.getMessage());
        }
        Transcript notes = new Transcript(java.time.Clock.systemUTC());
        TlsHandshaker.Outcome o = handshaker.handshake(plain, host, port, timeoutMillis, notes, true);
        if (o.socket() == null) {
            return new Fetch(url, address.getHostAddress(), -1, null, null, o.facts(),
                    "the HTTPS handshake with " + host + " failed: " + o.facts().failure());
        }
        long end = System.nanoTime() + timeoutMillis * 1_000_000L; // request and answer, after the handshake
        try (Socket s = o.socket()) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: MailMedic/"
                    + Version.get() + "\r\nAccept: text/plain\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Reader in = new Reader(s, end);
            String status = in.line(8192);
            if (status == null || !status.matches("HTTP/1\\.[01] \\d{3}.*")) {
                return new Fetch(url, address.getHostAddress(), -1, null, null, o.facts(),
                        "the server did not answer with HTTP: \"" + (status == null ? "" : abbreviate(status)) + "\"");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            String contentType = null;
            String location = null;
            int headerBytes = 0;
            for (String h = in.line(8192); h != null && !h.isEmpty(); h = in.line(8192)) {
                headerBytes += h.length();
                if (headerBytes > 65_536) {
                    throw new IOException("more than 64 KiB of headers");
                }
                int c = h.indexOf(':');
                if (c <= 0) {
                    continue;
                }
                String k = h.substring(0, c).strip().toLowerCase(Locale.ROOT);
                String v = h.substring(c + 1).strip();
                switch (k) {
                    case "content-length" -> length = v.matches("\\d{1,12}") ? Long.parseLong(v) : -1;
                    case "transfer-encoding" -> chunked = v.toLowerCase(Locale.ROOT).contains("chunked");
                    case "content-type" -> contentType = v;
                    case "location" -> location = v;
                    default -> { }
                }
            }
            if (code != 200) {
                String why = code >= 300 && code < 400
                        ? "redirects (" + code + (location != null ? " to " + location : "")
                                + "), which RFC 8461 forbids senders to follow"
                        : "answered HTTP " + code;
                return new Fetch(url, address.getHostAddress(), code, contentType, null, o.facts(),
                        "the policy URL " + why);
            }
            if (length > maxBytes) {
                return new Fetch(url, address.getHostAddress(), code, contentType, null, o.facts(),
                        "the policy is " + length + " bytes, more than the " + maxBytes + " bytes senders accept");
            }
            byte[] body = chunked ? in.chunked(maxBytes) : in.body(length, maxBytes);
            return new Fetch(url, address.getHostAddress(), code, contentType,
                    new String(body, StandardCharsets.UTF_8), o.facts(), null);
        } catch (IOException e) {
            return new Fetch(url, address.getHostAddress(), -1, null, null, o.facts(),
                    "reading the policy from " + host + " failed: " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /** Byte reader with an absolute deadline and caps. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final long endNanos;

        Reader(Socket socket, long endNanos) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.endNanos = endNanos;
        }

        int read() throws IOException {
            long left = (endNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("no complete answer in time");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            return in.read();
        }

        String line(int cap) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = read(); c != '\n'; c = read()) {
                if (c < 0) {
                    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
                }
                if (b.size() >= cap) {
                    throw new IOException("a header line longer than " + cap + " bytes");
                }
                b.write(c);
            }
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        byte[] body(long length, int cap) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (length < 0 || b.size() < length) {
                int c = read();
                if (c < 0) {
                    if (length >= 0) {
                        throw new IOException("the connection closed after " + b.size() + " of " + length + " bytes");
                    }
                    break;
                }
                if (b.size() >= cap) {
                    throw new IOException("the policy is longer than the " + cap + " bytes senders accept");
                }
                b.write(c);
            }
            return b.toByteArray();
        }

        byte[] chunked(int cap) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                String size = line(1024);
                if (size == null) {
                    throw new IOException("the chunked body ended early");
                }
                int semi = size.indexOf(';');
                String hex = (semi >= 0 ? size.substring(0, semi) : size).strip();
                if (!hex.matches("[0-9A-Fa-f]{1,7}")) {
                    throw new IOException("bad chunk size \"" + abbreviate(size) + "\"");
                }
                int n = Integer.parseInt(hex, 16);
                if (n == 0) {
                    return b.toByteArray();
                }
                if (b.size() + n > cap) {
                    throw new IOException("the policy is longer than the " + cap + " bytes senders accept");
                }
                for (int i = 0; i < n; i++) {
                    int c = read();
                    if (c < 0) {
                        throw new IOException("the chunked body ended early");
                    }
                    b.write(c);
                }
                line(16); // CRLF after the chunk
            }
        }
    }
}
