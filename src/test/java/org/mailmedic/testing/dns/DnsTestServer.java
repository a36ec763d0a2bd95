package org.mailmedic.testing.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailmedic.engine.probe.dns.DnsjavaDns;
import org.mailmedic.engine.probe.dns.Resolvers;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * A DNS server for tests: serves a {@link Zone} over UDP and TCP on 127.0.0.1, on one ephemeral
 * port shared by both, with the zone's injected faults (delay, SERVFAIL, NXDOMAIN, REFUSED,
 * truncation, no answer, malformed bytes, garbage records). Loopback only, always.
 *
 * <pre>{@code
 * try (DnsTestServer dns = DnsTestServer.start(new Zone().text("""
 *         example.com. MX 10 mx.example.com.
 *         mx.example.com. A 192.0.2.25
 *         """))) {
 *     Dns resolver = dns.resolver(Duration.ofSeconds(2));
 *     ...
 * }
 * }</pre>
 */
public final class DnsTestServer implements AutoCloseable {

    private final Zone zone;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService io = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dns-test-server");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "dns-test-server-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final java.util.Set<Socket> tcpClients = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile TcpMode tcpMode = TcpMode.SERVE;

    /** How the TCP side behaves (for "truncated over UDP, and TCP fails too"). */
    public enum TcpMode {
        /** Answers over TCP as over UDP. */
        SERVE,
        /** Nothing listens on TCP: connections are refused. */
        REFUSE,
        /** Accepts, reads the question, closes without a word. */
        DROP,
        /** Accepts, reads the question, never answers. */
        SILENT
    }

    /** Sets how TCP behaves from now on; REFUSE closes the TCP listener for good. */
    public DnsTestServer tcp(TcpMode mode) {
        tcpMode = mode;
        if (mode == TcpMode.REFUSE) {
            try {
                tcp.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
        return this;
    }

    private DnsTestServer(Zone zone) throws IOException {
        this.zone = zone;
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        DatagramSocket u = null;
        ServerSocket t = null;
        for (int attempt = 0; attempt < 20 && t == null; attempt++) {
            u = new DatagramSocket(new InetSocketAddress(lo, 0));
            try {
                t = new ServerSocket();
                t.setReuseAddress(true);
                t.bind(new InetSocketAddress(lo, u.getLocalPort()));
            } catch (BindException e) {
                u.close();
                t = null;
            }
        }
        if (t == null) {
            throw new IOException("no free port for UDP and TCP on 127.0.0.1");
        }
        this.udp = u;
        this.tcp = t;
        io.execute(this::udpLoop);
        io.execute(this::tcpLoop);
    }

    /** Starts serving the zone. */
    public static DnsTestServer start(Zone zone) throws IOException {
        return new DnsTestServer(zone);
    }

    /** Starts serving zone text (see {@link Zone#text}). */
    public static DnsTestServer start(String zoneText) throws IOException {
        return new DnsTestServer(new Zone().text(zoneText));
    }

    public Zone zone() {
        return zone;
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}, as {@code --dns} takes it. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    /** A resolver pointed at this server. */
    public DnsjavaDns resolver(Duration deadline) {
        return Resolvers.at(hostPort(), deadline);
    }

    public int udpQueries() {
        return udpQueries.get();
    }

    public int tcpQueries() {
        return tcpQueries.get();
    }

    private void udpLoop() {
        byte[] buf = new byte[65535];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (IOException e) {
                return;
            }
            udpQueries.incrementAndGet();
            byte[] in = java.util.Arrays.copyOf(p.getData(), p.getLength());
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            handle(in, false, out -> {
                try {
                    udp.send(new DatagramPacket(out, out.length, from));
                } catch (IOException e) {
                    // the client went away
                }
            });
        }
    }

    private void tcpLoop() {
        while (!closed) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (IOException e) {
                return;
            }
            io.execute(() -> serveTcp(s));
        }
    }

    private void serveTcp(Socket s) {
        tcpClients.add(s);
        try (s) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (!closed) {
                int len;
                try {
                    len = in.readUnsignedShort();
                } catch (IOException e) {
                    return;
                }
                byte[] q = in.readNBytes(len);
                tcpQueries.incrementAndGet();
                if (tcpMode == TcpMode.DROP) {
                    return;
                }
                if (tcpMode == TcpMode.SILENT) {
                    in.readAllBytes(); // until the client gives up
                    return;
                }
                if (hugeTcp(q, out)) {
                    return;
                }
                java.util.concurrent.CompletableFuture<byte[]> reply = new java.util.concurrent.CompletableFuture<>();
                handle(q, true, reply::complete);
                byte[] r;
                try {
                    r = reply.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    return;
                }
                if (r == null) {
                    return;
                }
                synchronized (out) {
                    out.writeShort(r.length);
                    out.write(r);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            tcpClients.remove(s);
        }
    }

    /** Size of the HUGE fault's stream. */
    static final int HUGE_BYTES = 10 << 20;

    /**
     * The HUGE fault over TCP: a length prefix of 65535 and a header claiming as many 255-byte
     * TXT records as 10 MB hold, then those records streamed until 10 MB went out (or the client
     * hung up). Returns false when the question has no HUGE fault.
     */
    private boolean hugeTcp(byte[] q, DataOutputStream out) throws IOException {
        Message query;
        try {
            query = new Message(q);
        } catch (IOException e) {
            return false;
        }
        org.xbill.DNS.Record question = query.getQuestion();
        if (question == null || zone.faultFor(question.getName(), question.getType()) != Zone.Fault.HUGE) {
            return false;
        }
        byte[] txt = new byte[256];
        txt[0] = (byte) 255;
        java.util.Arrays.fill(txt, 1, txt.length, (byte) 'x');
        byte[] name = question.getName().toWire();
        int rdata = 2 + 2 + 4 + 2;
        int perRecord = name.length + rdata + txt.length;
        int count = Math.min(65535, HUGE_BYTES / perRecord);
        Message head = new Message(query.getHeader().getID());
        head.getHeader().setFlag(Flags.QR);
        head.getHeader().setFlag(Flags.RA);
        head.addRecord(question, Section.QUESTION);
        byte[] h = head.toWire();
        h[6] = (byte) (count >> 8); // ANCOUNT: more records than any DNS message can hold
        h[7] = (byte) count;
        out.writeShort(65535);
        out.write(h);
        java.io.ByteArrayOutputStream one = new java.io.ByteArrayOutputStream();
        DataOutputStream r = new DataOutputStream(one);
        r.write(name);
        r.writeShort(org.xbill.DNS.Type.TXT);
        r.writeShort(org.xbill.DNS.DClass.IN);
        r.writeInt(300);
        r.writeShort(txt.length);
        r.write(txt);
        byte[] rec = one.toByteArray();
        try {
            for (long sentBytes = h.length; sentBytes < HUGE_BYTES && !closed; sentBytes += rec.length) {
                out.write(rec);
            }
            out.flush();
        } catch (IOException e) {
            // the client read its 65535 bytes and hung up: as it should
        }
        return true;
    }

    private void handle(byte[] in, boolean overTcp, java.util.function.Consumer<byte[]> send) {
        Message query;
        try {
            query = new Message(in);
        } catch (IOException e) {
            return; // not DNS: drop it, as servers do
        }
        org.xbill.DNS.Record q = query.getQuestion();
        org.xbill.DNS.Name qname = q == null ? org.xbill.DNS.Name.root : q.getName();
        int type = q == null ? 0 : q.getType();
        Zone.Fault fault = zone.faultFor(qname, type);
        if (fault == Zone.Fault.NO_ANSWER) {
            return;
        }
        Runnable reply = () -> {
            byte[] out;
            if (fault == Zone.Fault.MALFORMED_SHORT) {
                out = new byte[] {in[0], in[1], (byte) 0x81};
            } else if (fault == Zone.Fault.MALFORMED_ID) {
                Message m = zone.respond(query);
                m.getHeader().setID((query.getHeader().getID() + 1) & 0xffff);
                out = m.toWire();
            } else if (fault == Zone.Fault.HUGE && !overTcp) {
                Message m = new Message(query.getHeader().getID());
                m.getHeader().setFlag(Flags.QR);
                m.getHeader().setFlag(Flags.TC);
                m.getHeader().setFlag(Flags.RA);
                m.addRecord(q, Section.QUESTION);
                out = m.toWire();
            } else if (fault == Zone.Fault.MALFORMED) {
                byte[] id = {in[0], in[1]};
                out = new byte[] {id[0], id[1], (byte) 0x81, (byte) 0x80, 0, 1, 0, 5, 0, 0, 0, 0, 3, 'b', 'a', 'd', (byte) 0xc0};
            } else if (fault == Zone.Fault.TRUNCATE && !overTcp) {
                Message m = new Message(query.getHeader().getID());
                m.getHeader().setFlag(Flags.QR);
                m.getHeader().setFlag(Flags.TC);
                m.getHeader().setFlag(Flags.RA);
                m.addRecord(q, Section.QUESTION);
                out = m.toWire();
            } else {
                out = zone.respond(query).toWire();
                if (!overTcp && out.length > udpLimit(query)) {
                    // As real servers do: too big for the client's UDP buffer, so TC and retry over TCP.
                    Message m = new Message(query.getHeader().getID());
                    m.getHeader().setFlag(Flags.QR);
                    m.getHeader().setFlag(Flags.TC);
                    m.getHeader().setFlag(Flags.RA);
                    m.addRecord(q, Section.QUESTION);
                    out = m.toWire();
                }
            }
            send.accept(out);
        };
        Duration d = zone.delayFor(qname);
        if (d.isZero()) {
            reply.run();
        } else {
            timer.schedule(reply, d.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The largest UDP answer the client said it takes: 512 bytes, or its EDNS payload size. */
    private static int udpLimit(Message query) {
        org.xbill.DNS.OPTRecord opt = query.getOPT();
        return opt == null ? 512 : Math.max(512, opt.getPayloadSize());
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket c : tcpClients) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        io.shutdownNow();
        timer.shutdownNow();
    }

    /** Whether the server still listens (for tests of the fixture itself). */
    public boolean isOpen() {
        return !closed && !udp.isClosed();
    }

}
