package org.mailmedic.engine.probe.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * The real resolver: dnsjava's {@link SimpleResolver} against one or more recursive servers,
 * with a hard per-query deadline, a fixed number of tries spread over the servers, TCP when a
 * UDP answer is truncated, the AD bit asked for and recorded (RFC 6840 5.7), and CNAME chains
 * followed with a loop guard. Never throws for DNS outcomes: failures come back in the answer.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1035">RFC 1035</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7766">RFC 7766 (DNS over TCP)</a>
 */
public final class DnsjavaDns implements Dns {

    private final List<InetSocketAddress> servers;
    private final Duration deadline;
    private final int tries;

    /**
     * @param servers  recursive resolvers, tried in turn
     * @param deadline the most one {@link #query} may take, all tries and CNAME hops included
     * @param tries    how many sends a query gets before it is given up (at least 1)
     */
    public DnsjavaDns(List<InetSocketAddress> servers, Duration deadline, int tries) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server");
        }
        this.servers = List.copyOf(servers);
        this.deadline = deadline;
        this.tries = Math.max(1, tries);
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    public Duration deadline() {
        return deadline;
    }

    @Override
    public DnsAnswer query(String name, int type) {
        long start = System.nanoTime();
        String display = name == null ? "" : name;
        Name qname;
        try {
            java.util.Optional<String> raw = DnsNames.problem(display);
            if (raw.isPresent()) {
                return DnsAnswer.failure(display, type, "not a valid domain name: " + raw.get(), Duration.ZERO, server(0));
            }
            String ascii = java.net.IDN.toASCII(display.endsWith(".") ? display.substring(0, display.length() - 1) : display,
                    java.net.IDN.ALLOW_UNASSIGNED);
            java.util.Optional<String> problem = DnsNames.problem(ascii);
            if (problem.isPresent()) {
                return DnsAnswer.failure(display, type, "not a valid domain name: " + problem.get(), Duration.ZERO, server(0));
            }
            qname = Name.fromString(ascii, Name.root);
        } catch (IllegalArgumentException | TextParseException e) {
            return DnsAnswer.failure(display, type, "not a valid domain name: " + e.getMessage(), Duration.ZERO, server(0));
        }
        long deadlineNanos = start + deadline.toNanos();
        List<String> chain = new ArrayList<>();
        Name current = qname;
        DnsAnswer answer = null;
        for (int hop = 0; hop <= DnsResponses.MAX_CNAME_HOPS; hop++) {
            Exchange ex = exchange(current, type, deadlineNanos, start);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (ex.response == null) {
                DnsAnswer f = ex.failure;
                return new DnsAnswer(DnsResponses.strip(qname), type, -1, List.of(), chain, false, -1, elapsed, f.server(),
                        f.error(), false);
            }
            DnsResponses.Read read = DnsResponses.read(current, type, ex.response, chain, elapsed, ex.server, ex.tcp);
            DnsAnswer a = read.answer();
            if (hop > 0) {
                // Re-label the answer with the name the caller asked for.
                a = new DnsAnswer(DnsResponses.strip(qname), type, a.rcode(), a.records(), a.cnameChain(),
                        a.authenticated() && answer.authenticated(), a.ttl(), elapsed, a.server(), a.error(), a.viaTcp());
            }
            answer = a;
            if (read.pendingCname() == null) {
                return answer;
            }
            chain = new ArrayList<>(answer.cnameChain());
            current = read.pendingCname();
        }
        return DnsAnswer.failure(DnsResponses.strip(qname), type, "CNAME chain longer than " + DnsResponses.MAX_CNAME_HOPS
                + " hops: " + String.join(" → ", chain), Duration.ofNanos(System.nanoTime() - start), server(0));
    }

    /** The response, or the failed answer (without records) that says why there is none. */
    private record Exchange(Message response, DnsAnswer failure, String server, boolean tcp) {
    }

    /**
     * Sends one question, with retries over the servers, UDP then TCP when truncated. Only
     * silence is retried on the same server: a server that sent an unreadable answer, refused
     * the connection or failed the TCP retry would do it again, so the next server is tried (and
     * with one server the question ends at once, well before the deadline).
     */
    private Exchange exchange(Name qname, int type, long deadlineNanos, long startNanos) {
        Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
        query.getHeader().setFlag(Flags.AD);
        String name = DnsResponses.strip(qname);
        DnsAnswer last = null;
        String lastServer = server(0);
        java.util.Set<InetSocketAddress> given = new java.util.HashSet<>();
        int attempt = 0;
        int sent = 0;
        for (; attempt < tries; attempt++) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || given.size() == servers.size()) {
                break;
            }
            InetSocketAddress addr = servers.get(attempt % servers.size());
            for (int i = 0; given.contains(addr) && i < servers.size(); i++) {
                addr = servers.get((attempt + i) % servers.size());
            }
            lastServer = hostPort(addr);
            // Spread what is left over the remaining tries, so a silent server cannot eat them all.
            long slice = Math.max(left / (tries - attempt), Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            sent++;
            Message response;
            try {
                response = send(addr, query, false, Duration.ofNanos(slice));
            } catch (WireParseException e) {
                last = DnsAnswer.malformed(name, type, readable(e), since(startNanos), lastServer);
                given.add(addr);
                continue;
            } catch (TimeoutException | SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                String why = describe(e);
                if (why == null) {
                    continue; // a timeout in other words
                }
                last = DnsAnswer.unreachable(name, type, why, since(startNanos), lastServer);
                given.add(addr);
                continue;
            }
            if (!response.getHeader().getFlag(Flags.TC)) {
                return new Exchange(response, null, lastServer, false);
            }
            long rest = deadlineNanos - System.nanoTime();
            if (rest <= 0) {
                last = DnsAnswer.truncated(name, type, "could not be tried (no time left)", since(startNanos), lastServer);
                break;
            }
            try {
                return new Exchange(send(addr, query, true, Duration.ofNanos(rest)), null, lastServer, true);
            } catch (WireParseException e) {
                last = DnsAnswer.malformed(name, type, readableOverTcp(e), since(startNanos), lastServer);
            } catch (TimeoutException | SocketTimeoutException e) {
                last = DnsAnswer.truncated(name, type, "got no answer within " + TimeUnit.NANOSECONDS.toMillis(rest)
                        + " ms", since(startNanos), lastServer);
            } catch (IOException e) {
                String why = describe(e);
                last = DnsAnswer.truncated(name, type, why == null ? "got no answer" : "failed: " + why,
                        since(startNanos), lastServer);
            }
            given.add(addr);
        }
        if (last == null) {
            last = DnsAnswer.timeout(name, type, deadline.toMillis(), sent, since(startNanos), lastServer);
        }
        return new Exchange(null, last, lastServer, false);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * A TCP answer (after a truncated UDP one) that does not parse. Cut short inside its own
     * length prefix means the server announced more than it could put in one DNS message: an
     * oversized answer (the 10 MB TXT a hostile server streams), said as such.
     */
    static String readableOverTcp(WireParseException e) {
        String r = readable(e);
        if (r.startsWith("it stops in the middle of a record")) {
            return "oversized: over TCP it claims more records than one DNS message (at most 64 KB) can carry,"
                    + " after a truncated UDP answer";
        }
        return r + ", over TCP after a truncated UDP answer";
    }

    /** dnsjava's parse errors in words. */
    static String readable(WireParseException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        Throwable c = e.getCause();
        if (m.equals("Error parsing message") && c != null && c.getMessage() != null) {
            m = c.getMessage();
        }
        String l = m.toLowerCase(java.util.Locale.ROOT);
        if (l.contains("end of input") || l.contains("truncated record")) {
            return "it stops in the middle of a record: cut short, or claiming more than a DNS message can hold";
        }
        if (l.contains("too short")) {
            return "it is shorter than a DNS header";
        }
        if (l.contains("invalid message id")) {
            return "its ID does not match the question (a stray or forged packet): " + m;
        }
        if (l.contains("question section missing")) {
            return "it does not repeat the question";
        }
        if (l.contains("invalid name in message") || l.contains("invalid type") || l.contains("invalid class")) {
            return "it answers a different question: " + m;
        }
        if (l.contains("pointer") || l.contains("label")) {
            return "a name in it is broken (" + m + ")";
        }
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    private static Message send(InetSocketAddress addr, Message query, boolean tcp, Duration timeout)
            throws IOException, TimeoutException {
        SimpleResolver r = new SimpleResolver(addr);
        r.setTCP(tcp);
        r.setIgnoreTruncation(true);
        r.setTimeout(timeout);
        r.setEDNS(0, 1232, 0, List.of());
        try {
            return r.sendAsync(query.clone()).toCompletableFuture().get(timeout.toNanos() + 50_000_000L, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof TimeoutException te) {
                throw te;
            }
            throw new IOException(c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage()), c);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return null;
        }
        if (e instanceof java.net.PortUnreachableException || e instanceof java.net.ConnectException
                || (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("refused"))) {
            return "the connection was refused (nothing listening there?)";
        }
        if (e instanceof java.io.EOFException || (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("eof"))) {
            return "it closed the connection without an answer";
        }
        return "network error (" + (m == null ? e.getClass().getSimpleName() : m) + ")";
    }

    private String server(int i) {
        return hostPort(servers.get(i % servers.size()));
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public String toString() {
        return String.join(", ", servers.stream().map(DnsjavaDns::hostPort).toList());
    }

    /** For {@link Type} names in messages. */
    static String typeName(int type) {
        return Type.string(type);
    }
}
