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
            Exchange ex = exchange(current, type, deadlineNanos);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (ex.response == null) {
                return DnsAnswer.failure(DnsResponses.strip(qname), type, ex.error, elapsed, ex.server);
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

    private record Exchange(Message response, String error, String server, boolean tcp) {
    }

    /** Sends one question, with retries over the servers, UDP then TCP when truncated. */
    private Exchange exchange(Name qname, int type, long deadlineNanos) {
        Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
        query.getHeader().setFlag(Flags.AD);
        String lastError = "no response";
        String lastServer = server(0);
        int attempt = 0;
        for (; attempt < tries; attempt++) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            InetSocketAddress addr = servers.get(attempt % servers.size());
            lastServer = hostPort(addr);
            // Spread what is left over the remaining tries, so a silent server cannot eat them all.
            long slice = Math.max(left / (tries - attempt), Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            try {
                Message response = send(addr, query, false, Duration.ofNanos(slice));
                if (response.getHeader().getFlag(Flags.TC)) {
                    long rest = deadlineNanos - System.nanoTime();
                    if (rest <= 0) {
                        lastError = "the answer was truncated and no time was left to retry over TCP";
                        break;
                    }
                    response = send(addr, query, true, Duration.ofNanos(rest));
                    return new Exchange(response, null, lastServer, true);
                }
                return new Exchange(response, null, lastServer, false);
            } catch (WireParseException e) {
                lastError = "the response was malformed (" + e.getMessage() + ")";
            } catch (TimeoutException | SocketTimeoutException e) {
                lastError = "no response";
            } catch (IOException e) {
                lastError = describe(e);
            }
        }
        long ms = Duration.ofNanos(deadline.toNanos()).toMillis();
        String tried = attempt <= 1 ? "" : " after " + attempt + " tries";
        if (lastError.equals("no response")) {
            return new Exchange(null, "timed out: no response within " + ms + " ms" + tried, lastServer, false);
        }
        return new Exchange(null, lastError + tried, lastServer, false);
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
            return "no response";
        }
        if (e instanceof java.net.PortUnreachableException || (m != null && m.contains("refused"))) {
            return "the server refused the connection (nothing listening there?)";
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
