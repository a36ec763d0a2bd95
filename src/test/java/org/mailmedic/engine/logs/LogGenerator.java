package org.mailmedic.engine.logs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes a synthetic but realistic Postfix syslog (RFC 3164 timestamps, host "mail") of any size:
 * inbound SMTP sessions, cleanup, qmgr, smtp deliveries to many destinations (a few big
 * freemail domains and a long tail), greylisting that clears on retry, unknown users, a
 * destination that rejects for SPF and one that blocks the sender's IP, inbound TLS handshakes
 * failing with "no shared cipher", other programs' lines, and one destination,
 * {@code throttled.example}, that accepts only {@code throttleLimit} messages in any 24 h and
 * answers {@code 421 4.7.0 Too many messages} after that, so that its queue never drains and
 * messages expire after five days. Deterministic for a seed. Postfix's retry back-off
 * (300 s doubling to 4000 s) and queue lifetime (5 days) are simulated.
 */
public final class LogGenerator {

    /**
     * @param seed            random seed
     * @param start           first timestamp (UTC, also the zone the log is written in)
     * @param messagesPerDay  arrivals per day over all destinations
     * @param throttledPerDay of which for throttled.example
     * @param throttleLimit   what throttled.example accepts in any 24 h
     */
    public record Config(long seed, LocalDateTime start, int messagesPerDay, int throttledPerDay, int throttleLimit) {
        public static Config defaults() {
            return new Config(42, LocalDateTime.of(2026, 10, 1, 0, 0), 200_000, 100, 49);
        }
    }

    /** What was written: the truth a test can compare the analysis with. */
    public record Summary(long bytes, long lines, long messages, long recipients, long delivered, long deferred,
                          long bounced, long expired, long throttledDeliveries, long throttledDeferrals,
                          long throttledExpired, long tlsFailures, long stillQueued, LocalDateTime end) {
    }

    private static final String[] BIG = {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "gmx.de",
            "t-online.de", "icloud.com", "web.de", "aol.com", "orange.fr"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};
    static final String THROTTLED = "throttled.example";
    static final String SPF = "strict-spf.example";
    static final String BLOCKED = "blocky.example";

    private final Config cfg;
    private final SplittableRandom rnd;
    private final StringBuilder sb = new StringBuilder(512);
    private OutputStream out;
    private long bytes;
    private long lines;
    private long now; // epoch seconds
    private int qidCounter;
    private long messages;
    private long recipients;
    private long delivered;
    private long deferred;
    private long bounced;
    private long expired;
    private long thrDelivered;
    private long thrDeferred;
    private long thrExpired;
    private long tls;
    private final ArrayDeque<Long> throttleAccepted = new ArrayDeque<>();
    private final java.util.HashMap<String, int[]> waiting = new java.util.HashMap<>();
    private final PriorityQueue<Pending> retries = new PriorityQueue<>((a, b) -> Long.compare(a.next, b.next));

    private static final class Pending {
        final String qid;
        final long arrival;
        final String rcpt;
        final String domain;
        final int size;
        long next;
        int tries;

        Pending(String qid, long arrival, String rcpt, String domain, int size) {
            this.qid = qid;
            this.arrival = arrival;
            this.rcpt = rcpt;
            this.domain = domain;
            this.size = size;
        }
    }

    private LogGenerator(Config cfg) {
        this.cfg = cfg;
        this.rnd = new SplittableRandom(cfg.seed());
        this.now = cfg.start().toEpochSecond(ZoneOffset.UTC);
    }

    /** Writes about {@code targetBytes} of log to {@code file} (stops at the first message past it). */
    public static Summary write(Path file, long targetBytes, Config cfg) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            return write(os, targetBytes, cfg);
        }
    }

    /** Writes about {@code targetBytes} of log to a stream (left open). */
    public static Summary write(OutputStream os, long targetBytes, Config cfg) throws IOException {
        LogGenerator g = new LogGenerator(cfg);
        g.out = os;
        g.run(targetBytes);
        os.flush();
        long queued = g.retries.size();
        return new Summary(g.bytes, g.lines, g.messages, g.recipients, g.delivered, g.deferred, g.bounced, g.expired,
                g.thrDelivered, g.thrDeferred, g.thrExpired, g.tls, queued,
                LocalDateTime.ofEpochSecond(g.now, 0, ZoneOffset.UTC));
    }

    private void run(long target) throws IOException {
        double meanGap = 86400.0 / cfg.messagesPerDay();
        double throttleShare = (double) cfg.throttledPerDay() / cfg.messagesPerDay();
        double t = now;
        while (bytes < target) {
            t += -Math.log(1 - rnd.nextDouble()) * meanGap;
            long at = (long) t;
            while (!retries.isEmpty() && retries.peek().next <= at) {
                Pending p = retries.poll();
                now = Math.max(now, p.next);
                retry(p);
            }
            now = Math.max(now, at);
            if (rnd.nextInt(20) == 0) {
                noise();
            }
            if (rnd.nextInt(400) == 0) {
                tlsFailure();
            }
            message(rnd.nextDouble() < throttleShare);
        }
    }

    private void message(boolean throttled) throws IOException {
        messages++;
        String qid = qid();
        int pid = 1000 + rnd.nextInt(30000);
        int client = rnd.nextInt(250) + 1;
        String clientName = "client" + client + ".senders.example[198.51.100." + client + "]";
        line("postfix/smtpd", pid).append("connect from ").append(clientName);
        flush();
        line("postfix/smtpd", pid).append(qid).append(": client=").append(clientName);
        flush();
        line("postfix/cleanup", 900 + rnd.nextInt(100)).append(qid).append(": message-id=<")
                .append(Long.toHexString(rnd.nextLong())).append("@senders.example>");
        flush();
        int n = rnd.nextInt(10) == 0 ? 2 + rnd.nextInt(3) : 1;
        int size = 2000 + rnd.nextInt(60000);
        String from = "user" + rnd.nextInt(500) + "@ourco.example";
        qmgrFrom(qid, from, size, n);
        line("postfix/smtpd", pid).append("disconnect from ").append(clientName)
                .append(client % 4 == 0 ? " ehlo=1" : " ehlo=2 starttls=1") // most senders use TLS
                .append(" mail=1 rcpt=").append(n).append(" data=1 quit=1 commands=")
                .append(client % 4 == 0 ? 4 + n : 6 + n);
        flush();
        int open = 0;
        for (int i = 0; i < n; i++) {
            String domain = throttled && i == 0 ? THROTTLED : domain();
            String rcpt = "u" + rnd.nextInt(100_000) + "@" + domain;
            recipients++;
            Pending p = new Pending(qid, now, rcpt, domain, size);
            if (!attempt(p)) {
                open++;
            }
        }
        if (open == 0) {
            line("postfix/qmgr", 2748).append(qid).append(": removed");
            flush();
        } else {
            waiting.put(qid, new int[] {open});
        }
    }

    /** One recipient of a waiting message is done; the message leaves the queue with its last recipient. */
    private void recipientDone(String qid) throws IOException {
        int[] left = waiting.get(qid);
        if (--left[0] == 0) {
            waiting.remove(qid);
            line("postfix/qmgr", 2748).append(qid).append(": removed");
            flush();
        }
    }

    /** One delivery attempt; true when final. Schedules the retry otherwise. */
    private boolean attempt(Pending p) throws IOException {
        p.tries++;
        String d = p.domain;
        if (d.equals(THROTTLED)) {
            while (!throttleAccepted.isEmpty() && throttleAccepted.peekFirst() <= now - 86400) {
                throttleAccepted.pollFirst();
            }
            if (throttleAccepted.size() < cfg.throttleLimit()) {
                throttleAccepted.addLast(now);
                thrDelivered++;
                sent(p, "mx.throttled.example[192.0.2.50]:25", "250 2.0.0 Ok: queued as " + qid());
                return true;
            }
            thrDeferred++;
            defer(p, "mx.throttled.example[192.0.2.50]:25", "4.7.0",
                    "host mx.throttled.example[192.0.2.50] said: 421 4.7.0 Too many messages from 203.0.113.5, "
                            + "try again later (in reply to MAIL FROM command)");
            return false;
        }
        int roll = rnd.nextInt(1000);
        String mx = "mx" + (1 + rnd.nextInt(3)) + "." + d;
        String relay = mx + "[203.0.113." + (1 + (d.hashCode() & 0x7f)) + "]:25";
        if (d.equals(SPF) && roll < 300) {
            bounce(p, relay, "5.7.23", "host " + mx + " said: 550 5.7.23 <" + p.rcpt + ">: The message was rejected "
                    + "because of Sender Policy Framework violation (in reply to RCPT TO command)");
            return true;
        }
        if (d.equals(BLOCKED) && roll < 500) {
            bounce(p, relay, "5.7.1", "host " + mx + " said: 554 5.7.1 Service unavailable; Client host "
                    + "[203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command)");
            return true;
        }
        if (roll < 15) {
            bounce(p, relay, "5.1.1", "host " + mx + " said: 550 5.1.1 <" + p.rcpt + ">: Recipient address "
                    + "rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)");
            return true;
        }
        if (p.tries == 1 && roll < 45) {
            defer(p, relay, "4.2.0", "host " + mx + " said: 450 4.2.0 <" + p.rcpt + ">: Recipient address "
                    + "rejected: Greylisted, see http://postgrey.example/help/" + d + ".html (in reply to RCPT TO "
                    + "command)");
            return false;
        }
        if (p.tries == 1 && roll < 55) {
            defer(p, "none", "4.4.1", "connect to " + mx + "[203.0.113.9]:25: Connection timed out");
            return false;
        }
        sent(p, relay, "250 2.0.0 Ok: queued as " + qid());
        return true;
    }

    private void retry(Pending p) throws IOException {
        if (now - p.arrival >= 5 * 86400) {
            expired++;
            if (p.domain.equals(THROTTLED)) {
                thrExpired++;
            }
            line("postfix/qmgr", 2748).append(p.qid).append(": from=<sender@ourco.example>, status=expired, "
                    + "returned to sender");
            flush();
            line("postfix/bounce", 3000 + rnd.nextInt(1000)).append(p.qid)
                    .append(": sender non-delivery notification: ").append(qid());
            flush();
            recipientDone(p.qid);
            return;
        }
        qmgrFrom(p.qid, "sender@ourco.example", p.size, waiting.get(p.qid)[0]);
        if (attempt(p)) {
            recipientDone(p.qid);
        }
    }

    private void qmgrFrom(String qid, String from, int size, int n) throws IOException {
        line("postfix/qmgr", 2748).append(qid).append(": from=<").append(from).append(">, size=").append(size)
                .append(", nrcpt=").append(n).append(" (queue active)");
        flush();
    }

    private void sent(Pending p, String relay, String reply) throws IOException {
        delivered++;
        delivery(p, relay, "2.0.0", "sent", reply);
    }

    private void bounce(Pending p, String relay, String dsn, String text) throws IOException {
        bounced++;
        delivery(p, relay, dsn, "bounced", text);
    }

    private void defer(Pending p, String relay, String dsn, String text) throws IOException {
        deferred++;
        delivery(p, relay, dsn, "deferred", text);
        long backoff = Math.min(4000, 300L << Math.min(p.tries - 1, 4));
        p.next = now + backoff + rnd.nextInt(120);
        retries.add(p);
    }

    private void delivery(Pending p, String relay, String dsn, String status, String text) throws IOException {
        long delay = Math.max(0, now - p.arrival);
        line("postfix/smtp", 10000 + rnd.nextInt(20000)).append(p.qid).append(": to=<").append(p.rcpt)
                .append(">, relay=").append(relay).append(", delay=").append(delay).append('.')
                .append(rnd.nextInt(10)).append(", delays=0.0").append(rnd.nextInt(10)).append("/0/0.")
                .append(rnd.nextInt(100)).append("/0.").append(rnd.nextInt(100)).append(", dsn=").append(dsn)
                .append(", status=").append(status).append(" (").append(text).append(')');
        flush();
    }

    private void noise() throws IOException {
        switch (rnd.nextInt(3)) {
            case 0 -> line("CRON", 4000 + rnd.nextInt(1000)).append("(root) CMD (/usr/lib/php/sessionclean)");
            case 1 -> line("dovecot", -1).append("imap-login: Login: user=<user").append(rnd.nextInt(500))
                    .append("@ourco.example>, method=PLAIN, rip=198.51.100.7, lip=192.0.2.1, mpid=")
                    .append(rnd.nextInt(30000)).append(", TLS");
            default -> line("postfix/anvil", 1500).append("statistics: max connection rate 3/60s for "
                    + "(smtp:198.51.100.7) at ").append(stamp(now));
        }
        flush();
    }

    private void tlsFailure() throws IOException {
        tls++;
        int pid = 1000 + rnd.nextInt(30000);
        String c = "scanner" + (1 + rnd.nextInt(3)) + ".probe.example[192.0.2." + (100 + rnd.nextInt(3)) + "]";
        line("postfix/smtpd", pid).append("connect from ").append(c);
        flush();
        line("postfix/smtpd", pid).append("SSL_accept error from ").append(c).append(": -1");
        flush();
        line("postfix/smtpd", pid).append("warning: TLS library problem: error:0A0000C1:SSL routines::"
                + "no shared cipher:../ssl/statem/statem_srvr.c:2220:");
        flush();
        line("postfix/smtpd", pid).append("lost connection after STARTTLS from ").append(c);
        flush();
        line("postfix/smtpd", pid).append("disconnect from ").append(c).append(" ehlo=1 starttls=0/1 commands=1/2");
        flush(); // the session summary of the same failure: counted once
    }

    private String domain() {
        int r = rnd.nextInt(1000);
        if (r < 600) {
            return BIG[Math.min(BIG.length - 1, (int) (Math.pow(rnd.nextDouble(), 2) * BIG.length))];
        }
        if (r < 605) {
            return SPF;
        }
        if (r < 610) {
            return BLOCKED;
        }
        int tail = (int) (Math.pow(rnd.nextDouble(), 3) * 2000);
        return "d" + tail + ".example";
    }

    private String qid() {
        qidCounter++;
        long v = (qidCounter * 0x9E3779B1L) & 0xFFFFFFFFFFL;
        String h = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
        return "0000000000".substring(h.length()) + h;
    }

    private StringBuilder line(String program, int pid) {
        sb.setLength(0);
        sb.append(stamp(now)).append(" mail ").append(program);
        if (pid >= 0) {
            sb.append('[').append(pid).append(']');
        }
        return sb.append(": ");
    }

    private String cachedStampText;
    private long cachedStamp = Long.MIN_VALUE;

    private String stamp(long t) {
        if (t != cachedStamp) {
            LocalDateTime d = LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC);
            StringBuilder s = new StringBuilder(15).append(MONTHS[d.getMonthValue() - 1]).append(' ');
            if (d.getDayOfMonth() < 10) {
                s.append(' ');
            }
            s.append(d.getDayOfMonth()).append(' ');
            two(s, d.getHour()).append(':');
            two(s, d.getMinute()).append(':');
            two(s, d.getSecond());
            cachedStampText = s.toString();
            cachedStamp = t;
        }
        return cachedStampText;
    }

    private static StringBuilder two(StringBuilder s, int v) {
        if (v < 10) {
            s.append('0');
        }
        return s.append(v);
    }

    private final byte[] lineBuf = new byte[4096];

    private void flush() throws IOException {
        sb.append('\n');
        int n = sb.length();
        byte[] b = n <= lineBuf.length ? lineBuf : new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) sb.charAt(i);
        }
        out.write(b, 0, n);
        bytes += n;
        lines++;
    }

    /** Domains the generator uses for special behaviour. */
    public static List<String> specialDomains() {
        return new ArrayList<>(List.of(THROTTLED, SPF, BLOCKED));
    }

    /** Command line: {@code LogGenerator FILE MEGABYTES} writes a log (for trying the tools by hand). */
    public static void main(String[] args) throws IOException {
        Summary s = write(Path.of(args[0]), Long.parseLong(args[1]) << 20, Config.defaults());
        System.out.println(s);
    }
}
