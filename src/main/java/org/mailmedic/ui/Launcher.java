package org.mailmedic.ui;

import java.util.List;
import javafx.application.Application;

/** Called by {@code Main} (by name, so the command line never loads JavaFX). */
public final class Launcher {

    private Launcher() {
    }

    /**
     * Opens the window. {@code args} are files to open in it ("Open with" on Linux and Windows;
     * Main passes only existing files): they wait in the {@link OpenFilesInbox}, read here on the
     * main thread rather than on the FX thread. On macOS the open-file Apple event is hooked up
     * first, before the toolkit starts ({@link MacOpenFileEvents}).
     */
    public static void launch(String[] args) {
        OpenFilesInbox inbox = OpenFilesInbox.forThisProcess();
        inbox.offerNames(List.of(args));
        boolean awtFirst = MacOpenFileEvents.installForThisProcess(inbox);
        Application.launch(App.class);
        if (awtFirst) {
            // The window is closed and App.stop has run. AWT, started first, owns the macOS
            // application and would keep the process alive without a window.
            System.exit(0);
        }
    }
}
