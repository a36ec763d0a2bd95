package org.mailmedic.testing.smtp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP server on 127.0.0.1 with an ephemeral port, for the live-check tests. It plays a
 * good STARTTLS server or one of the faults seen in the field (no greeting, hang after the
 * greeting, garbage, an endless line, 421 at connect, greylisting, STARTTLS without a
 * certificate, TLS 1.0 only, a drop mid-handshake, implicit TLS) and records every command it
 * receives so tests can prove the client stayed polite: never DATA, MAIL/RCPT only when asked.
 */
public final class SmtpFixture implements AutoCloseable {

    /** Misbehaviours. */
    public enum Fault {
        NONE, SILENT, HANG_AFTER_BANNER, GARBAGE, ENDLESS_LINE, ENDLESS_REPLY, DROP_AT_STARTTLS, TLS10_ONLY,
        /** Greets one byte every 100 ms ({@link Builder#dripEvery}), forever: defeats per-read timeouts, not deadlines. */
        DRIP,
        /** STARTTLS with anonymous cipher suites only: answers a ClientHello offering DH_anon with a ServerHello. */
        ANON_ONLY
    }

    private final Builder cfg;
    private final ServerSocket server;
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private SmtpFixture(Builder cfg) throws IOException {
        this.cfg = cfg;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "smtp-fixture-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every command line received, in order, across all connections. */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    public int connections() {
        return connections.get();
    }

    /**
     * Throws if the client ever sent DATA/BDAT (or anything that would deliver a message), or
     * MAIL/RCPT when the recipient probe was not requested.
     */
    public void assertPolite(boolean recipientProbeAllowed) {
        for (String c : commands()) {
            String verb = c.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            if (verb.equals("DATA") || verb.equals("BDAT") || verb.equals("VRFY") || verb.equals("EXPN")
                    || verb.equals("AUTH")) {
                throw new AssertionError("the client sent " + verb + ": " + commands());
            }
            if (!recipientProbeAllowed && (c.toUpperCase(Locale.ROOT).startsWith("MAIL")
                    || c.toUpperCase(Locale.ROOT).startsWith("RCPT"))) {
                throw new AssertionError("the client sent " + c + " without a recipient probe: " + commands());
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "smtp-fixture-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        Socket s = plain;
        try {
            s.setSoTimeout(20_000);
            if (cfg.implicitTls != null) {
                s = serverTls(cfg.implicitTls, s);
                if (s == null) {
                    return;
                }
            }
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            switch (cfg.fault) {
                case SILENT -> {
                    drain(in);
                    return;
                }
                case GARBAGE -> {
                    write(out, "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<html>\u0001\u0002</html>\r\n");
                    drain(in);
                    return;
                }
                case ENDLESS_LINE -> {
                    write(out, "220 " + "x".repeat(20_000));
                    drain(in);
                    return;
                }
                case DRIP -> {
                    for (int i = 0; i < 10_000; i++) {
                        out.write('2');
                        out.flush();
                        Thread.sleep(cfg.dripEvery.toMillis());
                    }
                    return;
                }
                case ENDLESS_REPLY -> {
                    for (int i = 0; i < 1000; i++) {
                        write(out, "220-still greeting you, line " + i + "\r\n");
                    }
                    drain(in);
                    return;
                }
                default -> { }
            }
            write(out, cfg.banner + "\r\n");
            if (!cfg.banner.startsWith("220")) {
                String line = readLine(in);
                if (line != null) {
                    commands.add(line);
                    write(out, "221 2.0.0 Bye\r\n");
                }
                return;
            }
            if (cfg.fault == Fault.HANG_AFTER_BANNER) {
                for (String line = readLine(in); line != null; line = readLine(in)) {
                    commands.add(line); // read, never answer
                }
                return;
            }
            boolean inTls = cfg.implicitTls != null;
            for (String line = readLine(in); line != null; line = readLine(in)) {
                commands.add(line);
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> write(out, cfg.ehloReply != null ? cfg.ehloReply + "\r\n" : ehlo(inTls));
                    case "HELO" -> write(out, "250 mx.example.test\r\n");
                    case "STARTTLS" -> {
                        if (cfg.starttls == null && cfg.fault != Fault.TLS10_ONLY && cfg.fault != Fault.DROP_AT_STARTTLS
                                && cfg.fault != Fault.ANON_ONLY || inTls) {
                            write(out, "502 5.5.1 Not available\r\n");
                            continue;
                        }
                        write(out, "220 2.0.0 Ready to start TLS\r\n");
                        if (cfg.fault == Fault.DROP_AT_STARTTLS) {
                            return;
                        }
                        if (cfg.fault == Fault.TLS10_ONLY || cfg.fault == Fault.ANON_ONLY) {
                            fakeTls(s, cfg.fault);
                            return;
                        }
                        Socket tls = serverTls(cfg.starttls, s);
                        if (tls == null) {
                            return;
                        }
                        s = tls;
                        in = s.getInputStream();
                        out = s.getOutputStream();
                        inTls = true;
                    }
                    case "MAIL" -> write(out, cfg.mailReply + "\r\n");
                    case "RCPT" -> write(out, cfg.rcptReply + "\r\n");
                    case "RSET", "NOOP" -> write(out, "250 2.0.0 Ok\r\n");
                    case "DATA" -> write(out, "554 5.5.1 this fixture never takes DATA\r\n");
                    case "QUIT" -> {
                        write(out, "221 2.0.0 Bye\r\n");
                        return;
                    }
                    default -> write(out, "502 5.5.2 Command not recognized\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away: fine for a fixture
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                s.close();
                plain.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private String ehlo(boolean inTls) {
        List<String> ext = new ArrayList<>(cfg.extensions);
        if (!inTls && (cfg.starttls != null || cfg.fault == Fault.TLS10_ONLY || cfg.fault == Fault.DROP_AT_STARTTLS
                || cfg.fault == Fault.ANON_ONLY)) {
            ext.add("STARTTLS");
        }
        String auth = inTls ? cfg.authAfterTls : cfg.authBeforeTls;
        if (auth != null) {
            ext.add("AUTH " + auth);
        }
        StringBuilder b = new StringBuilder("250");
        b.append(ext.isEmpty() ? " " : "-").append("mx.example.test Hello\r\n");
        for (int i = 0; i < ext.size(); i++) {
            b.append("250").append(i == ext.size() - 1 ? " " : "-").append(ext.get(i)).append("\r\n");
        }
        return b.toString();
    }

    private static Socket serverTls(SSLContext ctx, Socket s) {
        try {
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(s, null, true);
            tls.setUseClientMode(false);
            tls.setSoTimeout(20_000);
            tls.startHandshake();
            return tls;
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
            return null;
        }
    }

    /**
     * TLS10_ONLY: answers a TLS 1.0 ClientHello with a TLS 1.0 ServerHello, anything newer with
     * protocol_version. ANON_ONLY: answers a ClientHello offering DH_anon_WITH_AES_128_CBC_SHA
     * (0x0034) with a ServerHello choosing it, anything else with handshake_failure.
     */
    private static void fakeTls(Socket s, Fault fault) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        int type = in.readUnsignedByte();
        in.readUnsignedShort();
        int len = in.readUnsignedShort();
        byte[] body = new byte[len];
        in.readFully(body);
        if (type != 0x16 || body.length < 6 || body[0] != 1) {
            out.write(new byte[] {0x15, 3, 1, 0, 2, 2, 10}); // unexpected_message
            return;
        }
        int major = body[4];
        int minor = body[5];
        boolean accept;
        int suite;
        if (fault == Fault.ANON_ONLY) {
            int sid = body[38] & 0xff;
            int at = 39 + sid;
            int n = ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
            boolean offered = false;
            for (int i = 0; i < n; i += 2) {
                offered |= body[at + 2 + i] == 0x00 && body[at + 3 + i] == 0x34;
            }
            accept = offered;
            suite = 0x0034;
        } else {
            accept = major == 3 && minor == 1;
            suite = 0x002F;
        }
        if (accept) {
            ByteArrayOutputStream hello = new ByteArrayOutputStream();
            hello.writeBytes(new byte[] {3, (byte) minor});
            hello.writeBytes(new byte[32]);
            hello.write(0);
            hello.writeBytes(new byte[] {(byte) (suite >> 8), (byte) suite, 0});
            byte[] h = hello.toByteArray();
            ByteArrayOutputStream rec = new ByteArrayOutputStream();
            rec.writeBytes(new byte[] {0x16, 3, 1, 0, (byte) (h.length + 4), 2, 0, 0, (byte) h.length});
            rec.writeBytes(h);
            out.write(rec.toByteArray());
        } else if (fault == Fault.ANON_ONLY) {
            out.write(new byte[] {0x15, 3, 3, 0, 2, 2, 40}); // fatal handshake_failure
        } else {
            out.write(new byte[] {0x15, 3, 1, 0, 2, 2, 70}); // fatal protocol_version
        }
        out.flush();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] b = new byte[1024];
        while (in.read(b) >= 0) {
            // discard until the client gives up
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    /** What the fixture does. */
    public static final class Builder {
        private String banner = "220 mx.example.test ESMTP MailMedic fixture";
        private Fault fault = Fault.NONE;
        private List<String> extensions = List.of("PIPELINING", "SIZE 10240000", "8BITMIME", "SMTPUTF8", "CHUNKING",
                "ENHANCEDSTATUSCODES");
        private SSLContext starttls;
        private SSLContext implicitTls;
        private String authBeforeTls;
        private String authAfterTls;
        private String ehloReply;
        private String mailReply = "250 2.1.0 Ok";
        private String rcptReply = "250 2.1.5 Ok";
        private java.time.Duration dripEvery = java.time.Duration.ofMillis(100);

        public Builder banner(String v) { banner = v; return this; }
        public Builder fault(Fault v) { fault = v; return this; }
        public Builder extensions(String... v) { extensions = List.of(v); return this; }
        public Builder starttls(SSLContext v) { starttls = v; return this; }
        public Builder implicitTls(SSLContext v) { implicitTls = v; return this; }
        public Builder authBeforeTls(String v) { authBeforeTls = v; return this; }
        public Builder authAfterTls(String v) { authAfterTls = v; return this; }
        public Builder ehloReply(String v) { ehloReply = v; return this; }
        public Builder mailReply(String v) { mailReply = v; return this; }
        public Builder rcptReply(String v) { rcptReply = v; return this; }
        /** The DRIP fault's pace: one byte every {@code v} (100 ms unless set). */
        public Builder dripEvery(java.time.Duration v) { dripEvery = v; return this; }

        /** STARTTLS advertised, but the TLS side has no key material: handshake_failure. */
        public Builder starttlsWithoutCertificate() {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, null, null);
                starttls = ctx;
                return this;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public SmtpFixture start() throws IOException {
            return new SmtpFixture(this);
        }
    }
}
