package org.mailmedic.cli;

import java.util.List;

/** A subcommand of the contract whose capability has not landed yet: says so, exit code 2. */
final class NotYetCommand implements Command {

    private final String name;
    private final String usage;
    private final String what;

    NotYetCommand(String name, String usage, String what) {
        this.name = name;
        this.usage = usage;
        this.what = what;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String usage() {
        return usage;
    }

    @Override
    public int run(List<String> args, CliContext ctx) {
        ctx.err().println("mailmedic " + name + ": not available yet (" + what + " is still being built)");
        return Cli.USAGE;
    }
}
