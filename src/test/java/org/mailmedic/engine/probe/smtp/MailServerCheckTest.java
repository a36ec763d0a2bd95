package org.mailmedic.engine.probe.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.IP;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.MX;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.PKI;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.checkOne;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.faults;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.options;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.route;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.report.Json;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.SmtpFixture.Fault;

/** The live check against loopback fixtures: one test per field fault, each asserting its wording. */
class MailServerCheckTest {

    private static SessionResult smtp(HostResult h) {
        return h.addresses().get(0).smtp();
    }

    private static void log(String what, long millis, Duration deadline) {
        System.out.printf("timing %-22s %5d ms (deadline %d ms)%n", what, millis, deadline.toMillis());
    }

    @Test
    void goodStarttlsServerPassesWithEveryFactReported() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).build());
            SessionResult s = smtp(h);
            assertThat(h.status()).isEqualTo(Status.PASS);
            assertThat(s.banner().code()).isEqualTo(220);
            assertThat(s.banner().text()).contains("MailMedic fixture");
            assertThat(s.timeToBannerMillis()).isBetween(0L, 1000L);
            assertThat(s.ehlo().extensions()).containsKeys("PIPELINING", "SIZE", "8BITMIME", "SMTPUTF8", "CHUNKING",
                    "STARTTLS");
            assertThat(s.ehlo().sizeLimit()).isEqualTo(10_240_000L);
            assertThat(s.ehloAfterTls().starttls()).isFalse();
            TlsFacts t = s.tls();
            assertThat(t.established()).isTrue();
            assertThat(t.protocol()).isEqualTo("TLSv1.3");
            assertThat(t.cipherSuite()).startsWith("TLS_");
            assertThat(t.chain()).hasSize(2);
            CertificateInfo leaf = t.chain().get(0);
            assertThat(leaf.subject()).isEqualTo("CN=" + MX);
            assertThat(leaf.subjectAltNames()).containsExactly("DNS:" + MX);
            assertThat(leaf.issuer()).contains("MailMedic Test CA");
            assertThat(leaf.keyType()).isEqualTo("EC");
            assertThat(leaf.keyBits()).isEqualTo(256);
            assertThat(leaf.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
            assertThat(t.certificate().trusted()).isTrue();
            assertThat(t.certificate().matchedName()).isEqualTo(MX);
            assertThat(t.certificate().problems()).isEmpty();
            assertThat(s.headline()).contains("accepts mail with STARTTLS (TLSv1.3").contains("valid certificate");
            assertThat(s.transcriptText()).contains("C: EHLO checker.mailmedic.test", "C: STARTTLS", "C: QUIT",
                    "S: 220 mx.example.test ESMTP", "TLS established: TLSv1.3");
            assertThat(f.commands()).containsExactly("EHLO checker.mailmedic.test", "STARTTLS",
                    "EHLO checker.mailmedic.test", "QUIT");
            f.assertPolite(false);
        }
    }

    @Test
    void greetsWithOwnAddressLiteralWhenNoNameIsConfigured() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().start()) {
            checkOne(options(route(f), PKI.trustStore()).ehloName(null).build());
            assertThat(f.commands().get(0)).isEqualTo("EHLO [127.0.0.1]");
        }
    }

    @Test
    void untrustedAuthorityIsNamedWithTheJdkTrustStore() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start()) {
            HostResult h = checkOne(options(route(f), null).build());
            SmtpFinding p = smtp(h).findings().get(0);
            assertThat(p.code()).isEqualTo("cert-untrusted");
            assertThat(p.status()).isEqualTo(Status.WARN);
            assertThat(p.headline()).contains("is not trusted", "MailMedic Test CA", "not a trusted certificate authority");
            assertThat(p.detail()).contains("PKIX path building failed");
            assertThat(smtp(h).tls().established()).isTrue();
        }
    }

    @Test
    void selfSignedCertificateIsCalledSelfSigned() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.selfSigned(MX).serverContext()).start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).build());
            assertThat(smtp(h).findings()).extracting(SmtpFinding::code).containsExactly("cert-self-signed");
            assertThat(smtp(h).headline()).contains("not trusted", "self-signed");
            assertThat(smtp(h).tls().certificate().selfSigned()).isTrue();
        }
    }

    @Test
    void expiredCertificateSaysWhenItExpired() throws Exception {
        TestPkiDates.Expired e = TestPkiDates.expired(PKI, MX);
        try (SmtpFixture f = SmtpFixture.builder().starttls(e.identity().serverContext()).start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).build());
            SmtpFinding p = smtp(h).findings().get(0);
            assertThat(p.code()).isEqualTo("cert-expired");
            assertThat(p.status()).isEqualTo(Status.FAIL);
            assertThat(p.headline()).contains("expired on " + e.day(), "days ago");
            assertThat(h.status()).isEqualTo(Status.FAIL);
        }
    }

    @Test
    void certificateForAnotherNameIsAMismatch() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good("other.example.net").serverContext()).start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).build());
            assertThat(smtp(h).findings()).extracting(SmtpFinding::code).containsExactly("cert-name-mismatch");
            assertThat(smtp(h).headline()).isEqualTo(
                    "The certificate does not name mx.example.test: it is for other.example.net.");
        }
    }

    @Test
    void certificateExpiringWithinTwoWeeksIsFlagged() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder()
                .starttls(PKI.expiringIn(Duration.ofDays(5).plusHours(1), MX).serverContext()).start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).build());
            assertThat(smtp(h).findings()).extracting(SmtpFinding::code).containsExactly("cert-expires-soon");
            assertThat(smtp(h).findings().get(0).headline()).contains("expires in 5 days");
            assertThat(h.status()).isEqualTo(Status.WARN);
        }
    }

    @Test
    void starttlsWithoutCertificateIsTheNoSharedCipherCase() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttlsWithoutCertificate().start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).probeTlsVersions(true).build());
            SessionResult s = smtp(h);
            assertThat(s.status()).isEqualTo(Status.FAIL);
            assertThat(s.findings().get(0).code()).isEqualTo("starttls-no-certificate");
            assertThat(h.addresses().get(0).tlsVersions()).isEmpty(); // says nothing about versions
            assertThat(s.headline()).endsWith("offers STARTTLS but presents no certificate — senders that insist "
                    + "on TLS, such as Gmail, will fail.");
            assertThat(s.findings().get(0).detail()).contains("handshake_failure", "no shared cipher");
            // what the server offered is still reported
            assertThat(s.offersStarttls()).isTrue();
            assertThat(s.ehlo().extensions()).containsKeys("PIPELINING", "SIZE");
            assertThat(s.tls().failureKind()).isEqualTo("no-certificate");
            assertThat(s.tls().chain()).isEmpty();
            // the JDK server with no key refuses anonymous suites too: nothing can work
            assertThat(h.addresses().get(0).findings()).extracting(SmtpFinding::code)
                    .containsExactly("anonymous-tls-refused");
            assertThat(h.addresses().get(0).findings().get(0).detail()).contains("handshake_failure");
            f.assertPolite(false);
        }
    }

    @Test
    void anonymousOnlyStarttlsIsConfirmedAsCertificateLess() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().fault(Fault.ANON_ONLY).start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).build());
            assertThat(smtp(h).findings().get(0).code()).isEqualTo("starttls-no-certificate");
            assertThat(smtp(h).headline()).contains("offers STARTTLS but presents no certificate", "such as Gmail");
            assertThat(h.addresses().get(0).findings()).extracting(SmtpFinding::code)
                    .containsExactly("anonymous-tls-only");
            assertThat(h.addresses().get(0).findings().get(0).detail()).contains("cipher suite 0x0034");
            f.assertPolite(false);
        }
    }

    @Test
    void tls10OnlyServerIsFoundAndTheWeakVersionFlagged() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().fault(Fault.TLS10_ONLY).start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).probeTlsVersions(true).build());
            AddressResult a = h.addresses().get(0);
            assertThat(a.smtp().tls().failureKind()).isEqualTo("protocol-version");
            assertThat(a.tlsVersions()).extracting(TlsVersionSupport::version, TlsVersionSupport::result)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("TLSv1.3", "rejected"),
                            org.assertj.core.groups.Tuple.tuple("TLSv1.2", "rejected"),
                            org.assertj.core.groups.Tuple.tuple("TLSv1.1", "rejected"),
                            org.assertj.core.groups.Tuple.tuple("TLSv1", "accepted"));
            assertThat(a.findings()).extracting(SmtpFinding::code).contains("tls-weak-versions", "tls-only-legacy");
            assertThat(a.findings().get(0).headline()).contains("still accepts TLS 1.0");
            assertThat(h.status()).isEqualTo(Status.FAIL);
        }
    }

    @Test
    void modernServerRefusesTheLegacyVersions() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).probeTlsVersions(true).build());
            assertThat(h.addresses().get(0).tlsVersions()).extracting(TlsVersionSupport::result)
                    .containsExactly("accepted", "accepted", "rejected", "rejected");
            assertThat(h.addresses().get(0).tlsVersions().get(3).detail()).contains("protocol_version");
            assertThat(h.addresses().get(0).tlsVersions().get(3).transcript()).extracting(Transcript.Line::text)
                    .contains("STARTTLS", "server answered with alert protocol_version");
            assertThat(h.status()).isEqualTo(Status.PASS);
            f.assertPolite(false);
        }
    }

    @Test
    void hangAfterBannerEndsWithinTheReplyDeadline() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().fault(Fault.HANG_AFTER_BANNER).start()) {
            SmtpOptions o = faults(route(f)).build();
            long t0 = System.nanoTime();
            HostResult h = checkOne(o);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            log("hang after banner", ms, o.replyTimeout());
            SessionResult s = smtp(h);
            assertThat(s.findings().get(0).code()).isEqualTo("no-reply");
            assertThat(s.headline()).contains("stopped answering during EHLO", "no reply within 1.0 s");
            assertThat(s.transcriptText()).contains("S: 220 mx.example.test", "C: EHLO", "no complete reply in time");
            assertThat(ms).isLessThan(o.replyTimeout().toMillis() + 2500);
        }
    }

    @Test
    void silentServerHasNoGreeting() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().fault(Fault.SILENT).start()) {
            SmtpOptions o = faults(route(f)).build();
            long t0 = System.nanoTime();
            SessionResult s = smtp(checkOne(o));
            log("no greeting", (System.nanoTime() - t0) / 1_000_000, o.replyTimeout());
            assertThat(s.findings().get(0).code()).isEqualTo("no-banner");
            assertThat(s.headline()).contains("accepted the connection but sent no greeting within 1.0 s");
            assertThat(s.banner()).isNull();
        }
    }

    @Test
    void garbageIsNotSmtp() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().fault(Fault.GARBAGE).start()) {
            SmtpOptions o = faults(route(f)).build();
            long t0 = System.nanoTime();
            SessionResult s = smtp(checkOne(o));
            log("garbage", (System.nanoTime() - t0) / 1_000_000, o.replyTimeout());
            assertThat(s.findings().get(0).code()).isEqualTo("garbage");
            assertThat(s.headline()).contains("answered with something that is not SMTP");
            assertThat(s.findings().get(0).detail()).contains("HTTP/1.1 400 Bad Request");
        }
    }

    @Test
    void endlessLineIsCutAtTheCap() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().fault(Fault.ENDLESS_LINE).start()) {
            SmtpOptions o = faults(route(f)).build();
            long t0 = System.nanoTime();
            SessionResult s = smtp(checkOne(o));
            log("endless line", (System.nanoTime() - t0) / 1_000_000, o.replyTimeout());
            assertThat(s.findings().get(0).code()).isEqualTo("line-too-long");
            assertThat(s.findings().get(0).detail()).contains("longer than 4096 bytes");
            assertThat(s.transcript()).allMatch(l -> l.text().length() < 1000);
        }
    }

    @Test
    void slowDripIsBoundedByTheHostDeadline() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().fault(Fault.DRIP).start()) {
            SmtpOptions o = options(route(f), PKI.trustStore()).hostDeadline(Duration.ofMillis(1500)).build();
            long t0 = System.nanoTime();
            HostResult h = checkOne(o);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            log("slow drip (host cap)", ms, o.hostDeadline());
            assertThat(smtp(h).findings().get(0).code()).isEqualTo("no-banner");
            assertThat(smtp(h).findings().get(0).detail()).contains("started a line but did not finish it in time");
            assertThat(smtp(h).headline()).contains("answered so slowly during the greeting", "still incomplete");
            assertThat(smtp(h).transcriptText()).contains("S: 222");
            assertThat(ms).isLessThan(o.hostDeadline().toMillis() + 2000);
        }
    }

    @Test
    void endlessMultiLineReplyIsCutAtTheCap() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().fault(Fault.ENDLESS_REPLY).start()) {
            SessionResult s = smtp(checkOne(options(route(f), PKI.trustStore()).build()));
            assertThat(s.findings().get(0).code()).isEqualTo("reply-too-long");
            assertThat(s.findings().get(0).detail()).contains("more than 100 lines");
        }
    }

    @Test
    void code421AtConnectIsReportedWithTheRawGreeting() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().banner("421 4.3.2 mx.example.test Service shutting down").start()) {
            SmtpOptions o = faults(route(f)).build();
            long t0 = System.nanoTime();
            SessionResult s = smtp(checkOne(o));
            log("421 at connect", (System.nanoTime() - t0) / 1_000_000, o.replyTimeout());
            assertThat(s.findings().get(0).code()).isEqualTo("banner-421");
            assertThat(s.headline()).contains("refuses connections right now (421)", "Service shutting down");
            assertThat(s.banner().rawText()).isEqualTo("421 4.3.2 mx.example.test Service shutting down");
            assertThat(f.commands()).containsExactly("QUIT");
        }
    }

    @Test
    void greylistingAtEhloIsATemporaryRefusal() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().ehloReply("451 4.7.1 Greylisted, please try again later").start()) {
            SessionResult s = smtp(checkOne(options(route(f), PKI.trustStore()).build()));
            assertThat(s.findings().get(0).code()).isEqualTo("ehlo-4xx");
            assertThat(s.status()).isEqualTo(Status.WARN);
            assertThat(s.headline()).contains("temporary refusal (451)", "Greylisted");
        }
    }

    @Test
    void recipientProbeIsOptInAndNeverSendsData() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good(MX).serverContext())
                .rcptReply("450 4.2.0 <postmaster@example.test>: Recipient address rejected: Greylisted").start()) {
            HostResult h = checkOne(options(route(f), PKI.trustStore()).recipientProbe("postmaster@example.test").build());
            SessionResult s = smtp(h);
            assertThat(s.recipientProbe().outcome()).isEqualTo("deferred");
            assertThat(s.findings()).extracting(SmtpFinding::code).contains("rcpt-greylisted");
            assertThat(f.commands()).containsExactly("EHLO checker.mailmedic.test", "STARTTLS",
                    "EHLO checker.mailmedic.test", "MAIL FROM:<>", "RCPT TO:<postmaster@example.test>", "RSET", "QUIT");
            f.assertPolite(true);
        }
    }

    @Test
    void dropDuringHandshakeIsReported() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().fault(Fault.DROP_AT_STARTTLS).start()) {
            SmtpOptions o = faults(route(f)).build();
            long t0 = System.nanoTime();
            SessionResult s = smtp(checkOne(o));
            log("drop mid-handshake", (System.nanoTime() - t0) / 1_000_000, o.replyTimeout());
            assertThat(s.findings().get(0).code()).isEqualTo("tls-dropped");
            assertThat(s.headline()).contains("dropped the connection in the middle of the TLS handshake after STARTTLS");
        }
    }

    @Test
    void serverWithoutStarttlsIsUnencrypted() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().start()) {
            SessionResult s = smtp(checkOne(options(route(f), PKI.trustStore()).build()));
            assertThat(s.findings().get(0).code()).isEqualTo("no-starttls");
            assertThat(s.headline()).contains("does not offer STARTTLS", "unencrypted");
            assertThat(s.tls()).isNull();
        }
    }

    @Test
    void refusedAndFilteredPortsAreToldApart() {
        LoopbackConnector c = new LoopbackConnector().blackhole("127.0.0.3", 25);
        SmtpCheckResult r = new MailServerCheck().check("example.test", List.of(new MxHost(MX, 10, List.of(IP)),
                new MxHost("mx2.example.test", 20, List.of("127.0.0.3"))), faults(c).build(), h -> { });
        assertThat(r.hosts().get(0).addresses().get(0).smtp().findings().get(0).code()).isEqualTo("connect-refused");
        assertThat(r.hosts().get(1).headline()).contains("No answer from mx2.example.test", "within 1.0 s");
        assertThat(c.attempts()).containsExactlyInAnyOrder(IP + ":25", "127.0.0.3:25");
    }

    @Test
    void hostsAreCheckedInParallelAndStreamedAsTheyFinish() throws Exception {
        try (SmtpFixture hang = SmtpFixture.builder().fault(Fault.HANG_AFTER_BANNER).start();
             SmtpFixture hang2 = SmtpFixture.builder().fault(Fault.SILENT).start();
             SmtpFixture good = SmtpFixture.builder().starttls(PKI.good("mx3.example.test").serverContext()).start()) {
            LoopbackConnector c = new LoopbackConnector().route("127.0.0.2", 25, hang.port())
                    .route("127.0.0.3", 25, hang2.port()).route("127.0.0.4", 25, good.port());
            List<String> streamed = new CopyOnWriteArrayList<>();
            SmtpOptions o = options(c, PKI.trustStore()).replyTimeout(Duration.ofSeconds(2)).build();
            long t0 = System.nanoTime();
            SmtpCheckResult r = new MailServerCheck().check("example.test", List.of(
                    new MxHost("mx3.example.test", 30, List.of("127.0.0.4")),
                    new MxHost("mx1.example.test", 10, List.of("127.0.0.2")),
                    new MxHost("mx2.example.test", 20, List.of("127.0.0.3"))), o, h -> streamed.add(h.name()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            log("3 hosts, 2 hanging", ms, o.hostDeadline());
            assertThat(r.hosts()).extracting(HostResult::name)
                    .containsExactly("mx1.example.test", "mx2.example.test", "mx3.example.test");
            assertThat(streamed).containsExactlyInAnyOrder("mx1.example.test", "mx2.example.test", "mx3.example.test");
            assertThat(streamed.get(0)).isEqualTo("mx3.example.test"); // the good one is not held up by the hangs
            assertThat(ms).isLessThan(2 * o.replyTimeout().toMillis() + 2000); // parallel, not 2 x hang in a row
            assertThat(r.status()).isEqualTo(Status.FAIL);
        }
    }

    @Test
    void submissionPortsReportAuthBeforeAndAfterTls() throws Exception {
        try (SmtpFixture mx = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start();
             SmtpFixture sub = SmtpFixture.builder().starttls(PKI.good(MX).serverContext())
                     .authBeforeTls("PLAIN LOGIN").authAfterTls("PLAIN LOGIN CRAM-MD5").start();
             SmtpFixture smtps = SmtpFixture.builder().implicitTls(PKI.good(MX).serverContext())
                     .authAfterTls("PLAIN").start()) {
            LoopbackConnector c = route(mx).route(IP, 587, sub.port()).route(IP, 465, smtps.port());
            HostResult h = checkOne(options(c, PKI.trustStore()).checkSubmission(true).build());
            AddressResult a = h.addresses().get(0);
            assertThat(a.submission().ehlo().authMechanisms()).containsExactly("PLAIN", "LOGIN");
            assertThat(a.submission().ehloAfterTls().authMechanisms()).containsExactly("PLAIN", "LOGIN", "CRAM-MD5");
            assertThat(a.submission().findings()).extracting(SmtpFinding::code).containsExactly("auth-before-tls");
            assertThat(a.submission().headline()).contains("offers password login (AUTH PLAIN LOGIN) before encryption");
            assertThat(a.implicitTls().tls().protocol()).isEqualTo("TLSv1.3");
            assertThat(a.implicitTls().banner().code()).isEqualTo(220);
            assertThat(a.implicitTls().headline()).contains("speaks implicit TLS (TLSv1.3) and offers AUTH PLAIN");
            assertThat(a.status()).isEqualTo(Status.WARN);
            assertThat(a.headline()).contains("offers password login"); // why it is not green
            mx.assertPolite(false);
            sub.assertPolite(false);
            smtps.assertPolite(false);
        }
    }

    @Test
    void plainTextOnTheImplicitTlsPortIsCalledOut() throws Exception {
        try (SmtpFixture mx = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start();
             SmtpFixture plain = SmtpFixture.builder().start()) {
            LoopbackConnector c = route(mx).route(IP, 465, plain.port());
            AddressResult a = checkOne(options(c, PKI.trustStore()).checkSubmission(true).build()).addresses().get(0);
            assertThat(a.implicitTls().findings().get(0).code()).isEqualTo("tls-not-tls");
            assertThat(a.implicitTls().headline()).contains("port 465 answers in plain text, not TLS");
            assertThat(a.submission().findings().get(0).code()).isEqualTo("connect-refused");
            assertThat(a.submission().status()).isEqualTo(Status.INFO);
        }
    }

    @Test
    void everyPortTwentyFiveTimingOutPointsAtTheLocalNetwork() {
        LoopbackConnector c = new LoopbackConnector().blackhole("127.0.0.2", 25).blackhole("127.0.0.3", 25);
        SmtpCheckResult r = new MailServerCheck().check("example.test", List.of(new MxHost(MX, 10, List.of(IP)),
                new MxHost("mx2.example.test", 20, List.of("127.0.0.3"))), faults(c).build(), h -> { });
        assertThat(r.headline()).contains("None of the 2 mail server addresses answered on port 25",
                "blocks outgoing port 25");
    }

    @Test
    void missingIpv6RouteOnThisComputerIsNotBlamedOnTheServer() {
        LoopbackConnector c = new LoopbackConnector().unreachable("2001:db8::25", 25);
        SmtpCheckResult r = new MailServerCheck().check("example.test", List.of(new MxHost(MX, 10,
                List.of("2001:db8::25"))), faults(c).build(), h -> { });
        SmtpFinding f = r.hosts().get(0).addresses().get(0).smtp().findings().get(0);
        assertThat(f.code()).isEqualTo("ipv6-unreachable-here");
        assertThat(f.status()).isEqualTo(Status.INFO);
        assertThat(f.headline()).contains("this computer has no IPv6 route");
    }

    @Test
    void nullMxIsReportedNotDialled() {
        LoopbackConnector c = new LoopbackConnector();
        SmtpCheckResult r = new MailServerCheck().check("example.test", List.of(new MxHost(".", 0, List.of())),
                faults(c).build(), h -> { });
        assertThat(r.hosts().get(0).headline()).contains("null MX", "accepts no mail");
        assertThat(c.attempts()).isEmpty();
    }

    @Test
    void resultSerialisesWithTheProjectMapper() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start()) {
            SmtpCheckResult r = new MailServerCheck().check("example.test", List.of(new MxHost(MX, 10, List.of(IP))),
                    options(route(f), PKI.trustStore()).build(), h -> { });
            String json = Json.mapper().writeValueAsString(r);
            assertThat(json).contains("\"status\" : \"pass\"", "\"protocol\" : \"TLSv1.3\"", "\"direction\" : \"C\"",
                    "\"text\" : \"STARTTLS\"", "\"subjectAltNames\" : [ \"DNS:mx.example.test\" ]",
                    "\"downgrade\"");
            assertThat(json).doesNotContain("\"encoded\"");
        }
    }
}
