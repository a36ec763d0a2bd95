package org.mailmedic.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.probe.smtp.Status;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The card's text model (no toolkit) and one headless rendering with the transcript opened. */
@ExtendWith(ApplicationExtension.class)
class SmtpHostCardTest {

    private static final TestPki PKI = new TestPki();
    private static SmtpFixture expired;
    private static SmtpCheckResult result;

    @BeforeAll
    static void runCheck() throws Exception {
        java.time.Instant to = java.time.Instant.now().minus(Duration.ofDays(3));
        expired = SmtpFixture.builder().starttls(PKI.leaf(to.minus(Duration.ofDays(90)), to, "mx.example.test")
                .serverContext()).start();
        LoopbackConnector c = new LoopbackConnector().route("127.0.0.2", 25, expired.port());
        SmtpOptions o = SmtpOptions.builder(new MemoryDns()).connector(c).resolver(c).trustStore(PKI.trustStore())
                .connectTimeout(Duration.ofSeconds(1)).replyTimeout(Duration.ofSeconds(5)).checkSubmission(false)
                .probeTlsVersions(false).build();
        result = new MailServerCheck().check("example.test", List.of(new MxHost("mx.example.test", 10,
                List.of("127.0.0.2"))), o, h -> { });
    }

    @AfterAll
    static void stop() {
        expired.close();
    }

    private SmtpHostCard card;

    @Start
    void start(Stage stage) {
        card = new SmtpHostCard(result.hosts().get(0), result.mtaSts());
        stage.setScene(new Scene(new ScrollPane(card.root()), 800, 600));
        stage.show();
    }

    @Test
    void modelHighlightsTheExpiredCertificate() {
        HostResult h = result.hosts().get(0);
        SmtpHostCard.Model m = SmtpHostCard.Model.of(h, result.mtaSts());
        assertThat(m.status()).isEqualTo(Status.FAIL);
        assertThat(m.title()).isEqualTo("mx.example.test  (MX 10)");
        SmtpHostCard.Section s = m.sections().get(0);
        assertThat(s.rows()).anyMatch(r -> r.label().equals("Greeting") && r.value().startsWith("220 ") && !r.problem());
        assertThat(s.rows()).anyMatch(r -> r.label().equals("STARTTLS") && r.value().equals("works"));
        assertThat(s.certificate()).anyMatch(r -> r.label().equals("Valid") && r.value().endsWith("(expired)")
                && r.problem());
        assertThat(s.certificate()).anyMatch(r -> r.label().equals("Names") && r.value().equals("DNS:mx.example.test")
                && !r.problem());
        assertThat(s.findings()).anyMatch(l -> l.headline().contains("expired on"));
        assertThat(s.transcript()).contains("=== port 25 (starttls) ===", "C: STARTTLS");
        assertThat(m.mtaSts().value()).contains("MTA-STS is not set up");
        assertThat(m.dane().value()).contains("DANE is not set up");
    }

    @Test
    void transcriptAppearsOnlyWhenAskedFor(FxRobot robot) {
        TitledPane pane = robot.lookup(".smtp-transcript").queryAs(TitledPane.class);
        TextArea text = (TextArea) pane.getContent();
        assertThat(pane.isExpanded()).isFalse();
        assertThat(text.getText()).isEmpty();
        robot.interact(() -> pane.setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text.getText()).contains("C: EHLO", "C: QUIT");
        assertThat(robot.lookup(".smtp-problem").queryAllAs(Label.class)).isNotEmpty();
    }

    @Test
    void mtaStsRowIsFilledInWhenTheDomainResultArrives(FxRobot robot) {
        SmtpHostCard streamed = new SmtpHostCard(result.hosts().get(0), null);
        assertThat(streamed.model().mtaSts().value()).isEqualTo("not known (yet)");
        robot.interact(() -> streamed.showMtaSts(result.mtaSts()));
        assertThat(robot.from(streamed.root()).lookup(".label").queryAllAs(Label.class))
                .anyMatch(l -> l.getText().contains("MTA-STS is not set up"));
    }
}
