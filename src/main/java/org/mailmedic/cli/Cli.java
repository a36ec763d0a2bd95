package org.mailmedic.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.mailmedic.engine.Version;

/**
 * The headless entry point: {@code mailmedic SUBCOMMAND ...}. It never loads JavaFX.
 * Exit codes: {@link #OK} ran (whatever it found), {@link #BAD_INPUT} bad input (a clear message
 * on stderr, nothing half-written), {@link #USAGE} wrong arguments.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int BAD_INPUT = 1;
    public static final int USAGE = 2;

    private final CliContext ctx;
    private final List<Command> commands;

    public Cli(PrintStream out, PrintStream err) {
        this(new CliContext(out, err, Clock.systemUTC()));
    }

    public Cli(CliContext ctx) {
        this.ctx = ctx;
        // Explicit, ordered registry: the order is the order of --help.
        this.commands = List.of(
                new AnalyzeCommand(),
                new CheckCommand(),
                new SpfCommand(),
                new ForecastCommand(),
                new ReportCommand());
    }

    /** True when {@code name} is one of the subcommands (or a help/version word). */
    public boolean knows(String name) {
        return name.equals("help") || commands.stream().anyMatch(c -> c.name().equals(name));
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            ctx.out().print(help());
            return args.length == 0 ? USAGE : OK;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            ctx.out().println("MailMedic " + Version.get());
            return OK;
        }
        for (Command c : commands) {
            if (c.name().equals(args[0])) {
                List<String> rest = Arrays.asList(args).subList(1, args.length);
                if (rest.contains("--help") || rest.contains("-h")) {
                    ctx.out().println("usage: mailmedic " + c.usage());
                    return OK;
                }
                try {
                    return c.run(rest, ctx);
                } catch (UsageException e) {
                    ctx.err().println("mailmedic " + c.name() + ": " + e.getMessage());
                    ctx.err().println("usage: mailmedic " + c.usage());
                    return USAGE;
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    // A bug of ours (or a file far beyond what fits in memory), not a fault in the
                    // user's input: say so plainly, without a stack trace.
                    ctx.err().println("mailmedic " + c.name() + ": internal error (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it");
                    return BAD_INPUT;
                }
            }
        }
        ctx.err().println("mailmedic: unknown command '" + args[0] + "'");
        ctx.err().print(help());
        return USAGE;
    }

    String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("MailMedic ").append(Version.get())
                .append(" — finds out why email is failing and how to fix it.\n\n")
                .append("usage: mailmedic                 (no arguments: open the window)\n");
        for (Command c : commands) {
            sb.append("       mailmedic ").append(c.usage()).append('\n');
        }
        sb.append("       mailmedic --version | --help\n\n")
                .append("Exit codes: 0 ran (whatever it found), 1 bad input, 2 usage.\n")
                .append("--json prints one JSON document on standard output.\n");
        return sb.toString();
    }
}
