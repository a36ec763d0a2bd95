package org.mailmedic.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.ui.App;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xbill.DNS.Type;

/**
 * Where the user sees it, in the window: the Live check screen run against faulting loopback
 * fixtures (a DNS server that sends unreadable answers, SERVFAIL, REFUSED and a CNAME loop; a
 * mail server that hangs or says nothing). The rows and the mail server card must read as plain
 * messages naming the lookup or host, with no stack trace anywhere on screen; the FX thread must
 * answer a {@code Platform.runLater} round trip quickly all the while; Cancel must stop it.
 */
@ExtendWith(ApplicationExtension.class)
class CheckViewFaultsTest {

    private static final String ZONE = """
            shop.example. MX 10 mx.shop.example.
            mx.shop.example. A 8.8.4.4
            4.4.8.8.in-addr.arpa. PTR mx.shop.example.
            shop.example. TXT "v=spf1 mx -all"
            _dmarc.shop.example. TXT "v=DMARC1; p=reject"
            _mta-sts.shop.example. TXT "v=STSv1; id=1"
            default._domainkey.shop.example. CNAME loop.shop.example.
            loop.shop.example. CNAME default._domainkey.shop.example.
            warm.example. MX 10 mx.warm.example.
            mx.warm.example. A 8.8.4.5
            """;
    /**
     * A round trip through the FX queue that takes longer than this means the FX thread waited on
     * the check. Generous for a loaded 2-core box (the load average reached 45 here), yet far below
     * the hangs the checks below sit through (8 s, 20 s): a thread that waited would show it.
     */
    private static final long RESPONSIVE_MS = 1000;

    private Stage stage;
    private ExecutorService executor;
    private DnsTestServer dns;
    private SmtpFixture smtp;
    private CheckView view;

    @Start
    void start(Stage s) {
        this.stage = s;
        this.executor = App.newExecutor();
    }

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        if (dns != null) {
            dns.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    /** Shows the screen with the DNS fixture and an SMTP fixture for mx.shop.example (8.8.4.4 routed to loopback). */
    private void show(FxRobot robot, Zone zone, SmtpFixture.Builder server, Duration reply, Duration hostDeadline)
            throws Exception {
        dns = DnsTestServer.start(zone);
        smtp = server.start();
        LoopbackConnector loop = new LoopbackConnector().host("mx.shop.example", "8.8.4.4")
                .route("8.8.4.4", 25, smtp.port());
        UnaryOperator<SmtpOptions.Builder> opts = b -> b.connector(loop).resolver(loop).checkSubmission(false)
                .probeTlsVersions(false).checkMtaSts(false).checkDane(true).connectTimeout(Duration.ofSeconds(2))
                .replyTimeout(reply).hostDeadline(hostDeadline);
        view = new CheckView(new CheckViewModel(executor, Platform::runLater, CheckViewModel::resolver,
                d -> opts.apply(SmtpOptions.builder(d))));
        robot.interact(() -> {
            stage.setScene(new Scene((Parent) view.root(), 1000, 700));
            stage.show();
            robot.lookup("#checkDnsServer").queryTextInputControl().setText(dns.hostPort());
            robot.lookup("#checkDkimSelector").tryQuery().ifPresent(n -> ((javafx.scene.control.TextInputControl) n)
                    .setText("default"));
            robot.lookup("#checkDomain").queryTextInputControl().setText("warm.example");
        });
        // A first check (its mail server refuses at once) loads the row, card and list classes and
        // their CSS: seconds of first-use cost on a loaded box, which is not what is measured below.
        fire(robot, "#checkButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !view.model().busyProperty().get()
                && view.model().lastSmtpProperty().get() != null);
        robot.interact(() -> robot.lookup("#checkDomain").queryTextInputControl().setText("shop.example"));
    }

    /** Round trips through the FX queue, measured from a plain thread until closed. */
    private static final class FxPinger implements AutoCloseable {
        /** One round trip: when it was sent (nanoTime) and how long it took (ms). */
        record Ping(long sentNanos, long ms) {
        }

        final List<Ping> pings = new CopyOnWriteArrayList<>();
        final AtomicBoolean done = new AtomicBoolean();
        final Thread thread = new Thread(() -> {
            while (!done.get()) {
                CountDownLatch l = new CountDownLatch(1);
                long t0 = System.nanoTime();
                Platform.runLater(l::countDown);
                try {
                    boolean ok = l.await(10, TimeUnit.SECONDS);
                    pings.add(new Ping(t0, ok ? (System.nanoTime() - t0) / 1_000_000 : 10_000L));
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-pinger");

        FxPinger() {
            thread.setDaemon(true);
            thread.start();
        }

        /** The round trips sent between the two instants (nanoTime). */
        List<Long> between(long fromNanos, long toNanos) {
            return pings.stream().filter(p -> p.sentNanos() >= fromNanos && p.sentNanos() <= toNanos).map(Ping::ms).toList();
        }

        /**
         * Waits (at most {@code maxMs}) until the last three round trips, all sent after {@code sinceNanos},
         * were quick: the screen has drawn what arrived. A thread blocked on the network never gets there.
         */
        void awaitIdle(long sinceNanos, long maxMs) throws Exception {
            WaitForAsyncUtils.waitFor(maxMs, TimeUnit.MILLISECONDS, () -> {
                List<Ping> recent = pings.stream().filter(p -> p.sentNanos() >= sinceNanos).toList();
                return recent.size() >= 3 && recent.subList(recent.size() - 3, recent.size()).stream()
                        .allMatch(p -> p.ms() < 100);
            });
        }

        List<Long> all() {
            return pings.stream().map(Ping::ms).toList();
        }

        @Override
        public void close() throws InterruptedException {
            done.set(true);
            thread.join(15_000);
        }
    }

    /**
     * While the check sits waiting on the network, every FX round trip must be quick. (Building
     * the rows and cards when results arrive is FX work by design and is not timed here: on this
     * shared box, at a load average of 40+, one such burst took up to 2 s; reported, not asserted.)
     */
    private static void assertResponsiveWhileWaiting(FxPinger ping, long fromNanos, long toNanos) {
        List<Long> window = ping.between(fromNanos, toNanos);
        assertThat(window).as("FX round trips while the check waited on the network (all: %s)", ping.all())
                .hasSizeGreaterThanOrEqualTo(5).allSatisfy(ms -> assertThat(ms).isLessThan(RESPONSIVE_MS));
    }

    private static void fire(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> robot.lookup(id).queryButton().fire()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void faultsReadAsMessagesInTheRowsAndTheCardAndTheWindowStaysResponsive(FxRobot robot) throws Exception {
        Zone zone = new Zone().text(ZONE)
                .fault("shop.example", Type.TXT, Zone.Fault.MALFORMED)
                .fault("_dmarc.shop.example", Type.TXT, Zone.Fault.SERVFAIL)
                .fault("_mta-sts.shop.example", Type.TXT, Zone.Fault.REFUSED)
                .fault("4.4.8.8.in-addr.arpa", Type.PTR, Zone.Fault.MALFORMED_ID)
                .fault("_25._tcp.mx.shop.example", Type.TLSA, Zone.Fault.SERVFAIL);
        // The mail server greets, then says nothing after EHLO: the SMTP stage waits out its 8 s reply timeout.
        show(robot, zone, SmtpFixture.builder().banner("220 mx.shop.example ESMTP")
                .fault(SmtpFixture.Fault.HANG_AFTER_BANNER), Duration.ofSeconds(8), Duration.ofSeconds(20));
        String server = dns.hostPort();
        try (FxPinger ping = new FxPinger()) {
            fire(robot, "#checkButton");
            // The mail server got EHLO and hangs for 8 s: once the rows are drawn, the window must stay live.
            WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> smtp.commands().stream().anyMatch(c -> c.startsWith("EHLO")));
            ping.awaitIdle(System.nanoTime(), 4000);
            long from = System.nanoTime();
            Thread.sleep(2000);
            long to = System.nanoTime();
            assertThat(view.model().busyProperty().get()).as("still waiting on the mail server").isTrue();
            WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> !view.model().busyProperty().get()
                    && view.model().lastSmtpProperty().get() != null);
            ping.close();
            assertResponsiveWhileWaiting(ping, from, to);
        }
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(rowText(robot, "#row-spf")).contains("TXT lookup for shop.example failed", "the DNS server " + server,
                "could not read (malformed");
        assertThat(rowText(robot, "#row-dmarc")).contains("DMARC lookup _dmarc.shop.example failed", "answered SERVFAIL");
        assertThat(result("MTA-STS and TLS-RPT records")).contains("_mta-sts.shop.example", "refused to answer (REFUSED)");
        assertThat(result("Reverse DNS (PTR)")).contains("4.4.8.8.in-addr.arpa", "its ID does not match the question");
        assertThat(result("DKIM keys")).contains("default._domainkey.shop.example", "CNAME loop");
        assertThat(robot.lookup("#checkStatus").queryAs(Label.class).getText()).startsWith("Checked shop.example");

        Node card = robot.lookup("#smtp-card-mx-shop-example").query();
        String headline = robot.from(card).lookup(".smtp-headline").queryAs(Label.class).getText();
        assertThat(headline).contains("mx.shop.example", "8.8.4.4", "EHLO");
        assertThat(view.model().lastSmtpProperty().get().hosts().get(0).dane().headline())
                .contains("Could not look up DANE (TLSA) records for mx.shop.example", "answered SERVFAIL");
        assertNoStackTraceOnScreen(robot);
        smtp.assertPolite(false);
    }

    @Test
    void cancelStopsACheckHangingOnASilentMailServerAndTheWindowStaysResponsive(FxRobot robot) throws Exception {
        // Healthy DNS; the mail server accepts and never greets, with a 20 s reply timeout: only Cancel ends it soon.
        show(robot, new Zone().text(ZONE), SmtpFixture.builder().fault(SmtpFixture.Fault.SILENT), Duration.ofSeconds(20),
                Duration.ofSeconds(30));
        try (FxPinger ping = new FxPinger()) {
            fire(robot, "#checkButton");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> smtp.connections() > 0);
            Thread.sleep(500); // hanging on the greeting now
            assertThat(view.model().busyProperty().get()).isTrue();
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#checkStatus").queryAs(Label.class)
                    .getText().contains("talking to the mail servers (mx.shop.example)"));
            ping.awaitIdle(System.nanoTime(), 4000);
            long from = System.nanoTime();
            Thread.sleep(1500); // the mail server is silent, the window idle and live
            long t0 = System.nanoTime();
            fire(robot, "#checkCancel");
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.model().busyProperty().get());
            long cancelMs = (System.nanoTime() - t0) / 1_000_000;
            ping.close();
            assertThat(cancelMs).as("Cancel took effect (ms)").isLessThan(5000);
            assertResponsiveWhileWaiting(ping, from, t0);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#checkStatus").queryAs(Label.class).getText()).startsWith("Cancelled");
        assertThat(robot.lookup("#checkButton").queryButton().isDisabled()).as("a new check can start").isFalse();
        assertNoStackTraceOnScreen(robot);
    }

    private static String rowText(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TitledPane.class).getText();
    }

    /** The row's headline and details, as the opened row shows them. */
    private String result(String title) {
        CheckResult r = view.model().rows().stream().filter(x -> x.title().equals(title)).findFirst().orElseThrow()
                .result();
        assertThat(r).as(title).isNotNull();
        return r.headline() + " " + String.join(" ", r.details());
    }

    /** Every text on the screen, rows opened, has no trace of Java's insides. */
    private void assertNoStackTraceOnScreen(FxRobot robot) {
        robot.interact(() -> robot.lookup(".check-row").queryAllAs(TitledPane.class).forEach(p -> p.setExpanded(true)));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = robot.lookup((Node n) -> n instanceof Labeled).queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).filter(t -> t != null).toList();
        assertThat(texts).isNotEmpty();
        assertThat(String.join("\n", texts)).doesNotContain("Exception", "\tat ", "Caused by:", "java.lang.");
    }
}
