package org.mailmedic.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;
import org.mailmedic.engine.logs.LogGenerator;

/**
 * Throughput benchmark for the log analyzer, side by side with pflogsumm (Debian package
 * {@code pflogsumm}) on the same synthetic Postfix log. Not a unit test. Run (from the project):
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat target/cp.txt) org.mailmedic.bench.LogBench [MB] [runs] [pflogsumm MB]
 * </pre>
 *
 * Generates {@code MB} (default 1024) of Postfix log with {@link LogGenerator} in a temporary
 * directory (or reads the log named instead of {@code MB}, e.g. one written by {@code LogGenerator}'s
 * main, so that several runs and other tools see the same file), analyses it {@code runs} times (default 3; the first warms the JIT up), reports
 * MB/s by wall clock and by the analysing thread's CPU time (the fair figure on a shared machine),
 * the peak heap after GC, then times {@code pflogsumm} on the first {@code pflogsumm MB}
 * (default 200) of the same log, and deletes everything it wrote.
 *
 * <p>Measured 2026-11-27 on the 2-core build box while it was shared (load average ~20, so wall
 * clocks were 5-10x slower than CPU time; compare CPU): 1 GiB, 8.6 M lines, 1.17 M messages;
 * warm runs: aggregating thread 3.9 s CPU (276 MB/s), reader thread about 1.5 s, whole process
 * 5.8 s CPU including GC and JIT; peak heap 103-197 MB under -Xmx256m; delivered count equal to
 * the generator's truth, throttle limit 49 inferred. pflogsumm 1.1.5 on a 100 MB slice: 16.7 s
 * CPU (6 MB per CPU-second); the same slice through {@code mailmedic analyze --json}, JVM start
 * and the sniffer's SHA-256 included: 6.7 s CPU, same delivered/deferred/bounced totals.
 *
 * <p>Measured 2026-11-27 21:32 UTC, SHA-256 now computed on the reader thread in the analysing pass,
 * box shared (load average 31-44 on 2 cores: wall clocks say little, compare CPU): the same 1 GiB
 * log (8.6 M lines) read 3 times in one JVM: cold run aggregating thread 6.6 s CPU (162 MB/s), whole
 * process 15.6 s CPU; warm runs 4.8 / 3.9 s (222 / 274 MB/s), whole process 10.4 / 6.7 s CPU; peak
 * heap 94-125 MB of 256. End to end, {@code time java -Xmx256m -jar mailmedic.jar analyze BIG.log
 * --json} (JVM start, sniffing, diagnosis, 14.8 MB of JSON): 22.6 s user + 1.3 s sys, 91.6 s wall at
 * load 32-34 (before this change, with the sniffer's separate full SHA-256 pass: 21.6 + 1.2 s, 91.1 s
 * wall; a second pair at load 18-25: 25.6 + 1.4 s, 65 s wall now against 23.0 + 1.6 s, 54 s before —
 * no gain measurable on this busy box, the noise is larger than the 1.2 s CPU the separate SHA-256
 * pass costs, which now runs on the reader thread beside the aggregation);
 * heap peak 210 MB before a GC. pflogsumm 1.1.5 on the same whole file: 163.8 s user + 3.9 s sys,
 * 28 min 54 s wall at load 19-36 (6.4 MB per CPU-second): mailmedic end to end is 7x less CPU.
 *
 * <p>Measured 2026-11-27 on the idle box (load 1.4-1.8), same generated 1 GiB log, side by side in
 * one run. Before the day's log changes (20:45, SHA-256 not computed by the analysis): cold 165 MB/s
 * wall, warm 268 / 292 MB/s wall (aggregating thread 300 / 312 MB/s CPU). After them (22:39, SHA-256
 * of the file computed on the reader thread, TLS forms, CSV records): cold 138 MB/s wall (7.8 s),
 * warm 222 / 230 MB/s wall (4.8 / 4.7 s; aggregating thread 264 / 242 MB/s CPU, whole process
 * 8.3 / 7.6 s CPU); peak heap 98-197 MB of 256. pflogsumm on the first 200 MB of the same log:
 * 7.5-8.2 MB/s wall. MailMedic reads this log 17-18x (cold) and 27-39x (warm) faster than pflogsumm.
 *
 * <p>Measured 2026-11-28 01:40 on the idle box (load 0.8-1.9), after the reply-meaning cache, the
 * reader thread dropping lines the Postfix parser ignores, DaySeries and the masked ring; the log
 * generated anew (the generator now writes starttls= session summaries): 1,073,742,309 bytes,
 * 8,554,508 lines, 1,157,342 messages, 1,390,597 recipients. Three JVMs, 3, 3 and 5 runs: cold
 * 174 / 141 / 144 MB/s wall; warm 240, 271 / 183, 239 / 203, 302, 237, 234 MB/s wall (aggregating
 * thread 3.2-4.4 s CPU, reader thread with the SHA-256 2.9-3.2 s CPU, whole process 6.5-8.4 s
 * CPU); GC 130-180 ms a run; peak heap 97-125 MB of 256. pflogsumm on the first 200 MB: 7.2 MB/s
 * wall. So MailMedic reads it 20-24x (cold) and 25-42x (warm) faster than pflogsumm; the warm
 * median is 237 MB/s. End to end, {@code java -Xmx256m -jar mailmedic.jar analyze BIG.log --json}
 * (JVM start, sniffing, analysis, diagnosis, 8.8 MB of JSON with 5 findings): 10.7 s wall,
 * 19.6 s user CPU, 341 MB RSS. A fourth JVM (01:53, after the sender-domain count): cold
 * 204 MB/s, warm 235 / 228 / 240 MB/s.
 *
 * <p>Measured 2026-11-28 02:40-03:55 on the idle box, same log, after the reader moved to a
 * FileChannel with its own direct buffer, the syslog timestamp cache, the DomainIndex, the
 * per-kind Postfix methods and the JIT-friendlier sentinels. The host's speed drifts by 20-40%
 * from minute to minute, so old and new code ran interleaved (a worktree of the session's first
 * commit, d20788e), 3 JVMs per round, 3 runs per JVM. Over all rounds (24 later runs and 12 first
 * runs each): new later runs 207-366 MB/s, median 250 (old 172-427, median 243); new first runs
 * 146-226, median 166 (old 123-221, median 162). Paired within a round the new code was ahead in
 * nearly every pair, by about 10% in later runs and 15% in first runs; in the host's fast phase
 * its later runs gave 257-366, in its slow phase 207-255. Per GB in later runs: aggregating
 * thread 2.6-4.3 s CPU, reader thread with the SHA-256 2.4-3.3 s, whole process 5.7-9.3 s. The
 * first run spends 3-5 s more CPU, nearly all in the C2 compiler (JFR jdk.Compilation: 4.0 s, 3.0
 * s of it for our code, down from 4.9-6.6 s). Side by side with pflogsumm in one JVM: 209 / 315 /
 * 354 MB/s against pflogsumm's 10.0 MB/s on the first 200 MB in a fast phase, 155 / 210 / 233
 * against 6.9 MB/s in a slow one (22-35x); peak heap 95-125 MB of 256. End to end, {@code java
 * -Xmx256m -jar mailmedic.jar analyze BIG.log --json}: 8.9 and 7.1 s wall, 16.2 and 12.8 s user
 * CPU, 345-353 MB RSS, same 8.8 MB of JSON as before. The GC made no difference beyond the noise
 * (Serial, Parallel, G1). A cache of recurring texts (clients, senders) cut allocation by a fifth
 * but cost more CPU than it saved, and was reverted.
 *
 * <p>Measured 2026-11-28 04:50-05:25 on the idle box, same log, after the character-class table and
 * three-byte pattern search, the queue id found once on the reader thread, the batch fields kept
 * side by side with one fill() call per batch, the reply meanings cached by masked text (16,384
 * of them), the cheaper evidence cut and normalise() over a char[]. Interleaved with the previous
 * session's last commit (8ea2627), 4 rounds of 3 runs per JVM plus 6 rounds of single first runs:
 * new later runs 268-395 MB/s, median 298 (old 217-304, median 256); new first runs 161-213, median
 * 188 (old 151-210, median 177). Per GB in later runs: aggregating thread 2.3-3.0 s CPU (old
 * 3.2-4.0), reader thread with the SHA-256 2.2-2.4 s (old 2.7-3.1), whole process 5.1-7.4 s. A
 * first run spends 9.8-12.8 s of CPU, 4-5 s of it in the JIT compilers (C2 3.7 s for our code;
 * PostfixParser.delivery with all it inlines is 0.55 s of it). Side by side with pflogsumm in one
 * JVM: 182 / 275 / 355 MB/s against pflogsumm's 7.9 MB/s on the first 200 MB (23-45x); peak heap
 * 122-138 MB of 256. End to end, {@code java -Xmx256m -jar mailmedic.jar analyze BIG.log --json}:
 * 9.4-9.7 s wall, 17.4-18.0 s user CPU (the host was in a slow phase: in alternating java -cp runs
 * the old code took 9.6-9.8 s and the new 8.8-9.3 s), same 8.8 MB of JSON.
 */
public final class LogBench {

    private LogBench() {
    }

    public static void main(String[] args) throws Exception {
        // The first argument is a size in MB to generate, or an existing log (generated before with
        // LogGenerator's main) to read as it is: then the truth is unknown ("-").
        Path given = args.length > 0 && !args[0].matches("\\d+") ? Path.of(args[0]) : null;
        long mb = given != null ? 0 : args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long pfMb = args.length > 2 ? Long.parseLong(args[2]) : 200;
        Path dir = Files.createTempDirectory("mailmedic-bench");
        Path log = given != null ? given : dir.resolve("maillog");
        try {
            LogGenerator.Summary s = null;
            if (given == null) {
                long g0 = System.nanoTime();
                s = LogGenerator.write(log, mb << 20, LogGenerator.Config.defaults());
                System.out.printf("generated %,d bytes, %,d lines, %,d messages in %.1f s (%s)%n", s.bytes(),
                        s.lines(), s.messages(), (System.nanoTime() - g0) / 1e9, s);
            }
            System.out.printf("load average before: %s%n", loadAverage());
            long size = Files.size(log);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            LogAnalyzer analyzer = new LogAnalyzer(LogAnalyzer.Options.fixed(ZoneOffset.UTC,
                    Instant.parse("2026-12-31T00:00:00Z")));
            for (int i = 0; i < runs; i++) {
                System.gc();
                long proc0 = processCpu();
                long cpu0 = threads.getCurrentThreadCpuTime();
                ReaderWatch watch = new ReaderWatch(threads);
                watch.start();
                long t0 = System.nanoTime();
                LogAnalysis a = analyzer.analyze(List.of(log), null, null);
                long wall = System.nanoTime() - t0;
                watch.interrupt();
                watch.join();
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long proc = processCpu() - proc0;
                System.out.printf("run %d: %.2f s wall = %.0f MB/s; aggregating thread %.2f s CPU = %.0f MB/s; "
                                + "reader thread >= %.2f s CPU; "
                                + "whole process %.2f s CPU = %.0f MB/s (reader thread with SHA-256, GC, JIT included); "
                                + "delivered %,d (truth %s), throttle limit %s, peak heap used %d MB of max %d MB, "
                                + "GC %d ms so far; load average %s%n", i + 1,
                        wall / 1e9, size / 1e6 / (wall / 1e9), cpu / 1e9, size / 1e6 / (cpu / 1e9), watch.cpu / 1e9,
                        proc / 1e9,
                        size / 1e6 / (proc / 1e9), a.totals().delivered(),
                        s == null ? "-" : String.format("%,d", s.delivered()),
                        a.throttles().isEmpty() ? "-" : a.throttles().get(0).inferredDailyLimit(),
                        peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20, gcMillis(), loadAverage());
            }
            if (pfMb <= 0) {
                return;
            }
            Path slice = dir.resolve("maillog.slice");
            copyHead(log, slice, Math.min(size, pfMb << 20));
            long sliceSize = Files.size(slice);
            ProcessBuilder pb = new ProcessBuilder("pflogsumm", "--problems-first", slice.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("pflogsumm.out").toFile());
            long p0 = System.nanoTime();
            try {
                Process p = pb.start();
                if (!p.waitFor(30, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    System.out.println("pflogsumm: gave up after 30 min");
                } else {
                    double secs = (System.nanoTime() - p0) / 1e9;
                    System.out.printf("pflogsumm on %,d bytes: %.2f s wall = %.1f MB/s (exit %d)%n", sliceSize, secs,
                            sliceSize / 1e6 / secs, p.exitValue());
                }
            } catch (IOException e) {
                System.out.println("pflogsumm not available: " + e.getMessage() + " (apt-get install -y pflogsumm)");
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Samples the CPU time of the pipeline's reader thread every 20 ms while a run lasts (a thread's
     * CPU time cannot be read once it has ended): the last sample, a lower bound by at most 20 ms.
     */
    private static final class ReaderWatch extends Thread {
        private final ThreadMXBean threads;
        volatile long cpu;

        ReaderWatch(ThreadMXBean threads) {
            super("bench-reader-watch");
            this.threads = threads;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().equals("mailmedic-log-reader")) {
                        long c = threads.getThreadCpuTime(t.getId());
                        if (c > cpu) {
                            cpu = c;
                        }
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void copyHead(Path from, Path to, long bytes) throws IOException {
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[1 << 20];
            long left = bytes;
            int r;
            while (left > 0 && (r = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                out.write(buf, 0, r);
                left -= r;
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
                pool.resetPeakUsage();
            }
        }
        return peak >> 20;
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += gc.getCollectionTime();
        }
        return t;
    }
}
