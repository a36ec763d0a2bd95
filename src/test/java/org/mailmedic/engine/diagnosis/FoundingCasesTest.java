package org.mailmedic.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.diagnosis.fix.FixGuide;
import org.mailmedic.engine.diagnosis.fix.FixLibrary;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.engine.diagnosis.verify.LiveVerifier;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;

/**
 * The two cases MailMedic was born from, end to end through the engine: the sample files give
 * the expected top finding with its evidence and the fix for the detected mail server, and the
 * fix's Verify fails against the broken set-up and passes once the stand-in is fixed.
 */
class FoundingCasesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final String MX = "mail.kestrel-design.co.uk";
    private static final String MX_IP = "127.0.0.80";

    @TempDir
    Path dir;

    private EvidenceSet evidence(String sampleCase) throws Exception {
        List<Path> files = SampleCases.extract(SampleCases.byId(sampleCase).orElseThrow(), dir.resolve(sampleCase));
        return new EvidenceAnalysis(CLOCK).analyze(files, p -> { }, () -> false);
    }

    @Test
    void ispThrottlingCaseFindsTheLimitShowsThePostfixFixAndVerifiesIt() throws Exception {
        EvidenceSet ev = evidence("throttling");
        List<Finding> findings = new Diagnoser().diagnose(new DiagnosisInput("", ev, null, null));

        Finding top = findings.get(0);
        assertThat(top.kind()).isEqualTo("throttling");
        assertThat(top.severity()).isEqualTo(Severity.BLOCKING);
        assertThat(top.subject()).isEqualTo("btinternet.com");
        int limit = Integer.parseInt(top.facts().get("limitPerDay"));
        assertThat(limit).isBetween(45, 49);
        assertThat(top.headline()).isEqualTo("btinternet.com accepts only about " + limit + " messages a day from your server");
        assertThat(top.impact()).contains("expired").contains("deferred attempts");
        assertThat(top.evidence()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EvidenceRef.Kind.LOG_LINE);
            assertThat(e.where()).matches("maillog:\\d+");
            assertThat(e.text()).contains("to=<").contains("@btinternet.com>").contains("status=deferred");
        });
        assertThat(top.evidence()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EvidenceRef.Kind.BOUNCE);
            assertThat(e.text()).contains("421 Too many messages (DailyLimit) from 203.0.113.25");
        });
        assertThat(top.facts()).containsEntry("serverIp", "203.0.113.25").containsEntry("domain", "harbourbooks.co.uk");
        // Related evidence is merged: one throttling finding, not one per deferred line.
        assertThat(findings).filteredOn(f -> f.kind().equals("throttling")).hasSize(1);
        // The forwarding behind it is named too.
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo("forwarding-without-srs");
            assertThat(f.headline()).contains("harbourbooks.co.uk").contains("btinternet.com");
        });

        MailServer server = MtaDetector.fromEvidence(ev.files()).orElseThrow();
        assertThat(server).isEqualTo(MailServer.POSTFIX);
        FixGuide guide = FixLibrary.guide(top.kind(), server, top.facts()).orElseThrow();
        assertThat(guide.title()).contains("btinternet.com").contains("Postfix");
        String snippets = guide.steps().stream().flatMap(s -> s.snippets().stream()).map(s -> s.code()).reduce("", String::concat);
        assertThat(snippets).contains("btinternet.com    slow:").contains("slow_destination_rate_delay = " + ((86_400 / limit + 59) / 60 * 60) + "s");
        assertThat(guide.verify().check()).isEqualTo("throttle");
        assertThat(guide.verify().runnable()).isTrue();

        // Verify before the fix: the log still shows the limit being hit.
        List<Path> logs = new ArrayList<>(List.of(dir.resolve("throttling/maillog")));
        LiveVerifier verifier = new LiveVerifier(new MemoryDns(), () -> SmtpOptions.builder(new MemoryDns()),
                DomainCheckOptions.defaults(), () -> List.copyOf(logs), CLOCK);
        VerifyResult before = verifier.verify(guide.verify(), () -> false);
        assertThat(before.outcome()).isEqualTo(VerifyResult.Outcome.FAILED);
        assertThat(before.summary()).contains("btinternet.com still turns mail away");

        // After the fix: the next day's log, paced at one message every 30 minutes, no 421.
        logs.clear();
        logs.add(Files.writeString(dir.resolve("maillog.after"), pacedDay(40)));
        VerifyResult after = verifier.verify(guide.verify(), () -> false);
        assertThat(after.outcome()).as(after.summary() + " " + after.details()).isEqualTo(VerifyResult.Outcome.PASSED);
        assertThat(after.details()).anySatisfy(d -> assertThat(d).contains("40 delivered, 0 deferred attempts, 0 expired"));
    }

    @Test
    void gmailStarttlsCaseFindsTheMissingCertificateShowsTheSendmailFixAndVerifiesIt() throws Exception {
        EvidenceSet ev = evidence("starttls");
        TestPki pki = new TestPki();
        try (SmtpFixture broken = SmtpFixture.builder().banner("220 " + MX + " ESMTP Sendmail 8.17.1/8.17.1")
                .starttlsWithoutCertificate().start()) {
            LoopbackConnector net = new LoopbackConnector().host(MX, MX_IP).route(MX_IP, 25, broken.port());
            SmtpCheckResult live = new MailServerCheck().check("kestrel-design.co.uk",
                    List.of(new MxHost(MX, 10, List.of(MX_IP))), smtp(net, pki).build(), h -> { });

            List<Finding> findings = new Diagnoser().diagnose(new DiagnosisInput("kestrel-design.co.uk", ev, null, live));
            Finding top = findings.get(0);
            assertThat(top.kind()).as(top.headline() + " " + top.why()).isEqualTo("inbound-starttls");
            assertThat(top.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(top.confidence()).isEqualTo(Confidence.CERTAIN);
            assertThat(top.headline()).isEqualTo("Gmail cannot deliver to " + MX + ": it offers encryption (STARTTLS) but "
                    + "has no certificate to encrypt with, so every handshake ends in \u201cno shared cipher\u201d");
            assertThat(top.facts()).containsEntry("mxHost", MX);
            assertThat(top.impact()).contains("1 bounce").contains("failed handshakes in your log").contains("live check");
            assertThat(top.evidence()).anySatisfy(e -> assertThat(e.text()).contains("TLS Negotiation failed"));
            assertThat(top.evidence()).anySatisfy(e -> {
                assertThat(e.where()).matches("maillog:\\d+");
                assertThat(e.text()).contains("reason=no shared cipher");
            });
            assertThat(top.evidence()).anySatisfy(e -> assertThat(e.kind()).isEqualTo(EvidenceRef.Kind.LIVE_CHECK));
            assertThat(findings).filteredOn(f -> f.kind().equals("inbound-starttls")).hasSize(1);

            MailServer server = MtaDetector.fromEvidence(ev.files()).orElseThrow();
            assertThat(server).isEqualTo(MailServer.SENDMAIL);
            assertThat(MtaDetector.fromBanner(live.hosts().get(0).addresses().get(0).smtp().banner().text()))
                    .contains(MailServer.SENDMAIL);
            FixGuide guide = FixLibrary.guide(top.kind(), server, top.facts()).orElseThrow();
            assertThat(guide.title()).contains("Sendmail");
            assertThat(guide.steps().get(0).snippets().get(0).code()).contains("certbot certonly --standalone -d " + MX);
            assertThat(guide.verify().check()).isEqualTo("starttls");
            assertThat(guide.verify().args()).containsExactly(MX);

            LiveVerifier broke = verifier(net, pki);
            VerifyResult before = broke.verify(guide.verify(), () -> false);
            assertThat(before.outcome()).isEqualTo(VerifyResult.Outcome.FAILED);

            // The admin installs a certificate: the stand-in server now presents one for its name.
            try (SmtpFixture fixed = SmtpFixture.builder().banner("220 " + MX + " ESMTP Sendmail 8.17.1/8.17.1")
                    .starttls(pki.good(MX).serverContext()).start()) {
                LoopbackConnector fixedNet = new LoopbackConnector().host(MX, MX_IP).route(MX_IP, 25, fixed.port());
                VerifyResult after = verifier(fixedNet, pki).verify(guide.verify(), () -> false);
                assertThat(after.outcome()).as(after.summary()).isEqualTo(VerifyResult.Outcome.PASSED);
                assertThat(after.summary()).isEqualTo(MX + " now completes STARTTLS with a trusted certificate for its name.");
                fixed.assertPolite(false);
            }
            broken.assertPolite(false);
        }
    }

    @Test
    void cleanEvidenceProducesNoFinding() throws Exception {
        Path log = Files.writeString(dir.resolve("maillog"), pacedDay(20));
        EvidenceSet ev = new EvidenceAnalysis(CLOCK).analyze(List.of(log), p -> { }, () -> false);
        assertThat(ev.logs()).isNotNull();
        assertThat(new Diagnoser().diagnose(new DiagnosisInput("harbourbooks.co.uk", ev, null, null))).isEmpty();
    }

    @Test
    void aRuleThatBreaksBecomesAnAdviceNotACrash() {
        Rule broken = new Rule() {
            @Override
            public String kind() {
                return "broken";
            }

            @Override
            public void apply(DiagnosisInput in, java.util.function.Consumer<Finding> out) {
                throw new IllegalStateException("boom");
            }
        };
        List<Finding> f = new Diagnoser(List.of(broken)).diagnose(new DiagnosisInput("", null, null, null));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("internal");
            assertThat(x.severity()).isEqualTo(Severity.ADVICE);
        });
    }

    private static SmtpOptions.Builder smtp(LoopbackConnector net, TestPki pki) {
        return SmtpOptions.builder(new MemoryDns()).connector(net).resolver(net).trustStore(pki.trustStore())
                .connectTimeout(Duration.ofSeconds(2)).replyTimeout(Duration.ofSeconds(5)).hostDeadline(Duration.ofSeconds(20))
                .checkSubmission(false).probeTlsVersions(false).checkMtaSts(false).checkDane(false)
                .ehloName("checker.mailmedic.test");
    }

    private static LiveVerifier verifier(LoopbackConnector net, TestPki pki) {
        return new LiveVerifier(new MemoryDns(), () -> smtp(net, pki), DomainCheckOptions.defaults(), List::of, CLOCK);
    }

    /** One day of Postfix deliveries to btinternet.com, one every 30 minutes, all accepted. */
    static String pacedDay(int messages) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < messages; i++) {
            int minutes = i * 30;
            String t = String.format("Nov 26 %02d:%02d:%02d", minutes / 60, minutes % 60, 7);
            String id = String.format("7C%09X", 0x1A000 + i);
            sb.append(t).append(" mail postfix/qmgr[987]: ").append(id)
                    .append(": from=<orders@harbourbooks.co.uk>, size=4312, nrcpt=1 (queue active)\n");
            sb.append(t).append(" mail postfix/smtp[2").append(100 + i).append("]: ").append(id)
                    .append(": to=<customer").append(i).append("@btinternet.com>, relay=mx.bt.lon5.cpcloud.co.uk[198.51.100.49]:25,")
                    .append(" delay=1.2, delays=0.05/0.01/0.6/0.54, dsn=2.0.0, status=sent (250 OK id=1vXyZa-000").append(i).append(")\n");
            sb.append(t).append(" mail postfix/qmgr[987]: ").append(id).append(": removed\n");
        }
        return sb.toString();
    }
}
