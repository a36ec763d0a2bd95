package org.mailmedic.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where files to open in the window arrive from outside: the command line ("Open with" on Linux
 * and Windows, see {@code org.mailmedic.Main}) and macOS's open-file Apple event ("Open With" in
 * Finder, also while MailMedic runs: {@link MacOpenFileEvents}). Files that arrive before the
 * window exists wait here; once the window {@link #attach attaches}, they and every later batch
 * go to it, in the order they came, through the executor it gives (the FX thread's
 * {@code Platform::runLater}), whatever thread offers them.
 *
 * <p>Free of JavaFX, so it is tested without the toolkit. It reads file attributes (is this a
 * regular file?), so {@link #offer} is never called on the FX thread: the command line is read
 * before the toolkit starts and Apple events come on AWT's thread.
 */
public final class OpenFilesInbox {

    private static final OpenFilesInbox PROCESS = new OpenFilesInbox();

    private final List<Path> pending = new ArrayList<>();
    private Consumer<List<Path>> window;
    private Executor windowThread;

    /** The one inbox of this process: filled by {@link Launcher}, emptied into the window by {@link App}. */
    public static OpenFilesInbox forThisProcess() {
        return PROCESS;
    }

    /**
     * Adds files to open: those that are regular files, as absolute paths; anything else (a
     * folder, a name that is gone or not a path) is left out. An empty result is ignored.
     */
    public void offer(Collection<Path> files) {
        List<Path> usable = new ArrayList<>();
        for (Path p : files) {
            if (p != null && Files.isRegularFile(p)) {
                usable.add(p.toAbsolutePath());
            }
        }
        if (usable.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (window == null) {
                pending.addAll(usable);
            } else {
                deliver(List.copyOf(usable));
            }
        }
    }

    /** {@link #offer} for file names (command-line arguments). */
    public void offerNames(Collection<String> names) {
        List<Path> paths = new ArrayList<>();
        for (String n : names) {
            try {
                paths.add(Path.of(n));
            } catch (InvalidPathException e) {
                // not a file name: left out
            }
        }
        offer(paths);
    }

    /** {@link #offer} for the files of an AWT open-files event. */
    public void offerFiles(Collection<File> files) {
        List<Path> paths = new ArrayList<>();
        for (File f : files) {
            try {
                paths.add(f.toPath());
            } catch (InvalidPathException e) {
                // not a file name: left out
            }
        }
        offer(paths);
    }

    /**
     * From now on files go to {@code window}, run by {@code windowThread}; what waited is handed
     * over first, as one batch. Attaching again (a new window) replaces the previous one.
     */
    public synchronized void attach(Consumer<List<Path>> window, Executor windowThread) {
        this.window = Objects.requireNonNull(window);
        this.windowThread = Objects.requireNonNull(windowThread);
        if (!pending.isEmpty()) {
            List<Path> waited = List.copyOf(pending);
            pending.clear();
            deliver(waited);
        }
    }

    /** Files waiting for a window (a copy). */
    public synchronized List<Path> pending() {
        return List.copyOf(pending);
    }

    /**
     * Hands a batch to the window's executor. Called with the lock held, so batches reach the
     * executor in the order they arrived (Platform.runLater only queues: it never blocks).
     */
    private void deliver(List<Path> batch) {
        Consumer<List<Path>> target = window;
        windowThread.execute(() -> target.accept(batch));
    }
}
