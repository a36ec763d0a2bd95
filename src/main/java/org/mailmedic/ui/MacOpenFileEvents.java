package org.mailmedic.ui;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * macOS: Finder's "Open With > MailMedic" (and a file dropped on the Dock icon) does not start
 * the app with the file as an argument, as Linux and Windows do; it sends an open-documents
 * Apple event to the app, started or already running. This hands those files to the
 * {@link OpenFilesInbox}, which opens them in the window like the command line's.
 *
 * <p>JavaFX 21 has no public API for that event, and with JavaFX as the primary toolkit AWT
 * never sees it (JDK-8354631, fixed only in JavaFX 25 with a JDK change). So, as JavaFX apps do
 * on macOS, AWT's {@code Desktop.setOpenFileHandler} is installed BEFORE the JavaFX toolkit
 * starts: AWT then owns the application and receives the events, including the one that
 * launched the app, and JavaFX runs inside it. The price: JavaFX cannot use the macOS menu bar
 * then (JDK-8359108), so the window shows its menu bar itself, as on Linux and Windows.
 *
 * <p>Does nothing (and loads no AWT class) on any other OS, headless, or where the JDK does not
 * support the action. The AWT calls sit behind {@link DesktopHooks} so the decision and the
 * routing are tested on any OS.
 */
public final class MacOpenFileEvents {

    private MacOpenFileEvents() {
    }

    /** The two AWT calls used (java.awt.Desktop), apart so that tests can stand in for them. */
    interface DesktopHooks {
        /** Desktop.isDesktopSupported() and Desktop.Action.APP_OPEN_FILE is supported. */
        boolean supportsOpenFiles();

        /** Desktop.setOpenFileHandler, handing each event's files to {@code files}. */
        void setOpenFileHandler(Consumer<List<File>> files);
    }

    /** Installs the handler in this process if it is macOS with a display; true if it did. */
    public static boolean installForThisProcess(OpenFilesInbox inbox) {
        return install(System.getProperty("os.name", ""), java.awt.GraphicsEnvironment::isHeadless, AwtDesktop::new, inbox);
    }

    /**
     * The decision, in the order that keeps other systems free of AWT: the OS name first, then
     * (macOS only) headless, then whether the JDK supports the action.
     */
    static boolean install(String osName, BooleanSupplier headless, Supplier<DesktopHooks> desktop, OpenFilesInbox inbox) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("mac") || headless.getAsBoolean()) {
            return false;
        }
        DesktopHooks hooks = desktop.get();
        if (!hooks.supportsOpenFiles()) {
            return false;
        }
        hooks.setOpenFileHandler(inbox::offerFiles);
        return true;
    }

    /** The real thing. Loaded only on macOS. */
    private static final class AwtDesktop implements DesktopHooks {
        @Override
        public boolean supportsOpenFiles() {
            return java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.APP_OPEN_FILE);
        }

        @Override
        public void setOpenFileHandler(Consumer<List<File>> files) {
            java.awt.Desktop.getDesktop().setOpenFileHandler(e -> files.accept(e.getFiles()));
        }
    }
}
