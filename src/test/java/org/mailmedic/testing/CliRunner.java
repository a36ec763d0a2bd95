package org.mailmedic.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.mailmedic.cli.Cli;
import org.mailmedic.cli.CliContext;

/**
 * Runs the command line in-process through its real entry point ({@link Cli#run}) and captures
 * what a user would see: stdout, stderr and the exit code, each run on fresh buffers. The clock
 * is fixed so that dates in reports do not depend on when the test runs.
 */
public final class CliRunner {

    /** 2026-11-27 10:00 UTC, the date the tests' expected outputs were written for. */
    public static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    /**
     * One run.
     *
     * @param exitCode what {@link Cli#run} returned ({@link Cli#OK}, {@link Cli#BAD_INPUT}, {@link Cli#USAGE})
     * @param out      everything printed on stdout (UTF-8)
     * @param err      everything printed on stderr (UTF-8)
     * @param millis   wall time of the run
     */
    public record Result(int exitCode, String out, String err, long millis) {
    }

    private final Clock clock;

    public CliRunner(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** A runner on {@link #FIXED_CLOCK}. */
    public CliRunner() {
        this(FIXED_CLOCK);
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int rc = new Cli(new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock)).run(args);
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - t0) / 1_000_000);
    }

    public Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }
}
