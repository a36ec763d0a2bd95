package org.mailmedic.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.evidence.EvidenceSniffer;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;
import org.mailmedic.engine.probe.dane.DaneCheck;
import org.mailmedic.engine.probe.dane.DaneResult;
import org.mailmedic.engine.probe.dmarc.DmarcRecord;
import org.mailmedic.engine.probe.mtasts.MtaStsPolicy;
import org.mailmedic.engine.probe.smtp.CertificateInfo;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.probe.spf.SpfEvaluator;
import org.mailmedic.engine.probe.spf.SpfRecord;
import org.mailmedic.engine.probe.spf.SpfResult;
import org.mailmedic.engine.probe.spf.SpfSyntaxException;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.TestPki;

/**
 * One fuzz target per parser of untrusted input. Each asserts that the parser returns a result
 * (never an unchecked exception; only the documented checked ones) within bounded time. In a
 * normal build they replay the seeds under {@code ParserFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} Jazzer mutates them (run one method at a time, see FUZZING.md).
 */
class ParserFuzzTest {

    /** Generous caps for a single fuzz run; a normal build only replays the seeds. */
    private static final String DURATION = "10m";
    private static final long EXECUTIONS = 1_000_000;

    private static Path dir;
    private static X509Certificate[] chain;

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("mailmedic-fuzz");
    }

    @AfterAll
    static void tearDown() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Path write(String name, byte[] bytes) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, bytes);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void bounceDecode(byte[] bytes) {
        BounceFileResult r = new BounceReader().decode(Path.of("fuzz.eml"), bytes, false);
        assertThat(r).isNotNull();
    }

    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void evidenceSniffer(byte[] bytes) {
        EvidenceFile f = new EvidenceSniffer().sniff(write("sniff.bin", bytes));
        assertThat(f).isNotNull();
    }

    /** Each log format is reached through the analyzer: it sniffs the format from the lines. */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void logLines(byte[] bytes) {
        Path p = write("mail.log", bytes);
        LogAnalysis a = new LogAnalyzer(LogAnalyzer.Options.fixed(ZoneOffset.UTC, Instant.parse("2026-06-01T00:00:00Z")))
                .analyze(List.of(p), LogAnalyzer.Progress.NONE, () -> false);
        assertThat(a).isNotNull();
    }

    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void spfRecord(@NotNull String text) {
        try {
            SpfRecord r = SpfRecord.parse(text);
            assertThat(r.terms()).isNotNull();
        } catch (SpfSyntaxException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /**
     * The evaluator over hostile DNS: the fuzzer writes the SPF records of the domain and of a
     * few names it may include/redirect to, and the A/MX/PTR/exists answers.
     */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void spfEvaluator(FuzzedDataProvider data) {
        MemoryDns dns = new MemoryDns();
        String[] names = {"example.test", "a.example.test", "b.example.test", "c.example.test"};
        for (String n : names) {
            if (data.consumeBoolean()) {
                dns.txt(n, zoneString(data.consumeAsciiString(250)));
            }
            if (data.consumeBoolean()) {
                dns.a(n, "192.0.2." + data.consumeInt(0, 255));
            }
        }
        String ip = data.consumeBoolean() ? "192.0.2." + data.consumeInt(0, 255) : "2001:db8::" + data.consumeInt(0, 0xffff);
        SpfEvaluator e = new SpfEvaluator(dns, SpfEvaluator.DEFAULT_EXPLANATION, "mx.receiver.test",
                java.time.Clock.systemUTC(), Duration.ofSeconds(2));
        String sender = data.consumeString(40) + "@" + names[data.consumeInt(0, names.length - 1)];
        SpfResult r = e.checkMailFrom(ip, sender, data.consumeRemainingAsString());
        assertThat(r).isNotNull();
        assertThat(r.result()).isNotNull();
    }

    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void dmarcRecord(@NotNull String text) {
        DmarcRecord r = DmarcRecord.parse(text);
        assertThat(r).isNotNull();
        r.policy();
        for (String uri : r.tags().values()) {
            DmarcRecord.uriDomain(uri);
        }
    }

    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void mtaStsPolicy(FuzzedDataProvider data) {
        String host = data.consumeString(80);
        MtaStsPolicy p = MtaStsPolicy.parse(data.consumeRemainingAsString());
        assertThat(p).isNotNull();
        p.valid();
        p.matchingPattern(host);
        MtaStsPolicy.describeAge(p.maxAge());
    }

    /** TLSA records with fuzzed usage/selector/matching type/data against a real certificate chain. */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void tlsaMatching(FuzzedDataProvider data) {
        if (chain == null) {
            chain = new TestPki().good("mx.example.test").chain().toArray(new X509Certificate[0]);
        }
        MemoryDns dns = new MemoryDns();
        int n = data.consumeInt(1, 4);
        for (int i = 0; i < n; i++) {
            dns.tlsa("_25._tcp.mx.example.test", data.consumeBoolean(), data.consumeInt(0, 255), data.consumeInt(0, 255),
                    data.consumeInt(0, 255), nonEmpty(data.consumeBytes(80)));
        }
        List<CertificateInfo> infos = data.consumeBoolean()
                ? List.of()
                : java.util.Arrays.stream(chain).map(CertificateInfo::of).toList();
        DaneResult r = new DaneCheck(dns).check("mx.example.test", 25, infos, data.consumeBoolean());
        assertThat(r).isNotNull();
        assertThat(r.records()).isNotNull();
    }

    /**
     * The SMTP reply reader, through the whole live check: the "server" is the fuzzed bytes on an
     * in-memory socket (its output is swallowed). The check must end with a finding.
     */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void smtpReplies(byte[] bytes) {
        SmtpOptions o = SmtpOptions.builder(new MemoryDns())
                .connector((InetSocketAddress a, int t) -> new MemorySocket(bytes))
                .resolver(h -> List.of(java.net.InetAddress.getLoopbackAddress()))
                .connectTimeout(Duration.ofMillis(200)).replyTimeout(Duration.ofMillis(200))
                .hostDeadline(Duration.ofSeconds(2)).checkSubmission(false).probeTlsVersions(false)
                .checkMtaSts(false).checkDane(false).ehloName("checker.mailmedic.test").build();
        SmtpCheckResult r = new MailServerCheck().check("example.test",
                List.of(new MxHost("mx.example.test", 10, List.of("127.0.0.1"))), o, h -> { });
        HostResult h = r.hosts().get(0);
        assertThat(h.headline()).isNotBlank();
    }

    /** A socket whose peer sends {@code reply} and then closes; what we write is discarded. */
    static final class MemorySocket extends Socket {
        private final InputStream in;
        private final OutputStream out = new ByteArrayOutputStream();

        MemorySocket(byte[] reply) {
            this.in = new ByteArrayInputStream(reply);
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public InetSocketAddress getRemoteSocketAddress() {
            return new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 25);
        }
    }

    /** MemoryDns takes master-file text: escape so the record holds exactly the fuzzed bytes. */
    private static String zoneString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** dnsjava refuses an empty TLSA association (so does the wire format parser). */
    private static byte[] nonEmpty(byte[] b) {
        return b.length == 0 ? new byte[] {0} : b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
