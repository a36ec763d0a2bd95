package org.mailmedic.engine.probe.smtp;

import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.mailmedic.engine.probe.dns.Dns;

/**
 * How the live SMTP/TLS check behaves: ports, deadlines, the polite-dialogue choices and every
 * injectable seam (connector, resolver, DNS, trust store, clock). Build with {@link #builder(Dns)}.
 *
 * @param smtpPort          port of the MX dialogue (25; tests use an ephemeral one)
 * @param submissionPort    submission port checked when {@code checkSubmission} (587)
 * @param implicitTlsPort   implicit-TLS submission port checked when {@code checkSubmission} (465)
 * @param checkSubmission   also look at 587 and 465 on each MX address
 * @param probeTlsVersions  probe TLS 1.0, 1.1, 1.2 and 1.3 one by one (one connection each)
 * @param ehloName          the name we greet with; null greets with our own address literal
 *                          ({@code EHLO [192.0.2.1]}), which RFC 5321 allows and needs no DNS
 * @param recipientProbe    null (the default): never MAIL/RCPT. Otherwise the address that the
 *                          opt-in recipient probe asks about with MAIL FROM:&lt;&gt;, RCPT TO, RSET
 * @param connectTimeout    per TCP connect (5 s)
 * @param replyTimeout      per SMTP reply and per TLS handshake (10 s)
 * @param hostDeadline      everything about one MX host (30 s)
 * @param maxLineBytes      longest reply line accepted (4096)
 * @param maxReplyLines     most lines in one multi-line reply (100)
 * @param parallelism       hosts checked at once
 * @param connector         opens every TCP connection
 * @param resolver          host name to addresses (MX hosts without addresses, mta-sts host)
 * @param dns               TXT / TLSA lookups (MTA-STS, TLS-RPT, DANE)
 * @param trustStore        trust anchors for certificate validation; null = the JDK's cacerts
 * @param clock             "now" for expiry and timestamps
 * @param httpsPort         port of the MTA-STS policy host (443)
 * @param maxPolicyBytes    largest MTA-STS policy body accepted (64 KiB, RFC 8461 §3.3)
 * @param checkMtaSts       look up and fetch the MTA-STS policy
 * @param checkDane         look up TLSA records and match them
 */
public record SmtpOptions(int smtpPort, int submissionPort, int implicitTlsPort, boolean checkSubmission,
        boolean probeTlsVersions, String ehloName, String recipientProbe, Duration connectTimeout,
        Duration replyTimeout, Duration hostDeadline, int maxLineBytes, int maxReplyLines, int parallelism,
        Connector connector, AddressResolver resolver, Dns dns, KeyStore trustStore, Clock clock,
        int httpsPort, int maxPolicyBytes, boolean checkMtaSts, boolean checkDane) {

    public SmtpOptions {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(clock, "clock");
        if (recipientProbe != null && !recipientProbe.matches("[^<>\\s\\r\\n]+@[^<>\\s\\r\\n@]+")) {
            throw new IllegalArgumentException("not a mail address: " + recipientProbe);
        }
        if (ehloName != null && !ehloName.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new IllegalArgumentException("not a host name: " + ehloName);
        }
    }

    /** Production defaults (ports 25/587/465/443, 5 s / 10 s / 30 s) over {@code dns}. */
    public static Builder builder(Dns dns) {
        return new Builder(dns);
    }

    public Builder toBuilder() {
        Builder b = new Builder(dns);
        b.smtpPort = smtpPort;
        b.submissionPort = submissionPort;
        b.implicitTlsPort = implicitTlsPort;
        b.checkSubmission = checkSubmission;
        b.probeTlsVersions = probeTlsVersions;
        b.ehloName = ehloName;
        b.recipientProbe = recipientProbe;
        b.connectTimeout = connectTimeout;
        b.replyTimeout = replyTimeout;
        b.hostDeadline = hostDeadline;
        b.maxLineBytes = maxLineBytes;
        b.maxReplyLines = maxReplyLines;
        b.parallelism = parallelism;
        b.connector = connector;
        b.resolver = resolver;
        b.trustStore = trustStore;
        b.clock = clock;
        b.httpsPort = httpsPort;
        b.maxPolicyBytes = maxPolicyBytes;
        b.checkMtaSts = checkMtaSts;
        b.checkDane = checkDane;
        return b;
    }

    /** Mutable builder; every setter returns {@code this}. */
    public static final class Builder {
        private final Dns dns;
        private int smtpPort = 25;
        private int submissionPort = 587;
        private int implicitTlsPort = 465;
        private boolean checkSubmission = true;
        private boolean probeTlsVersions = true;
        private String ehloName;
        private String recipientProbe;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration replyTimeout = Duration.ofSeconds(10);
        private Duration hostDeadline = Duration.ofSeconds(30);
        private int maxLineBytes = 4096;
        private int maxReplyLines = 100;
        private int parallelism = 4;
        private Connector connector = Connector.direct();
        private AddressResolver resolver;
        private KeyStore trustStore;
        private Clock clock = Clock.systemUTC();
        private int httpsPort = 443;
        private int maxPolicyBytes = 64 * 1024;
        private boolean checkMtaSts = true;
        private boolean checkDane = true;

        private Builder(Dns dns) {
            this.dns = Objects.requireNonNull(dns, "dns");
        }

        public Builder smtpPort(int v) { smtpPort = v; return this; }
        public Builder submissionPort(int v) { submissionPort = v; return this; }
        public Builder implicitTlsPort(int v) { implicitTlsPort = v; return this; }
        public Builder checkSubmission(boolean v) { checkSubmission = v; return this; }
        public Builder probeTlsVersions(boolean v) { probeTlsVersions = v; return this; }
        public Builder ehloName(String v) { ehloName = v; return this; }
        public Builder recipientProbe(String v) { recipientProbe = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder replyTimeout(Duration v) { replyTimeout = v; return this; }
        public Builder hostDeadline(Duration v) { hostDeadline = v; return this; }
        public Builder maxLineBytes(int v) { maxLineBytes = v; return this; }
        public Builder maxReplyLines(int v) { maxReplyLines = v; return this; }
        public Builder parallelism(int v) { parallelism = v; return this; }
        public Builder connector(Connector v) { connector = v; return this; }
        public Builder resolver(AddressResolver v) { resolver = v; return this; }
        public Builder trustStore(KeyStore v) { trustStore = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder httpsPort(int v) { httpsPort = v; return this; }
        public Builder maxPolicyBytes(int v) { maxPolicyBytes = v; return this; }
        public Builder checkMtaSts(boolean v) { checkMtaSts = v; return this; }
        public Builder checkDane(boolean v) { checkDane = v; return this; }

        /** Scales connect/reply/host deadlines together from one "--timeout SECONDS" value. */
        public Builder timeoutSeconds(int seconds) {
            replyTimeout = Duration.ofSeconds(Math.max(1, seconds));
            connectTimeout = Duration.ofSeconds(Math.max(1, Math.min(5, seconds)));
            hostDeadline = Duration.ofSeconds(Math.max(3L * seconds, 3));
            return this;
        }

        public SmtpOptions build() {
            return new SmtpOptions(smtpPort, submissionPort, implicitTlsPort, checkSubmission, probeTlsVersions,
                    ehloName, recipientProbe, connectTimeout, replyTimeout, hostDeadline, maxLineBytes,
                    maxReplyLines, Math.max(1, parallelism), connector,
                    resolver != null ? resolver : AddressResolver.viaDns(dns), dns, trustStore, clock, httpsPort,
                    maxPolicyBytes, checkMtaSts, checkDane);
        }
    }
}
