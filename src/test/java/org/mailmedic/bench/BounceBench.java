package org.mailmedic.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Bounce decoding throughput on one thread over the whole sisimai corpus
 * (src/test/resources/bounces/emails, read into memory first): one operation decodes one file,
 * cycling through the corpus, so ops/s = messages/s (two files hold two messages each).
 * Compare with tools/bench/sisimai-bench.pl run on the same files.
 *
 * <p>Run: {@code mvn -o -q test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt)
 * org.mailmedic.bench.BounceBench} (cp.txt from {@code mvn dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}).
 *
 * <p>Settings: the corpus exercises some 1,700 compiled methods, and C2 was still compiling them
 * 130 s into a run at load ~17 (-XX:+PrintCompilation; not measured on an idle machine); with the
 * former 3 x 2 s warm-up the measured iterations ran partly interpreted and at tier 3, hence
 * figures like 5,975 ± 4,782 ops/s. GC is not the cause (young pauses of ~1 ms every ~2 s, no
 * old collections), nor a pathological file (the slowest file, 65 KB, costs ~2 ms, and no
 * compiled method is deoptimised once warm). 30 s of warm-up and two forks take ~100 s.
 *
 * <p>Measured 2026-11-27 22:33 on the idle 2-core box (load 1.7-2.4), after the speed work and the
 * reason rules of that day: <b>9,530 ± 2,483 messages/s</b> on one thread. sisimai 4.25.15
 * (libsisimai-perl) on the same 2,365 files the same evening: 676 messages/s (3.43 s CPU), so
 * MailMedic is about 14x faster (goal: 5x, i.e. 6,000/s with the 1,200/s figure).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(2)
@Threads(1)
public class BounceBench {

    private final List<byte[]> emails = new ArrayList<>();
    private final BounceReader reader = new BounceReader();
    private int next;

    @Setup
    public void load() throws IOException, URISyntaxException {
        Path dir = Path.of(BounceBench.class.getResource("/bounces/emails").toURI());
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                emails.add(Files.readAllBytes(p));
            }
        }
    }

    @Benchmark
    public BounceFileResult decodeOneEmail() {
        byte[] e = emails.get(next);
        next = next + 1 == emails.size() ? 0 : next + 1;
        return reader.decode(Path.of("bench.eml"), e, false);
    }

    /**
     * With argument {@code cpu}: a plain loop timed by this thread's CPU time (the build machine is
     * shared, so wall-clock figures swing with other load; the sisimai script reports both too).
     * Without: the JMH run.
     */
    public static void main(String[] args) throws RunnerException, IOException, URISyntaxException {
        if (args.length > 0 && args[0].equals("cpu")) {
            BounceBench b = new BounceBench();
            b.load();
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
            for (int i = 0; i < b.emails.size() * 5; i++) {
                b.decodeOneEmail(); // warm-up
            }
            long wall0 = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            int n = rounds * b.emails.size();
            for (int i = 0; i < n; i++) {
                b.decodeOneEmail();
            }
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "mailmedic: %d messages in %.2f s wall = %.0f messages/s; "
                    + "%.2f s CPU = %.0f messages/s per CPU-second%n", n, wall, n / wall, cpu, n / cpu);
            return;
        }
        new Runner(new OptionsBuilder().include(BounceBench.class.getSimpleName()).build()).run();
    }
}
