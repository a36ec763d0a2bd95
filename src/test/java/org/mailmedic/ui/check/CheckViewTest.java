package org.mailmedic.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.ShopExampleZone;
import org.mailmedic.testing.dns.Zone;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;
import org.mailmedic.ui.App;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class CheckViewTest {

    private ExecutorService executor;
    private DnsTestServer dns;
    private CheckView view;
    private SmtpFixture smtpFixture;
    private static final TestPki PKI = new TestPki();

    @Start
    void start(Stage stage) throws Exception {
        executor = App.newExecutor();
        dns = DnsTestServer.start(ShopExampleZone.zone().fault("slow.example", Zone.Fault.NO_ANSWER));
        smtpFixture = SmtpFixture.builder().banner("220 mx.shop.example ESMTP Postfix").starttls(PKI.good("mx.shop.example").serverContext()).start();
        // The MX "8.8.4.4" is only a name here: every connection goes to the loopback fixture, nothing else is reachable.
        LoopbackConnector loop = new LoopbackConnector().host(ShopExampleZone.MX_HOST, ShopExampleZone.MX_ADDRESS)
                .route(ShopExampleZone.MX_ADDRESS, 25, smtpFixture.port());
        view = new CheckView(new CheckViewModel(executor, javafx.application.Platform::runLater, CheckViewModel::resolver,
                d -> SmtpOptions.builder(d).connector(loop).resolver(loop).trustStore(PKI.trustStore())
                        .checkSubmission(false).probeTlsVersions(false).checkDane(false)
                        .connectTimeout(Duration.ofSeconds(2)).replyTimeout(Duration.ofSeconds(5))));
        stage.setScene(new Scene((javafx.scene.Parent) view.root(), 1000, 700));
        stage.show();
    }

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        dns.close();
        smtpFixture.close();
    }

    @Test
    void rowsFillInAndTheSpfTraceOpensAsATree(FxRobot robot) throws Exception {
        robot.interact(() -> {
            robot.lookup("#checkDnsServer").queryTextInputControl().setText(dns.hostPort());
            robot.lookup("#checkSendingIp").queryTextInputControl().setText("8.8.4.4");
        });
        robot.clickOn("#checkDomain").write("shop.example");
        robot.clickOn("#checkButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !view.model().busyProperty().get()
                && view.model().rows().stream().allMatch(r -> r.result() != null));

        assertThat(view.model().rows()).hasSize(7);
        CheckViewModel.Row mx = view.model().rows().get(0);
        assertThat(mx.result().status()).isEqualTo(Status.PASS);
        TitledPane mxPane = robot.lookup("#row-mail-servers-mx-").queryAs(TitledPane.class);
        assertThat(mxPane.getText()).contains("1 mail server: mx.shop.example (10)");
        assertThat(((Label) mxPane.getGraphic()).getText()).isEqualTo("✔");

        TitledPane spf = robot.lookup("#row-spf").queryAs(TitledPane.class);
        assertThat(spf.getText()).contains("SPF for 8.8.4.4: pass");
        robot.clickOn(spf.lookup(".title"));
        WaitForAsyncUtils.waitForFxEvents();
        TreeView<?> tree = robot.lookup("#trace-spf").queryAs(TreeView.class);
        assertThat(tree.getRoot().getValue().toString()).startsWith("check_host(8.8.4.4, shop.example)").contains("pass");
        assertThat(tree.getRoot().getChildren()).anyMatch(i -> i.getValue().toString().startsWith("include:_spf.esp.example"));
        assertThat(robot.lookup("#checkStatus").queryAs(Label.class).getText()).startsWith("Checked shop.example")
                .contains("Mail servers: 1 checked");

        // The same check then talked to the MX (the loopback fixture) and shows its card.
        assertThat(view.model().smtpHosts()).singleElement().satisfies(h -> assertThat(h.name()).isEqualTo("mx.shop.example"));
        assertThat(view.model().lastSmtpProperty().get()).isNotNull();
        javafx.scene.Node card = robot.lookup("#smtp-card-mx-shop-example").query();
        assertThat(robot.from(card).lookup(".smtp-headline").queryAs(Label.class).getText()).isNotBlank();
        assertThat(robot.from(card).lookup((Label l) -> l.getText() != null && l.getText().startsWith("220 mx.shop.example"))
                .tryQuery()).isPresent();
        smtpFixture.assertPolite(false);
    }

    @Test
    void aDomainFilledInFromTheEvidenceIsOfferedInTheStatusLine(FxRobot robot) {
        robot.interact(() -> view.model().suggestDomain("harbourbooks.co.uk",
                "bounce-expired.eml (sender of the returned message)"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#checkDomainSource").queryAs(Label.class).getText())
                .startsWith("Filled in from bounce-expired.eml");
        assertThat(robot.lookup("#checkStatus").queryAs(Label.class).getText())
                .isEqualTo("Press Check to test harbourbooks.co.uk.");
        robot.interact(() -> robot.lookup("#checkDomain").queryTextInputControl().clear());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#checkStatus").queryAs(Label.class).getText())
                .isEqualTo("Type your domain and press Check.");
    }

    @Test
    void aBadSettingIsExplainedAndNothingRuns(FxRobot robot) {
        robot.interact(() -> {
            robot.lookup("#checkDnsServer").queryTextInputControl().setText("192.0.2.530");
            robot.lookup("#checkDomain").queryTextInputControl().setText("shop.example");
            robot.lookup("#checkButton").queryButton().fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#checkStatus").queryAs(Label.class).getText())
                .contains("DNS server setting", "not an IP address");
        assertThat(view.model().rows()).isEmpty();
    }

    @Test
    void cancelStopsACheckOfASilentServer(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            robot.lookup("#checkDnsServer").queryTextInputControl().setText(dns.hostPort());
            robot.lookup("#checkDomain").queryTextInputControl().setText("slow.example");
            robot.lookup("#checkButton").queryButton().fire();
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.model().busyProperty().get());
        assertThat(robot.lookup("#checkCancel").queryButton().isDisabled()).isFalse();
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#checkCancel").queryButton().fire()).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.model().busyProperty().get());
        assertThat(robot.lookup("#checkStatus").queryAs(Label.class).getText()).startsWith("Cancelled");
    }
}
