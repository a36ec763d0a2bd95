package org.mailmedic.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * Huge inputs under a small heap: a postfix log of N GB, an mbox of M MB, a single line of L MB,
 * each analysed alone through {@link EvidenceAnalysis}; prints time, peak heap and what the user
 * is told. Run (the heap cap is the point):
 * <pre>
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat cp.txt) org.mailmedic.bench.HugeInputBench [logMB mboxMB lineMB]
 * </pre>
 * Defaults: 2048 200 50. Files go to a temp dir ({@code -Djava.io.tmpdir=/tmp/…}) that is deleted
 * afterwards.
 *
 * <p>Measured 27 Nov 2026, {@code -Xmx256m}, OpenJDK 17, on the shared 2-core box at load 20–40
 * (this process got 4–26 % of one core, so the wall times are 4–20× what an idle machine gives):
 * <table>
 * <caption>HugeInputBench, default sizes</caption>
 * <tr><th>input</th><th>time</th><th>peak heap</th><th>what the user is told</th></tr>
 * <tr><td>Postfix log, 2,048 MB, 17.7 million lines</td><td>48.0 s (42.7 MB/s)</td><td>116 MB</td>
 *     <td>read whole: Postfix (syslog), totals per destination</td></tr>
 * <tr><td>mbox, 200 MB, about 230,000 bounces</td><td>28.2 s</td><td>145 MB</td>
 *     <td>first 32 MB read, first 10,000 messages decoded: "the file holds more than 10,000 messages;
 *     only the first 10,000 were read" on each message (before this was said, only the 32 MB cut
 *     was mentioned, although the message cap had cut far more)</td></tr>
 * <tr><td>one line of 50 MB</td><td>6.2 s</td><td>34 MB</td>
 *     <td>"line 1 is longer than 64 KB (no line break): skipped"</td></tr>
 * </table>
 * The bounds: logs use a 1 MB block plus, from 8 MB on, four 4 MB pipeline batches; lines over
 * 64 KB are skipped; the aggregate grows with destinations and still-open messages, not with
 * the file. Bounce files are read up to {@code BounceReader.MAX_FILE_BYTES} (32 MB) and
 * {@code MAX_MESSAGES} (10,000) messages.
 */
public final class HugeInputBench {

    private HugeInputBench() {
    }

    public static void main(String[] args) throws Exception {
        long logMb = args.length > 0 ? Long.parseLong(args[0]) : 2048;
        long mboxMb = args.length > 1 ? Long.parseLong(args[1]) : 200;
        long lineMb = args.length > 2 ? Long.parseLong(args[2]) : 50;
        Path dir = Files.createTempDirectory("mailmedic-huge");
        System.out.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        try {
            run("postfix log " + logMb + " MB", postfixLog(dir.resolve("maillog"), logMb << 20));
            run("mbox " + mboxMb + " MB", mbox(dir.resolve("bounces.mbox"), mboxMb << 20));
            run("one line of " + lineMb + " MB", oneLine(dir.resolve("oneline.log"), lineMb << 20));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String what, Path file) throws IOException {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        EvidenceSet set = new EvidenceAnalysis(Clock.systemUTC()).analyze(List.of(file), p -> { }, () -> false);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long size = Files.size(file);
        EvidenceFile f = set.files().isEmpty() ? null : set.files().get(0);
        String told = f == null ? "no file" : f.kind() + (f.problem() == null || f.problem().isEmpty() ? "" : ": " + f.problem());
        System.out.printf("%-22s %6d MB  %7d ms  %6.1f MB/s  peak heap (sum of pool peaks) %4d MB  -> %s%n", what, size >> 20,
                ms, size / 1048576.0 / Math.max(ms, 1) * 1000, peak >> 20, told);
        for (BounceFileResult b : set.bounces()) {
            System.out.printf("    bounces: %,d messages decoded%s%s%n", b.messages().size(),
                    b.problem() == null ? "" : "; problem: " + b.problem(),
                    b.messages().isEmpty() || b.messages().get(0).note().isEmpty() ? ""
                            : "; note: " + b.messages().get(0).note());
        }
        if (set.logs() != null) {
            for (LogAnalysis.FileReport r : set.logs().files()) {
                System.out.printf("    log: %s, %,d lines, %,d mail lines, problems %s%n", r.format(), r.lines(), r.mailLines(),
                        r.problems());
            }
            System.out.printf("    totals: %s%n", set.logs().totals());
        }
    }

    private static Path postfixLog(Path p, long bytes) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.US_ASCII)) {
            long written = 0;
            for (long i = 0; written < bytes; i++) {
                String q = String.format("%010X", i);
                String day = String.format("Jun %2d %02d:%02d:%02d", 1 + (i / 2_000_000) % 28, (i / 80_000) % 24,
                        (i / 1000) % 60, i % 60);
                String s = day + " mail postfix/qmgr[99]: " + q + ": from=<a" + (i % 5000) + "@example.test>, size=1234, nrcpt=1 (queue active)\n"
                        + day + " mail postfix/smtp[1236]: " + q + ": to=<b" + (i % 7919) + "@example.org>, relay=mx.example.org[198.51.100.5]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn="
                        + (i % 10 == 0 ? "4.7.0, status=deferred (host mx.example.org[198.51.100.5] said: 421 4.7.0 Try again later)" : "2.0.0, status=sent (250 2.0.0 Ok)") + "\n"
                        + day + " mail postfix/qmgr[99]: " + q + ": removed\n";
                w.write(s);
                written += s.length();
            }
        }
        return p;
    }

    private static Path mbox(Path p, long bytes) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.US_ASCII)) {
            long written = 0;
            for (int i = 0; written < bytes; i++) {
                String s = "From MAILER-DAEMON Mon Jun  1 10:00:00 2026\n"
                        + "From: Mail Delivery System <MAILER-DAEMON@mx.example.test>\nTo: a@example.test\n"
                        + "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b" + i + "\"\n\n"
                        + "--b" + i + "\nContent-Type: text/plain\n\nI'm sorry to have to inform you that your message could not be delivered.\n"
                        + "<b" + i + "@example.org>: host mx.example.org said: 550 5.1.1 User unknown\n\n"
                        + "--b" + i + "\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.test\n\n"
                        + "Final-Recipient: rfc822; b" + i + "@example.org\nAction: failed\nStatus: 5.1.1\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n--b" + i + "--\n\n";
                w.write(s);
                written += s.length();
            }
        }
        return p;
    }

    private static Path oneLine(Path p, long bytes) throws IOException {
        byte[] chunk = "Jun  1 10:00:00 mail postfix/smtp[1]: ABC: to=<x@example.org>, status=sent ".repeat(1000)
                .getBytes(StandardCharsets.US_ASCII);
        try (OutputStream o = Files.newOutputStream(p)) {
            for (long n = 0; n < bytes; n += chunk.length) {
                o.write(chunk);
            }
            o.write('\n');
        }
        return p;
    }
}
