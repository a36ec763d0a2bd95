package org.mailmedic.ui.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class BounceCardViewTest {

    static final String BOUNCE = """
            From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
            To: office@example.com
            Subject: Undelivered Mail Returned to Sender
            Date: Fri, 27 Nov 2026 10:00:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/html; charset=utf-8

            <html><body><p>This is the mail system at host mail.example.com.</p>
            <p>&lt;bob@example.net&gt;: host mx.example.net[192.0.2.5] said: 550 5.1.1 &lt;bob@example.net&gt;:
            Recipient address rejected: User unknown (in reply to RCPT TO command)</p>
            <img src="http://tracker.example/pixel.gif"></body></html>
            --b1
            Content-Type: text/rfc822-headers

            From: office@example.com
            To: bob@example.net
            Subject: Spring offer
            Date: Thu, 26 Nov 2026 09:00:00 +0000

            --b1--
            """;

    static BounceFileResult result() {
        return new BounceReader().decode(Path.of("bob.eml"), BOUNCE.getBytes(StandardCharsets.UTF_8), false);
    }

    @Start
    void start(Stage stage) {
        BounceCardView view = new BounceCardView(result());
        stage.setScene(new Scene((javafx.scene.Parent) view.root(), 800, 600));
        stage.show();
    }

    @Test
    void viewModelPreparesOneCardPerRecipient() {
        BounceCardViewModel vm = new BounceCardViewModel(result());
        assertThat(vm.cards()).singleElement().satisfies(c -> {
            assertThat(c.who()).isEqualTo("bob@example.net");
            assertThat(c.headline()).isEqualTo("Mailbox does not exist");
            assertThat(c.permanence()).isEqualTo("Permanent");
            assertThat(c.codes()).startsWith("550 5.1.1 — Permanent failure");
            assertThat(c.original()).contains("Spring offer").contains("26 Nov 2026");
        });
        assertThat(vm.message()).isEqualTo("bob.eml: 1 recipient");
    }

    @Test
    void problemFileShowsItsMessage() {
        BounceFileResult empty = new BounceReader().decode(Path.of("x.eml"), "just words\n".getBytes(StandardCharsets.UTF_8), false);
        assertThat(new BounceCardViewModel(empty).message()).startsWith("x.eml: not an email:");
    }

    @Test
    void cardShowsWhoWhyAndTheRawDiagnostic(FxRobot robot) {
        assertThat(robot.lookup(".bounce-who").queryAs(Label.class).getText()).isEqualTo("bob@example.net");
        assertThat(robot.lookup(".bounce-plain").queryAs(Label.class).getText()).contains("does not exist");
        assertThat(robot.lookup(".bounce-diagnostic").queryAs(Label.class).getText()).contains("550 5.1.1");
        assertThat(robot.lookup(".bounce-original").queryAs(Label.class).getText()).contains("Spring offer");
    }

    @Test
    void sourceToggleShowsTheRawMessageAsText(FxRobot robot) {
        TextArea source = robot.lookup(".bounce-source").queryAs(TextArea.class);
        assertThat(source.isVisible()).isFalse();
        robot.clickOn("Show message source");
        assertThat(source.isVisible()).isTrue();
        assertThat(source.getText()).contains("<img src=\"http://tracker.example/pixel.gif\">");
        robot.clickOn("Hide message source");
        assertThat(source.isVisible()).isFalse();
    }
}
