package org.mailmedic.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.mailmedic.engine.evidence.EvidenceKind;
import org.mailmedic.engine.evidence.EvidenceSniffer;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.dane.DaneCheck;
import org.mailmedic.engine.probe.dane.DaneResult;
import org.mailmedic.engine.probe.dmarc.DmarcRecord;
import org.mailmedic.engine.probe.dmarc.MtaStsRecordCheck;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.mtasts.MtaStsPolicy;
import org.mailmedic.engine.probe.mtasts.TlsRpt;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.CertificateInfo;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SmtpFinding;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.probe.spf.SpfEvaluator;
import org.mailmedic.engine.probe.spf.SpfRecord;
import org.mailmedic.engine.probe.spf.SpfResult;
import org.mailmedic.engine.probe.spf.SpfSyntaxException;
import org.mailmedic.testing.MemoryDns;
import org.mailmedic.testing.smtp.TestPki;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One fuzz target per parser of untrusted input, each driven through its in-memory entry point
 * (no temp files, no thread pools per input). Each asserts that the parser returns a result
 * within bounded time and that no safety net caught an exception of ours (the bounce reader and
 * the SPF evaluator turn a bug into a "please report" message; the SMTP session into an
 * {@code smtp-error} finding): such a message is a finding too. In a normal build they replay
 * the seeds under {@code ParserFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} Jazzer
 * mutates them (one method per JVM, see FUZZING.md).
 */
class ParserFuzzTest {

    /** Caps for one fuzzing run; a normal build only replays the seeds. */
    private static final String DURATION = "15m";
    private static final long EXECUTIONS = 1_000_000;

    private static final BounceReader BOUNCES = new BounceReader();
    private static final LogAnalyzer LOGS = new LogAnalyzer(
            LogAnalyzer.Options.fixed(ZoneOffset.UTC, Instant.parse("2026-06-01T00:00:00Z")));
    private static final MailServerCheck SMTP = new MailServerCheck();
    private static ScheduledExecutorService watchdog;
    private static X509Certificate[] chain;

    @AfterAll
    static void tearDown() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- bounces / MIME

    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void bounceDecode(byte[] bytes) {
        BounceFileResult r = BOUNCES.decode(Path.of("fuzz.eml"), bytes, false);
        assertThat(r).isNotNull();
        assertThat(String.valueOf(r.problem())).doesNotContain("please report");
    }

    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void evidenceSniffer(byte[] bytes) {
        EvidenceKind k = EvidenceSniffer.classify(new String(bytes, StandardCharsets.ISO_8859_1));
        assertThat(k).isNotNull();
    }

    // ---------------------------------------------------------------- logs

    /** Whole files: format detection, then whichever line parser it picks. */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void logLines(byte[] bytes) {
        log(bytes);
    }

    /** Postfix syslog lines: the fuzzer writes everything after "mail postfix/" (program, pid, message). */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void postfixSyslog(byte[] bytes) {
        log(prefixLines("Jun  1 10:00:00 mail postfix/", bytes));
    }

    /** Sendmail syslog lines: everything after "sm-mta" (pid, queue id, message). */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void sendmailSyslog(byte[] bytes) {
        log(prefixLines("Jun  1 10:00:00 mx1 sm-mta", bytes));
    }

    /** Exim lines through syslog: everything after "exim". */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void eximSyslog(byte[] bytes) {
        log(prefixLines("Jun  1 10:00:00 mx exim", bytes));
    }

    /** Exim mainlog: the fuzzer writes everything after the seconds (fraction, offset, [pid], event). */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void eximMainlog(byte[] bytes) {
        log(prefixLines("2026-06-01 10:00:00", bytes));
    }

    /** Exchange message tracking: a real header, fuzzed rows. */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void exchangeCsv(byte[] bytes) {
        log(concat("#Software: Microsoft Exchange Server\n#Fields: date-time,client-ip,client-hostname,server-ip,"
                + "server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,"
                + "network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,"
                + "related-recipient-address,reference,message-subject,sender-address\n",
                bytes));
    }

    /** Microsoft 365 message trace export: a real header, fuzzed rows. */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void m365Csv(byte[] bytes) {
        log(concat("\"Received\",\"SenderAddress\",\"RecipientAddress\",\"Subject\",\"Status\",\"ToIP\",\"FromIP\","
                + "\"Size\",\"MessageId\",\"MessageTraceId\"\n", bytes));
    }

    private static void log(byte[] content) {
        LogAnalysis a = LOGS.analyze("fuzz.log", content);
        assertThat(a).isNotNull();
        assertThat(a.files()).hasSize(1);
    }

    /** Each line of {@code bytes} behind {@code prefix} (blank lines dropped). */
    static byte[] prefixLines(String prefix, byte[] bytes) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start) {
                    out.write(p, 0, p.length);
                    out.write(bytes, start, i - start);
                    out.write('\n');
                }
                start = i + 1;
            }
        }
        return out.toByteArray();
    }

    static byte[] concat(String head, byte[] bytes) {
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + bytes.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(bytes, 0, all, h.length, bytes.length);
        return all;
    }

    // ---------------------------------------------------------------- SPF

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
     * The evaluator over hostile DNS: every question it asks is answered from the fuzz data
     * (NXDOMAIN, SERVFAIL, timeout, empty, or records: TXT text split into 255-byte strings, A/AAAA
     * addresses, MX/PTR names), so records, includes, redirects, macros and limits are all fuzzed.
     */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void spfEvaluator(FuzzedDataProvider data) {
        String ip = data.consumeBoolean() ? "192.0.2." + data.consumeInt(0, 255) : "2001:db8::" + Integer.toHexString(
                data.consumeInt(0, 0xffff));
        String sender = data.consumeString(40) + "@" + FuzzDns.NAMES[data.consumeInt(0, FuzzDns.NAMES.length - 1)];
        String helo = data.consumeString(40);
        SpfEvaluator e = new SpfEvaluator(new FuzzDns(data), SpfEvaluator.DEFAULT_EXPLANATION, "mx.receiver.test",
                Clock.systemUTC(), Duration.ofSeconds(2));
        SpfResult r = e.checkMailFrom(ip, sender, helo);
        assertThat(r).isNotNull();
        assertThat(r.result()).isNotNull();
        assertThat(String.valueOf(r.reason())).doesNotContain("please report");
    }

    /** A {@link Dns} whose every answer is written by the fuzzer, in the order questions come. */
    static final class FuzzDns implements Dns {
        static final String[] NAMES = {"example.test", "a.example.test", "b.example.test", "mx.example.test"};
        private final FuzzedDataProvider data;

        FuzzDns(FuzzedDataProvider data) {
            this.data = data;
        }

        @Override
        public DnsAnswer query(String name, int type) {
            int kind = data.consumeInt(0, 7);
            Duration t = Duration.ofMillis(1);
            switch (kind) {
                case 0:
                    return new DnsAnswer(name, type, Rcode.NXDOMAIN, List.of(), List.of(), false, -1, t, "fuzz", null);
                case 1:
                    return new DnsAnswer(name, type, Rcode.SERVFAIL, List.of(), List.of(), false, -1, t, "fuzz", null);
                case 2:
                    return DnsAnswer.failure(name, type, "timed out after 3 tries", Duration.ofSeconds(3), "fuzz");
                case 3:
                    return new DnsAnswer(name, type, Rcode.NOERROR, List.of(), List.of(), false, -1, t, "fuzz", null);
                default:
                    break;
            }
            Name owner;
            try {
                owner = Name.fromString(name.endsWith(".") ? name : name + ".");
            } catch (Exception e) {
                owner = Name.root;
            }
            List<Record> rs = new ArrayList<>();
            int n = data.consumeInt(1, 3);
            for (int i = 0; i < n; i++) {
                Record r = record(owner, type);
                if (r != null) {
                    rs.add(r);
                }
            }
            return new DnsAnswer(name, type, Rcode.NOERROR, rs, List.of(), data.consumeBoolean(), 300, t, "fuzz", null);
        }

        private Record record(Name owner, int type) {
            try {
                switch (type) {
                    case Type.TXT, Type.SPF: {
                        byte[] text = data.consumeString(600).getBytes(StandardCharsets.UTF_8);
                        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
                        for (int p = 0; p < text.length || p == 0; p += 255) {
                            int len = Math.min(255, text.length - p);
                            rdata.write(len);
                            rdata.write(text, p, len);
                        }
                        return Record.newRecord(owner, type, DClass.IN, 300, rdata.toByteArray());
                    }
                    case Type.A:
                        return Record.newRecord(owner, type, DClass.IN, 300, data.consumeBytes(4));
                    case Type.AAAA:
                        return Record.newRecord(owner, type, DClass.IN, 300, data.consumeBytes(16));
                    case Type.MX:
                        return new MXRecord(owner, DClass.IN, 300, data.consumeInt(0, 65535), target());
                    case Type.PTR:
                        return new PTRRecord(owner, DClass.IN, 300, target());
                    default:
                        return Record.newRecord(owner, type, DClass.IN, 300, data.consumeBytes(32));
                }
            } catch (IllegalArgumentException e) {
                return null; // not a record dnsjava would have parsed off the wire either
            }
        }

        private Name target() {
            String n = data.consumeBoolean() ? NAMES[data.consumeInt(0, NAMES.length - 1)] : data.consumeAsciiString(60);
            try {
                return Name.fromString(n.endsWith(".") ? n : n + ".");
            } catch (Exception e) {
                return Name.root;
            }
        }
    }

    // ---------------------------------------------------------------- DMARC, MTA-STS, TLSA

    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void dmarcRecord(@NotNull String text) {
        DmarcRecord r = DmarcRecord.parse(text);
        assertThat(r).isNotNull();
        r.policy();
        for (String uri : r.tags().values()) {
            DmarcRecord.uriDomain(uri);
        }
    }

    /** The policy file fetched over HTTPS, and a host name matched against its mx patterns. */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void mtaStsPolicy(FuzzedDataProvider data) {
        String host = data.consumeString(80);
        MtaStsPolicy p = MtaStsPolicy.parse(data.consumeRemainingAsString());
        assertThat(p).isNotNull();
        p.valid();
        p.matchingPattern(host);
        MtaStsPolicy.describeAge(p.maxAge());
    }

    /** The _mta-sts and _smtp._tls TXT records (RFC 8461 3.1, RFC 8460 3), several per name allowed. */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void mtaStsRecord(FuzzedDataProvider data) {
        FuzzDns answers = new FuzzDns(data);
        DnsAnswer sts = answers.query("_mta-sts.example.test", Type.TXT);
        DnsAnswer tls = answers.query("_smtp._tls.example.test", Type.TXT);
        CheckResult r = MtaStsRecordCheck.evaluate(sts, tls);
        assertThat(r.headline()).isNotBlank();
        TlsRpt t = TlsRpt.parse(tls.texts());
        assertThat(t.problems()).isNotNull();
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

    // ---------------------------------------------------------------- SMTP

    /**
     * The SMTP reply reader and what reads the replies (greeting, EHLO keywords, STARTTLS and the
     * TLS handshake over whatever follows): the "server" is the fuzzed bytes on an in-memory socket
     * (what we send is swallowed), one host checked on this thread. It must end with a headline
     * and never with an exception caught by the session's safety net.
     */
    @FuzzTest(maxDuration = DURATION, maxExecutions = EXECUTIONS)
    void smtpReplies(byte[] bytes) throws UnknownHostException {
        if (watchdog == null) {
            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "fuzz-smtp-watchdog");
                th.setDaemon(true);
                return th;
            });
        }
        SmtpOptions o = SmtpOptions.builder(new MemoryDns())
                .connector((InetSocketAddress a, int t) -> new MemorySocket(bytes))
                .resolver(h -> List.of(InetAddress.getLoopbackAddress()))
                .connectTimeout(Duration.ofMillis(200)).replyTimeout(Duration.ofMillis(200))
                .hostDeadline(Duration.ofSeconds(2)).checkSubmission(false).probeTlsVersions(false)
                .checkMtaSts(false).checkDane(false).ehloName("checker.mailmedic.test").build();
        HostResult h = SMTP.checkHost(new MxHost("mx.example.test", 10, List.of("127.0.0.1")), o, watchdog);
        assertThat(h.headline()).isNotBlank();
        for (AddressResult a : h.addresses()) {
            for (SmtpFinding f : a.smtp().findings()) {
                if ("smtp-error".equals(f.code())) {
                    assertThat(f.detail()).doesNotStartWith("java.lang.");
                }
            }
        }
    }

    /** A socket whose peer sends {@code reply} and then closes; what we write is discarded. */
    static final class MemorySocket extends Socket {
        private final InputStream in;
        private final OutputStream out = OutputStream.nullOutputStream();

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
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 25);
        }
    }

    /** dnsjava refuses an empty TLSA association (so does the wire format parser). */
    private static byte[] nonEmpty(byte[] b) {
        return b.length == 0 ? new byte[] {0} : b;
    }
}
