package org.mailmedic.testing.smtp;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates minted at test time (Bouncy Castle's builder; the JDK has no public one): a test
 * CA, and leaves that are good, expired, self-signed, for the wrong name or about to expire.
 * EC P-256 keys, because they are quick to make.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key with its chain (leaf first). */
    public record Identity(PrivateKey key, List<X509Certificate> chain) {
        public X509Certificate leaf() {
            return chain.get(0);
        }

        /** A server-side SSLContext presenting this identity. */
        public SSLContext serverContext() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("server", key, "pw".toCharArray(), chain.toArray(new X509Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, "pw".toCharArray());
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final KeyPair caKeys;
    private final X509Certificate ca;

    public TestPki() {
        caKeys = keys();
        Instant now = Instant.now();
        ca = build("CN=MailMedic Test CA,O=MailMedic tests", caKeys.getPublic(),
                new X500Name("CN=MailMedic Test CA,O=MailMedic tests"),
                caKeys.getPrivate(), now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(3650)), true, List.of());
    }

    public X509Certificate ca() {
        return ca;
    }

    /** A trust store holding only the test CA. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("test-ca", ca);
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A leaf issued by the test CA for {@code names}, valid from {@code from} to {@code to}. */
    public Identity leaf(Instant from, Instant to, String... names) {
        KeyPair k = keys();
        X509Certificate c = build("CN=" + names[0], k.getPublic(),
                X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                caKeys.getPrivate(), from, to, false, List.of(names));
        return new Identity(k.getPrivate(), List.of(c, ca));
    }

    public Identity good(String... names) {
        Instant now = Instant.now();
        return leaf(now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(80)), names);
    }

    public Identity expired(String... names) {
        Instant now = Instant.now();
        return leaf(now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(10)), names);
    }

    public Identity expiringIn(Duration d, String... names) {
        Instant now = Instant.now();
        return leaf(now.minus(Duration.ofDays(80)), now.plus(d), names);
    }

    /** Self-signed: issuer = subject, signed by its own key. */
    public Identity selfSigned(String name) {
        KeyPair k = keys();
        Instant now = Instant.now();
        X509Certificate c = build("CN=" + name, k.getPublic(), new X500Name("CN=" + name), k.getPrivate(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), false, List.of(name));
        return new Identity(k.getPrivate(), List.of(c));
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(String subject, java.security.PublicKey key, X500Name issuer,
            PrivateKey issuerKey, Instant from, Instant to, boolean isCa, List<String> dnsNames) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), new X500Name(subject),
                    key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                GeneralName[] sans = dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
