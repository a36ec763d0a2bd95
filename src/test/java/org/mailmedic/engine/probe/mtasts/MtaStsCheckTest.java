package org.mailmedic.engine.probe.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.probe.smtp.SmtpFinding;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.probe.smtp.Status;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.LoopbackConnector;
import org.mailmedic.testing.smtp.MtaStsHttpsFixture;
import org.mailmedic.testing.smtp.TestPki;

/** MTA-STS against an HTTPS fixture on loopback and an in-memory DNS. */
class MtaStsCheckTest {

    private static final TestPki PKI = new TestPki();
    private static final String POLICY_HOST = "mta-sts.example.test";
    private static final String ENFORCE = "version: STSv1\r\nmode: enforce\r\nmx: mx.example.test\r\n"
            + "mx: *.backup.example.test\r\nmax_age: 604800\r\n";

    private final MemoryDns dns = new MemoryDns()
            .txt("_mta-sts.example.test", "v=STSv1; id=20261127T1200")
            .txt("_smtp._tls.example.test", "v=TLSRPTv1; rua=mailto:tls-reports@example.test");

    private MtaStsResult check(MtaStsHttpsFixture f, KeyStore trust, List<String> mx) {
        LoopbackConnector c = new LoopbackConnector().host(POLICY_HOST, "127.0.0.5");
        if (f != null) {
            c.route("127.0.0.5", 443, f.port());
        }
        SmtpOptions o = SmtpOptions.builder(dns).connector(c).resolver(c).trustStore(trust)
                .connectTimeout(Duration.ofSeconds(1)).replyTimeout(Duration.ofSeconds(5)).maxPolicyBytes(2000).build();
        return new MtaStsCheck(o).check("example.test", mx);
    }

    private static SSLContext policyCert() {
        return PKI.good(POLICY_HOST).serverContext();
    }

    @Test
    void enforcePolicyCoveringEveryMxPasses() throws IOException {
        try (MtaStsHttpsFixture f = MtaStsHttpsFixture.serving(policyCert(), ENFORCE)) {
            MtaStsResult r = check(f, PKI.trustStore(), List.of("mx.example.test", "mx2.backup.example.test"));
            assertThat(r.enforced()).isTrue();
            assertThat(r.status()).isEqualTo(Status.PASS);
            assertThat(r.policyId()).isEqualTo("20261127T1200");
            assertThat(r.policy().mode()).isEqualTo("enforce");
            assertThat(r.policy().maxAge()).isEqualTo(604_800L);
            assertThat(r.mxMatches()).extracting(MtaStsResult.MxMatch::pattern)
                    .containsExactly("mx.example.test", "*.backup.example.test");
            assertThat(r.headline()).contains("enforce mode", "7 days");
            assertThat(r.tlsRpt().rua()).containsExactly("mailto:tls-reports@example.test");
            assertThat(r.https().certificate().trusted()).isTrue();
            assertThat(f.requests()).containsExactly("GET /.well-known/mta-sts.txt Host=" + POLICY_HOST);
        }
    }

    @Test
    void mxMissingFromAnEnforcePolicyFails() throws IOException {
        try (MtaStsHttpsFixture f = MtaStsHttpsFixture.serving(policyCert(), ENFORCE)) {
            MtaStsResult r = check(f, PKI.trustStore(), List.of("mx.example.test", "mail.other.example"));
            assertThat(r.enforced()).isFalse();
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.headline()).contains("does not list your mail server mail.other.example",
                    "will refuse to deliver");
        }
    }

    @Test
    void testingModeWarnsThatStrippingStillWorks() throws IOException {
        String testing = ENFORCE.replace("enforce", "testing");
        try (MtaStsHttpsFixture f = new MtaStsHttpsFixture(policyCert(), 200, "text/plain; charset=utf-8", testing,
                true, null)) {
            MtaStsResult r = check(f, PKI.trustStore(), List.of("mx.example.test"));
            assertThat(r.policy().mode()).isEqualTo("testing"); // read through chunked transfer encoding
            assertThat(r.status()).isEqualTo(Status.WARN);
            assertThat(r.headline()).contains("only in testing mode", "still deliver without TLS");
            assertThat(r.enforced()).isFalse();
        }
    }

    @Test
    void noTxtRecordMeansNoMtaStsAndNoFetch() {
        MemoryDns empty = new MemoryDns();
        LoopbackConnector c = new LoopbackConnector();
        MtaStsResult r = new MtaStsCheck(SmtpOptions.builder(empty).connector(c).resolver(c).build())
                .check("example.test", List.of("mx.example.test"));
        assertThat(r.txtRecord()).isNull();
        assertThat(r.headline()).contains("MTA-STS is not set up for example.test");
        assertThat(r.findings()).extracting(SmtpFinding::code).contains("tlsrpt-missing");
        assertThat(c.attempts()).isEmpty();
    }

    @Test
    void policyServedWithAnUntrustedCertificateIsUseless() throws IOException {
        try (MtaStsHttpsFixture f = MtaStsHttpsFixture.serving(PKI.selfSigned(POLICY_HOST).serverContext(), ENFORCE)) {
            MtaStsResult r = check(f, PKI.trustStore(), List.of("mx.example.test"));
            assertThat(r.enforced()).isFalse();
            assertThat(r.findings()).extracting(SmtpFinding::code).contains("mtasts-https-cert-self-signed");
            assertThat(r.findings().get(0).headline()).contains("MTA-STS policy host", "self-signed");
            assertThat(r.status()).isEqualTo(Status.FAIL);
        }
    }

    @Test
    void policyHostCertificateMustNameMtaStsHost() throws IOException {
        try (MtaStsHttpsFixture f = MtaStsHttpsFixture.serving(PKI.good("www.example.test").serverContext(), ENFORCE)) {
            MtaStsResult r = check(f, PKI.trustStore(), List.of("mx.example.test"));
            assertThat(r.findings()).extracting(SmtpFinding::code).contains("mtasts-https-cert-name-mismatch");
            assertThat(r.enforced()).isFalse();
        }
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        try (MtaStsHttpsFixture f = new MtaStsHttpsFixture(policyCert(), 301, "text/html", "moved", false,
                "https://www.example.test/mta-sts.txt")) {
            MtaStsResult r = check(f, PKI.trustStore(), List.of("mx.example.test"));
            assertThat(r.httpStatus()).isEqualTo(301);
            assertThat(r.headline()).contains("could not be fetched", "redirects (301 to https://www.example.test/mta-sts.txt)",
                    "RFC 8461 forbids");
        }
    }

    @Test
    void oversizedPolicyIsRefused() throws IOException {
        try (MtaStsHttpsFixture f = MtaStsHttpsFixture.serving(policyCert(), ENFORCE + "x".repeat(5000))) {
            MtaStsResult r = check(f, PKI.trustStore(), List.of("mx.example.test"));
            assertThat(r.headline()).contains("could not be fetched", "more than the 2000 bytes");
        }
    }

    @Test
    void policyHostWithoutAddressIsSaidPlainly() {
        MtaStsResult r = check(null, PKI.trustStore(), List.of("mx.example.test"));
        // LoopbackConnector resolves mta-sts.example.test, but nothing listens: refused
        assertThat(r.headline()).contains("could not be fetched", "could not connect to mta-sts.example.test");
    }
}
