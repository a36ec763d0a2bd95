package org.mailmedic.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Composition root of the window: creates the one background executor and the main view.
 * With the system property {@code mailmedic.smokeTest=true} it exits 0 as soon as the main
 * window has been shown (used by the installer checks).
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
        stage.show();
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
