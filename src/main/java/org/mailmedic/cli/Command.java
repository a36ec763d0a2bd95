package org.mailmedic.cli;

import java.util.List;

/** One subcommand of {@code mailmedic}. Implementations never call {@code System.exit}. */
public interface Command {

    /** The word that selects it, e.g. {@code analyze}. */
    String name();

    /** One line of usage, shown by {@code --help}. */
    String usage();

    /**
     * Runs the command.
     *
     * @return {@link Cli#OK}, {@link Cli#BAD_INPUT} or {@link Cli#USAGE}
     * @throws UsageException for wrong arguments (reported with exit code 2)
     */
    int run(List<String> args, CliContext ctx) throws UsageException;
}
