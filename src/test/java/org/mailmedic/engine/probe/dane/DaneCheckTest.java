package org.mailmedic.engine.probe.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.probe.smtp.CertificateInfo;
import org.mailmedic.engine.probe.smtp.Status;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.TestPki;
import org.xbill.DNS.Type;

/** TLSA records (in-memory DNS) matched against a chain minted by the test CA. */
class DaneCheckTest {

    private static final TestPki PKI = new TestPki();
    private static final String MX = "mx.example.test";
    private static final String TLSA = "_25._tcp.mx.example.test";
    private final List<CertificateInfo> chain = PKI.good(MX).chain().stream().map(CertificateInfo::of).toList();

    private static byte[] sha(String alg, byte[] b) throws Exception {
        return MessageDigest.getInstance(alg).digest(b);
    }

    @Test
    void signedDaneEeRecordMatchingTheKeyProtects() throws Exception {
        MemoryDns dns = new MemoryDns().tlsa(TLSA, true, 3, 1, 1, sha("SHA-256", chain.get(0).subjectPublicKeyInfo()));
        DaneResult r = new DaneCheck(dns).check(MX, 25, chain, true);
        assertThat(r.protects()).isTrue();
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.headline()).isEqualTo("DANE protects mx.example.test: signed TLSA records match its certificate.");
        assertThat(r.records().get(0).note()).startsWith("matches the server certificate CN=mx.example.test");
        assertThat(dns.asked()).containsExactly("_25._tcp.mx.example.test/TLSA");
    }

    @Test
    void fullCertificateAndSha512MatchToo() throws Exception {
        MemoryDns dns = new MemoryDns().tlsa(TLSA, true, 3, 0, 0, chain.get(0).encoded())
                .tlsa(TLSA, true, 3, 0, 2, sha("SHA-512", chain.get(0).encoded()));
        DaneResult r = new DaneCheck(dns).check(MX, 25, chain, true);
        assertThat(r.records()).allMatch(TlsaMatch::matches);
    }

    @Test
    void daneTaMatchesTheIssuerButNeedsTheRightName() throws Exception {
        MemoryDns dns = new MemoryDns().tlsa(TLSA, true, 2, 0, 1, sha("SHA-256", chain.get(1).encoded()));
        assertThat(new DaneCheck(dns).check(MX, 25, chain, true).protects()).isTrue();
        DaneResult wrongName = new DaneCheck(dns).check(MX, 25, chain, false);
        assertThat(wrongName.protects()).isFalse();
        assertThat(wrongName.records().get(0).note()).contains("leaf certificate does not name the MX host");
    }

    @Test
    void staleRecordAfterAKeyChangeFails() throws Exception {
        byte[] otherKey = sha("SHA-256", PKI.good(MX).leaf().getPublicKey().getEncoded());
        MemoryDns dns = new MemoryDns().tlsa(TLSA, true, 3, 1, 1, otherKey);
        DaneResult r = new DaneCheck(dns).check(MX, 25, chain, true);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.headline()).contains("do not match its certificate", "will refuse to deliver");
    }

    @Test
    void unsignedRecordsDoNotCount() throws Exception {
        MemoryDns dns = new MemoryDns().tlsa(TLSA, false, 3, 1, 1, sha("SHA-256", chain.get(0).subjectPublicKeyInfo()));
        DaneResult r = new DaneCheck(dns).check(MX, 25, chain, true);
        assertThat(r.protects()).isFalse();
        assertThat(r.headline()).contains("not DNSSEC-signed");
    }

    @Test
    void pkixUsagesAreUnusableForSmtp() throws Exception {
        MemoryDns dns = new MemoryDns().tlsa(TLSA, true, 1, 1, 1, sha("SHA-256", chain.get(0).subjectPublicKeyInfo()));
        DaneResult r = new DaneCheck(dns).check(MX, 25, chain, true);
        assertThat(r.protects()).isFalse();
        assertThat(r.headline()).contains("types that SMTP senders ignore");
        assertThat(r.records().get(0).note()).contains("RFC 7672");
    }

    @Test
    void noRecordsMeansDaneIsNotSetUp() {
        DaneResult r = new DaneCheck(new MemoryDns()).check(MX, 25, chain, true);
        assertThat(r.status()).isEqualTo(Status.INFO);
        assertThat(r.headline()).isEqualTo("DANE is not set up for mx.example.test (no TLSA record).");
    }

    @Test
    void dnsFailureIsSaidAsSuch() {
        DaneResult r = new DaneCheck(new MemoryDns().timeout(TLSA, Type.TLSA)).check(MX, 25, chain, true);
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.headline()).contains("Could not look up", "timed out", "did not answer within 3000 ms (3 tries)");
    }

    @Test
    void publishedDaneWithoutAnyCertificateSeenFails() throws Exception {
        MemoryDns dns = new MemoryDns().tlsa(TLSA, true, 3, 1, 1, sha("SHA-256", chain.get(0).subjectPublicKeyInfo()));
        DaneResult r = new DaneCheck(dns).check(MX, 25, List.of(), false);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.headline()).contains("no certificate could be seen");
    }
}
