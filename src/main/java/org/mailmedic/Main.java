package org.mailmedic;

import org.mailmedic.cli.Cli;

/**
 * Entry point. With arguments MailMedic runs headless through {@link Cli}; without any it
 * opens the window, and so it does when every argument is an existing file ("Open with" from a
 * file manager), with those files as evidence. This class is deliberately not a JavaFX {@code Application}: from a plain
 * class path the JDK refuses to start a main class that extends it, and the command line must
 * never load the toolkit.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--smoke-test-window")) {
            // Installer check: open the main window, exit 0 once it is shown.
            System.setProperty("mailmedic.smokeTest", "true");
            args = new String[0];
        } else if (args.length > 0 && !openWith(args)) {
            System.exit(new Cli(System.out, System.err).run(args));
        }
        // From here on the window opens; any arguments are files to add to the evidence ("Open with").
        // Loaded by name so that the command-line path never touches a JavaFX class.
        try {
            Class<?> launcher = Class.forName("org.mailmedic.ui.Launcher");
            launcher.getMethod("launch", String[].class).invoke(null, (Object) args);
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("mailmedic: the window could not be opened: " + rootMessage(e));
            System.err.println("mailmedic: the command line still works; try `mailmedic --help`.");
            System.exit(1);
        }
    }

    /**
     * "Open with" from a file manager: every argument is an existing regular file and the first
     * is neither a subcommand nor a flag. Then the window opens with those files as evidence.
     */
    static boolean openWith(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")
                || new Cli(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                        new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).knows(args[0])) {
            return false;
        }
        for (String a : args) {
            try {
                if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(a))) {
                    return false;
                }
            } catch (java.nio.file.InvalidPathException e) {
                return false;
            }
        }
        return true;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
