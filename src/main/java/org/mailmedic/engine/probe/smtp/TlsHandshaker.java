package org.mailmedic.engine.probe.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Runs a TLS client handshake over an already connected socket (after STARTTLS, or straight away
 * for implicit TLS). The handshake trusts any chain on purpose, through a capturing trust
 * manager, so that an untrusted server still shows us its certificate; trust is judged afterwards
 * by {@link CertificateChecker}. Failures are sorted into kinds a person can act on.
 */
public final class TlsHandshaker {

    /** A finished attempt: the TLS socket (null on failure) and the facts. */
    public record Outcome(SSLSocket socket, TlsFacts facts) {
    }

    private final CertificateChecker checker;

    public TlsHandshaker(CertificateChecker checker) {
        this.checker = checker;
    }

    /** As {@link #handshake(Socket, String, int, String[], Deadline, Transcript, boolean)} with a time limit. */
    public Outcome handshake(Socket plain, String host, int port, int timeoutMillis, Transcript transcript,
            boolean strict) {
        return handshake(plain, host, port, null, Deadline.in(java.time.Duration.ofMillis(timeoutMillis)), transcript,
                strict);
    }

    /**
     * @param plain     the connected socket (closed by the TLS socket when it closes)
     * @param host      the server's name: SNI and the name the certificate must carry
     * @param protocols protocols to offer, e.g. {"TLSv1.3"}; null for the JDK's enabled set
     * @param strict    certificate problems count as failures (465/587) rather than warnings
     */
    Outcome handshake(Socket plain, String host, int port, String[] protocols, Deadline deadline,
            Transcript transcript, boolean strict) {
        Capturing capture = new Capturing();
        long start = System.nanoTime();
        SSLSocket ssl = null;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {capture}, null);
            ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
            ssl.setUseClientMode(true);
            SSLParameters params = ssl.getSSLParameters();
            if (AddressResolver.literal(host) == null) {
                try {
                    params.setServerNames(List.of(new SNIHostName(host)));
                } catch (IllegalArgumentException notAHostName) {
                    transcript.note("no SNI sent: \"" + host + "\" is not a valid host name");
                }
            }
            if (protocols != null) {
                params.setProtocols(protocols);
            }
            ssl.setSSLParameters(params);
            ssl.setSoTimeout(deadline.socketTimeout());
            transcript.note("TLS handshake (offering " + String.join(", ", ssl.getEnabledProtocols()) + ", SNI "
                    + host + ")");
            ssl.startHandshake();
            long ms = (System.nanoTime() - start) / 1_000_000;
            var session = ssl.getSession();
            List<CertificateInfo> infos = new ArrayList<>();
            for (X509Certificate c : capture.chain) {
                infos.add(CertificateInfo.of(c));
            }
            CertificateVerdict verdict = capture.chain.isEmpty() ? null
                    : checker.check(capture.chain, capture.authType, host, strict);
            transcript.note("TLS established: " + session.getProtocol() + ", " + session.getCipherSuite()
                    + (infos.isEmpty() ? ", no certificate" : ", certificate " + infos.get(0).subject()));
            return new Outcome(ssl, new TlsFacts(true, session.getProtocol(), session.getCipherSuite(), infos, verdict,
                    null, null, ms));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            closeQuietly(ssl != null ? ssl : plain);
            String kind = kind(e, capture, deadline);
            String message = message(e);
            transcript.note("TLS handshake failed after " + ms + " ms: " + message);
            List<CertificateInfo> infos = new ArrayList<>();
            for (X509Certificate c : capture.chain) {
                infos.add(CertificateInfo.of(c));
            }
            CertificateVerdict verdict = capture.chain.isEmpty() ? null
                    : checker.check(capture.chain, capture.authType, host, strict);
            return new Outcome(null, new TlsFacts(false, null, null, infos, verdict, kind, message, ms));
        }
    }

    static String kind(Throwable e, Capturing capture, Deadline deadline) {
        String all = chainText(e).toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException || all.contains("read timed out") || deadline.expired()) {
            return "timeout";
        }
        if (capture.chain.isEmpty() && (all.contains("handshake_failure") || all.contains("insufficient_security")
                || all.contains("no shared cipher") || all.contains("no cipher suites in common"))) {
            return "no-certificate";
        }
        if (all.contains("unsupported or unrecognized ssl message") || all.contains("plaintext connection")) {
            return "not-tls";
        }
        if (all.contains("protocol_version") || all.contains("no appropriate protocol")) {
            return "protocol-version";
        }
        if (all.contains("remote host terminated") || all.contains("connection reset") || all.contains("broken pipe")
                || hasCause(e, EOFException.class) || (e instanceof SocketException)) {
            return "dropped";
        }
        return "other";
    }

    private static boolean hasCause(Throwable e, Class<?> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            b.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
        }
        return b.toString();
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof SSLException && e.getCause() != null && e.getCause().getMessage() != null
                && (m == null || m.isBlank())) {
            m = e.getCause().getMessage();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Accepts every chain and remembers it: trust is decided later, with reasons. */
    static final class Capturing extends X509ExtendedTrustManager {
        volatile List<X509Certificate> chain = List.of();
        volatile String authType;

        private void capture(X509Certificate[] c, String a) {
            chain = c == null ? List.of() : List.of(c);
            authType = a;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {
            capture(c, a);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {
            capture(c, a);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) {
            capture(c, a);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
