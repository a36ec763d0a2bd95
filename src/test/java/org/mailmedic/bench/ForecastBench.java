package org.mailmedic.bench;

import java.util.concurrent.TimeUnit;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.forecast.ForecastInput;
import org.mailmedic.engine.forecast.QueueForecaster;
import org.mailmedic.engine.forecast.RetryPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The speed target: 30 days at 10,000 messages a day, in milliseconds per forecast.
 * {@code limit} sets how throttled the destination is: 20,000 a day never defers; 5,000 a day
 * keeps about 17,000 messages queued and retried every 70 minutes (Postfix) — the expensive case.
 * {@code scenarios=false} is one simulation (what a slider drag recomputes); true adds the two
 * default fixes (three simulations).
 *
 * <p>Run: {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.mailmedic.bench.ForecastBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForecastBench {

    @Param({"20000", "5000"})
    public int limit;

    @Param({"postfix", "sendmail", "exim", "exchange", "exchange-online"})
    public String policy;

    @Param({"false"})
    public boolean scenarios;

    private ForecastInput input;

    @Setup
    public void setUp() {
        input = ForecastInput.builder().arrivalsPerDay(10_000).limit(limit)
                .policy(RetryPolicy.forMta(policy).orElseThrow()).horizonDays(30).build();
    }

    @Benchmark
    public Forecast thirtyDaysAt10000ADay() {
        return QueueForecaster.forecast(input, scenarios);
    }

    /**
     * Without arguments runs the JMH benchmark. With {@code cpu} it measures the CPU time of the
     * benchmark thread per simulation instead: on a shared, overloaded machine wall-clock times
     * mostly measure the wait for a core.
     */
    public static void main(String[] args) throws RunnerException {
        if (args.length > 0 && args[0].equals("cpu")) {
            cpuTimes();
            return;
        }
        new Runner(new OptionsBuilder().include(ForecastBench.class.getSimpleName()).build()).run();
    }

    private static void cpuTimes() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (RetryPolicy policy : RetryPolicy.all()) {
            for (int limit : new int[] {20_000, 5_000, 1_000}) {
                ForecastInput in = ForecastInput.builder().arrivalsPerDay(10_000).limit(limit).policy(policy)
                        .horizonDays(30).build();
                for (int i = 0; i < 10; i++) {
                    QueueForecaster.forecast(in, false);
                }
                int n = 20;
                long cpu = mx.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                Forecast f = null;
                for (int i = 0; i < n; i++) {
                    f = QueueForecaster.forecast(in, false);
                }
                System.out.printf(java.util.Locale.ROOT, "%-16s limit %,6d/day: %6.1f ms CPU, %6.1f ms wall per simulation"
                        + " (%,d tries; %s)%n", policy.id(), limit, (mx.getCurrentThreadCpuTime() - cpu) / 1e6 / n,
                        (System.nanoTime() - wall) / 1e6 / n, f.attempts(), f.verdict());
            }
        }
    }
}
