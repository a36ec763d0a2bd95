package org.mailmedic.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * Composition root of the window: creates the one background executor and the main view.
 * With the system property {@code mailmedic.smokeTest=true} it exits 0 as soon as the main
 * window has been shown (used by the installer checks). Files to open from outside ("Open
 * with": the command line, macOS's open-file events) arrive through the {@link OpenFilesInbox}
 * and are added to the evidence once the window is shown.
 */
public final class App extends Application {

    private ExecutorService executor;

    @Override
    public void start(Stage stage) {
        executor = newExecutor();
        MainView main = new MainView(executor, stage);
        Scene scene = new Scene(main.root(), 1100, 720);
        scene.getStylesheets().add(App.class.getResource("/org/mailmedic/ui/mailmedic.css").toExternalForm());
        stage.setTitle("MailMedic");
        stage.setScene(scene);
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        if (Boolean.getBoolean("mailmedic.smokeTest")) {
            stage.setOnShown(e -> Platform.runLater(() -> {
                System.out.println("mailmedic: main window shown");
                Platform.exit();
            }));
        }
        // Title bar and task switcher sizes only. Decoding the 128 and 256 px PNGs (nine tenths
        // of the pixels) took a noticeable part of the start; the menu, dock and taskbar show the
        // installed icon (.desktop, .ico, .icns), not these.
        for (String size : new String[] {"16", "32", "48", "64"}) {
            var icon = App.class.getResourceAsStream("/org/mailmedic/ui/icons/mailmedic-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        }
        stage.show();
        // Files to open: from the command line (waiting since before the toolkit started) and,
        // on macOS, from Finder's open-file events, now and while the window is open.
        OpenFilesInbox.forThisProcess().attach(files -> {
            main.openWith(files);
            stage.toFront();
        }, Platform::runLater);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Daemon threads, so a running check never keeps a closed window's process alive. */
    public static ExecutorService newExecutor() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "mailmedic-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
