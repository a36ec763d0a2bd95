package org.mailmedic.engine.probe.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.IP;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.MX;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.PKI;
import static org.mailmedic.engine.probe.smtp.SmtpFixtures.route;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.MtaStsHttpsFixture;
import org.mailmedic.testing.smtp.SmtpFixture;
import org.mailmedic.testing.smtp.TestPki;

/** The whole check with DNS, SMTP and HTTPS fixtures: can STARTTLS to the domain be stripped? */
class DowngradeRiskTest {

    private SmtpCheckResult run(MemoryDns dns, LoopbackConnector c) {
        SmtpOptions o = SmtpOptions.builder(dns).connector(c).resolver(c).trustStore(PKI.trustStore())
                .connectTimeout(Duration.ofSeconds(1)).replyTimeout(Duration.ofSeconds(5))
                .hostDeadline(Duration.ofSeconds(20)).checkSubmission(false).probeTlsVersions(false).build();
        return new MailServerCheck().check("example.test", List.of(new MxHost(MX, 10, List.of(IP))), o, h -> { });
    }

    @Test
    void starttlsAloneCanBeStrippedAndTheFixIsSpelledOut() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start()) {
            SmtpCheckResult r = run(new MemoryDns(), route(f));
            DowngradeRisk d = r.downgrade();
            assertThat(d.status()).isEqualTo(Status.WARN);
            assertThat(d.headline()).contains("can be stripped by anyone in the network path");
            assertThat(d.closeBy()).anyMatch(s -> s.contains("_mta-sts.example.test"))
                    .anyMatch(s -> s.contains("DANE TLSA")).anyMatch(s -> s.contains("TLS-RPT"));
            assertThat(r.hosts().get(0).dane().status()).isEqualTo(Status.INFO);
            assertThat(r.mtaSts().txtRecord()).isNull();
            assertThat(r.dane()).isEqualTo("DANE does not protect example.test: no mail server publishes TLSA records.");
            String text = SmtpReportText.render(r, true);
            assertThat(text).contains("mx.example.test (MX 10) [PASS]", "TLS: TLSv1.3",
                    "certificate: CN=mx.example.test; names DNS:mx.example.test", "Downgrade risk [WARN]",
                    "--- transcript, port 25 ---", "C: STARTTLS");
        }
    }

    @Test
    void enforcedMtaStsClosesTheGap() throws Exception {
        TestPki.Identity policyCert = PKI.good("mta-sts.example.test");
        try (SmtpFixture f = SmtpFixture.builder().starttls(PKI.good(MX).serverContext()).start();
             MtaStsHttpsFixture https = MtaStsHttpsFixture.serving(policyCert.serverContext(),
                     "version: STSv1\nmode: enforce\nmx: mx.example.test\nmax_age: 1209600\n")) {
            MemoryDns dns = new MemoryDns().txt("_mta-sts.example.test", "v=STSv1; id=1")
                    .txt("_smtp._tls.example.test", "v=TLSRPTv1; rua=mailto:r@example.test");
            LoopbackConnector c = route(f).host("mta-sts.example.test", "127.0.0.9").route("127.0.0.9", 443, https.port());
            SmtpCheckResult r = run(dns, c);
            assertThat(r.mtaSts().enforced()).isTrue();
            assertThat(r.downgrade().status()).isEqualTo(Status.PASS);
            assertThat(r.downgrade().headline()).contains("cannot be silently stripped", "MTA-STS (enforce)");
            assertThat(r.status()).isEqualTo(Status.PASS);
        }
    }

    @Test
    void matchingSignedTlsaClosesTheGap() throws Exception {
        TestPki.Identity id = PKI.good(MX);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.leaf().getPublicKey().getEncoded());
        try (SmtpFixture f = SmtpFixture.builder().starttls(id.serverContext()).start()) {
            MemoryDns dns = new MemoryDns().tlsa("_25._tcp." + MX, true, 3, 1, 1, hash);
            SmtpCheckResult r = run(dns, route(f));
            assertThat(r.hosts().get(0).dane().protects()).isTrue();
            assertThat(r.downgrade().status()).isEqualTo(Status.PASS);
            assertThat(r.downgrade().headline()).contains("DANE");
            assertThat(r.dane()).startsWith("DANE protects example.test: every mail server");
        }
    }

    @Test
    void noWorkingTlsAnywhereIsAFailure() throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().starttlsWithoutCertificate().start()) {
            SmtpCheckResult r = run(new MemoryDns(), route(f));
            assertThat(r.downgrade().status()).isEqualTo(Status.FAIL);
            assertThat(r.downgrade().headline()).contains("cannot be encrypted at all");
            assertThat(r.headline()).contains("offers STARTTLS but presents no certificate");
        }
    }
}
