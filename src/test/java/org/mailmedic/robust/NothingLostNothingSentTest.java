package org.mailmedic.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.Diagnoser;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.evidence.EvidenceSniffer;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.MtaStsHttpsFixture;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;
import org.mailmedic.ui.evidence.BounceCardViewModel;

/**
 * Input files are never modified (bytes and mtimes), the live checks never send DATA (nor
 * MAIL/RCPT without the opt-in) on any probe path, and HTML in an email never reaches the network.
 */
class NothingLostNothingSentTest {

    private static final TestPki PKI = new TestPki();
    private static final String MX = "mx.example.test";
    private static final String IP = "127.0.0.2";

    private record Stamp(String sha256, long size, FileTime modified) {
    }

    private static Map<Path, Stamp> stamp(List<Path> files) throws Exception {
        Map<Path, Stamp> m = new TreeMap<>();
        for (Path p : files) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(Files.readAllBytes(p));
            m.put(p, new Stamp(HexFormat.of().formatHex(d.digest()), Files.size(p), Files.getLastModifiedTime(p)));
        }
        return m;
    }

    private static List<Path> filesUnder(Path... roots) throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (Path r : roots) {
            if (Files.isDirectory(r)) {
                try (Stream<Path> s = Files.walk(r)) {
                    s.filter(Files::isRegularFile).forEach(all::add);
                }
            }
        }
        return all;
    }

    @Test
    void analysingEveryCorpusFileAndSampleCaseChangesNoByteAndNoTimestamp() throws Exception {
        List<Path> files = filesUnder(Path.of("src/test/resources"), Path.of("src/main/resources/org/mailmedic/samples"));
        assertThat(files).as("the corpora and sample cases are in the worktree").hasSizeGreaterThan(100);
        Map<Path, Stamp> before = stamp(files);

        EvidenceSet set = new EvidenceAnalysis(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC))
                .analyze(files, p -> { }, () -> false);
        new Diagnoser().diagnose(new DiagnosisInput(null, set, null, null));

        assertThat(stamp(files)).as("bytes, sizes and mtimes after analysis").isEqualTo(before);
        assertThat(filesUnder(Path.of("src/test/resources"), Path.of("src/main/resources/org/mailmedic/samples")))
                .as("no file created or deleted next to the evidence").containsExactlyInAnyOrderElementsOf(files);
    }

    // ------------------------------------------------------------- nothing sent

    private static SmtpOptions.Builder allProbes(LoopbackConnector c, MemoryDns dns) {
        return SmtpOptions.builder(dns).connector(c).resolver(c).trustStore(PKI.trustStore())
                .connectTimeout(Duration.ofSeconds(1)).replyTimeout(Duration.ofSeconds(5))
                .hostDeadline(Duration.ofSeconds(20)).checkSubmission(true).probeTlsVersions(true)
                .checkMtaSts(true).checkDane(true).ehloName("checker.mailmedic.test");
    }

    private static SmtpCheckResult runAllProbes(SmtpFixture f, String recipientProbe) throws Exception {
        try (MtaStsHttpsFixture https = MtaStsHttpsFixture.serving(PKI.good("mta-sts.example.test").serverContext(),
                "version: STSv1\nmode: enforce\nmx: mx.example.test\nmax_age: 1209600\n")) {
            MemoryDns dns = new MemoryDns().txt("_mta-sts.example.test", "v=STSv1; id=1")
                    .txt("_smtp._tls.example.test", "v=TLSRPTv1; rua=mailto:r@example.test");
            LoopbackConnector c = new LoopbackConnector().route(IP, 25, f.port()).route(IP, 587, f.port())
                    .route(IP, 465, f.port()).host("mta-sts.example.test", "127.0.0.9")
                    .route("127.0.0.9", 443, https.port());
            SmtpOptions.Builder b = allProbes(c, dns);
            if (recipientProbe != null) {
                b.recipientProbe(recipientProbe);
            }
            SmtpCheckResult r = new MailServerCheck().check("example.test", List.of(new MxHost(MX, 10, List.of(IP))),
                    b.build(), h -> { });
            assertThat(https.requests()).as("the MTA-STS policy was fetched").isNotEmpty();
            assertThat(r.mtaSts()).isNotNull();
            return r;
        }
    }

    @Test
    void everyProbePathSendsNoDataAndNoMailOrRcptWithoutOptIn() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start()) {
            SmtpCheckResult r = runAllProbes(f, null);
            assertThat(r.hosts().get(0).addresses().get(0).tlsVersions()).as("TLS versions probed").isNotEmpty();
            assertThat(f.connections()).as("25, 587, 465 and the version probes all connected").isGreaterThan(3);
            assertThat(f.commands()).anyMatch(c -> c.startsWith("EHLO")).anyMatch(c -> c.equals("STARTTLS"));
            f.assertPolite(false);
        }
    }

    @Test
    void withTheOptInTheRecipientProbeSendsMailAndRcptButNeverData() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start()) {
            runAllProbes(f, "postmaster@example.test");
            assertThat(f.commands()).anyMatch(c -> c.startsWith("MAIL FROM")).anyMatch(c -> c.startsWith("RCPT TO"));
            f.assertPolite(true);
        }
    }

    @Test
    void aServerThatDropsOrRefusesStillGetsNoDataOnAnyPath() throws Exception {
        for (SmtpFixture.Fault fault : SmtpFixture.Fault.values()) {
            if (fault == SmtpFixture.Fault.DRIP || fault == SmtpFixture.Fault.SILENT) {
                continue; // these never read a command: nothing to check, and slow
            }
            try (SmtpFixture f = SmtpFixture.builder().fault(fault).starttls(PKI.good(MX).serverContext()).start()) {
                LoopbackConnector c = new LoopbackConnector().route(IP, 25, f.port()).route(IP, 587, f.port())
                        .route(IP, 465, f.port());
                new MailServerCheck().check("example.test", List.of(new MxHost(MX, 10, List.of(IP))),
                        allProbes(c, new MemoryDns()).checkMtaSts(false).replyTimeout(Duration.ofSeconds(1))
                                .hostDeadline(Duration.ofSeconds(4)).build(), h -> { });
                f.assertPolite(false);
            }
        }
    }

    // ------------------------------------------------------------- HTML

    @Test
    void htmlInABounceNeverTriggersANetworkConnection(@TempDir Path dir) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "html-canary");
            t.setDaemon(true);
            t.start();
            String base = "http://127.0.0.1:" + server.getLocalPort();
            String html = "<html><head><link rel=\"stylesheet\" href=\"" + base + "/a.css\">"
                    + "<style>@import url(" + base + "/b.css); body{background:url('" + base + "/bg.png')}</style>"
                    + "<script src=\"" + base + "/x.js\"></script><meta http-equiv=\"refresh\" content=\"0;url=" + base
                    + "/r\"></head><body><img src=\"" + base + "/pixel.gif\" width=1 height=1>"
                    + "<iframe src=\"" + base + "/frame\"></iframe><object data=\"" + base + "/o\"></object>"
                    + "<p>Delivery has failed to these recipients: <b>someone@example.org</b></p>"
                    + "<p>Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'</p></body></html>";
            String eml = "From: postmaster@example.test\r\nTo: a@example.test\r\nSubject: Undeliverable: hi\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                    + "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n"
                    + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.test\r\n\r\n"
                    + "Final-Recipient: rfc822; someone@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                    + "Diagnostic-Code: smtp; 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found\r\n\r\n--b--\r\n";
            Path file = dir.resolve("ndr-with-html.eml");
            Files.write(file, eml.getBytes(StandardCharsets.UTF_8));

            new EvidenceSniffer().sniff(file);
            BounceFileResult r = new BounceReader().read(file);
            BounceCardViewModel vm = new BounceCardViewModel(r);
            String text = vm.message() + " " + vm.cards();
            new EvidenceAnalysis(Clock.systemUTC()).analyze(List.of(file), p -> { }, () -> false);

            assertThat(text).contains("someone@example.org");
            Thread.sleep(200); // a fetch started on another thread would have connected by now
            assertThat(connections.get()).as("connections to the HTML's remote references").isZero();
        }
    }
}
