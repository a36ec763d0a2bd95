package org.mailmedic.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.session.Settings;
import org.mailmedic.ui.App;
import org.mailmedic.ui.MainView;
import org.mailmedic.ui.TabSelection;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Edit > Preferences in the window: validation as you type, defaults restorable, applied to the next live check. */
@ExtendWith(ApplicationExtension.class)
class PreferencesDialogTest {

    @TempDir
    static Path config;

    private static String before;
    private ExecutorService executor;
    private MainView main;

    @BeforeAll
    static void ownConfigFolder() {
        before = System.getProperty(Settings.DIR_PROPERTY);
        System.setProperty(Settings.DIR_PROPERTY, config.toString());
    }

    @AfterAll
    static void restoreConfigFolder() {
        if (before == null) {
            System.clearProperty(Settings.DIR_PROPERTY);
        } else {
            System.setProperty(Settings.DIR_PROPERTY, before);
        }
    }

    @Start
    void start(Stage stage) {
        executor = App.newExecutor();
        main = new MainView(executor, stage);
        stage.setScene(new Scene(main.root(), 1000, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void preferencesAreCheckedAsTypedThenAppliedToTheNextLiveCheckAndKept(FxRobot robot) throws Exception {
        robot.clickOn("Edit");
        robot.clickOn("Preferences…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#preferences").tryQuery().isPresent());
        Node ok = robot.lookup("#prefOk").query();
        assertThat(ok.isDisabled()).isFalse();

        robot.clickOn("#prefResolver").write("192.0.2.53:99999");
        robot.clickOn("#prefHelo").write("mail");
        assertThat(text(robot, "#prefResolverError")).contains("port '99999'");
        assertThat(text(robot, "#prefHeloError")).contains("give the full name");
        assertThat(ok.isDisabled()).isTrue();

        robot.interact(() -> {
            robot.lookup("#prefResolver").queryTextInputControl().setText("127.0.0.1:5353");
            robot.lookup("#prefHelo").queryTextInputControl().setText("probe.example.com");
            robot.lookup("#prefDnsbls").queryAs(TextArea.class).setText("bl.example.net\nbad zone");
        });
        assertThat(text(robot, "#prefDnsblError")).isEqualTo("Line 2: 'bad zone' is not a domain name (it contains a space)");
        assertThat(ok.isDisabled()).isTrue();
        robot.clickOn("#prefDnsblDefaults");
        assertThat(robot.lookup("#prefDnsbls").queryAs(TextArea.class).getText()).contains("zen.spamhaus.org");
        assertThat(robot.lookup("#prefDnsblError").queryAs(Label.class).isVisible()).isFalse();
        robot.interact(() -> robot.lookup("#prefDnsbls").queryAs(TextArea.class).setText("bl.example.net\n"));
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);

        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.check().dnsServerProperty().get()).isEqualTo("127.0.0.1:5353");
        assertThat(main.check().heloNameProperty().get()).isEqualTo("probe.example.com");
        assertThat(main.check().dnsblsProperty().get()).containsExactly("bl.example.net");
        TabSelection.select(robot, main.root(), "checkTab");
        assertThat(robot.lookup("#checkDnsServer").queryTextInputControl().getText()).isEqualTo("127.0.0.1:5353");
        // The HELO name goes into the mail server checks' options.
        assertThat(main.check().smtpOptions(main.check().currentDns()).build().ehloName()).isEqualTo("probe.example.com");
        // Kept in the config folder (written in the background).
        Path file = config.resolve("settings.json");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(file)
                && Files.readString(file).contains("probe.example.com"));
        Settings kept = Settings.load(file).settings();
        assertThat(kept.dnsResolver()).isEqualTo("127.0.0.1:5353");
        assertThat(kept.dnsbls()).containsExactly("bl.example.net");
    }

    @Test
    void savedSessionsAppearUnderOpenRecent(FxRobot robot) throws Exception {
        assertThat(main.recentMenu().isDisable()).isTrue();
        Path saved = config.resolve("first.session.json");
        var t = WaitForAsyncUtils.asyncFx(() -> main.saveSession(saved)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, t::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.recentMenu().isDisable()).isFalse();
        MenuItem first = main.recentMenu().getItems().get(0);
        assertThat(first.getText()).contains("first.session.json");
        assertThat(first.getId()).isEqualTo("recent-0");
    }
}
