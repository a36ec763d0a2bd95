package org.mailmedic.cli;

import java.io.PrintStream;
import java.time.Clock;

/** What a command may touch: its output streams and the clock (so tests control time). */
public record CliContext(PrintStream out, PrintStream err, Clock clock) {
}
