package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailmedic.engine.logs.CorpusTest.analyzer;
import static org.mailmedic.engine.logs.CorpusTest.resource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.evidence.EvidenceSniffer;
import org.mailmedic.engine.report.Json;

class LogAnalyzerTest {

    @TempDir
    Path dir;

    private static final LogAnalyzer UTC_2026 = analyzer(ZoneOffset.UTC, "2026-12-31T12:00:00Z");

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Path gzip(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(p))) {
            os.write(content);
        }
        return p;
    }

    // ------------------------------------------------------------ the generated log: known truth

    @Test
    void generatedLogIsCountedExactlyAndTheThrottleLimitIsInferred() throws IOException {
        Path log = dir.resolve("maillog");
        LogGenerator.Summary truth = LogGenerator.write(log, 24L << 20,
                new LogGenerator.Config(7, java.time.LocalDateTime.of(2026, 10, 1, 0, 0), 800, 100, 49));
        LogAnalysis a = analyzer(ZoneOffset.UTC, "2026-11-01T00:00:00Z").analyze(List.of(log), null, null);

        assertThat(a.totals().delivered()).isEqualTo(truth.delivered());
        assertThat(a.totals().bounced()).isEqualTo(truth.bounced());
        assertThat(a.totals().deferredAttempts()).isEqualTo(truth.deferred());
        assertThat(a.totals().expired()).isEqualTo(truth.expired());
        assertThat(a.totals().messagesReceived()).isEqualTo(truth.messages());
        assertThat(a.totals().recipients()).isEqualTo(truth.recipients());
        assertThat(a.totals().stillQueued()).isEqualTo(truth.stillQueued());

        LogAnalysis.Throttle t = a.throttle(LogGenerator.THROTTLED);
        assertThat(t).isNotNull();
        assertThat(t.inferredDailyLimit()).isEqualTo(49);
        assertThat(t.summary()).startsWith("throttled.example accepts about 49 messages a day from your server");
        assertThat(t.deferredAttempts()).isEqualTo(truth.throttledDeferrals());
        assertThat(t.expired()).isEqualTo(truth.throttledExpired()).isPositive();
        assertThat(t.onsets()).hasSizeGreaterThan(5);
        assertThat(t.onsets().get(0).acceptedInPrevious24h()).isEqualTo(49);
        assertThat(t.evidence()).isNotEmpty();
        assertThat(t.evidence().get(0).text()).contains("421 4.7.0 Too many messages");
        assertThat(t.evidence().get(0).ref()).startsWith(log.toString() + ":");
        assertThat(a.throttles()).extracting(LogAnalysis.Throttle::destination)
                .containsExactly(LogGenerator.THROTTLED); // greylisting and timeouts are not throttling
        assertThat(a.destinations().get(0).domain()).isEqualTo(LogGenerator.THROTTLED); // most troubled first

        LogAnalysis.Arrivals arr = a.arrivalsFor(LogGenerator.THROTTLED);
        assertThat(arr.byHourOfDay()).hasSize(24);
        assertThat(arr.averagePerDay()).isBetween(70.0, 130.0);
        assertThat(a.destination(LogGenerator.THROTTLED).stillQueued()).isPositive();
        assertThat(a.queue().byDestination().get(0).destination()).isEqualTo(LogGenerator.THROTTLED);

        assertThat(a.tlsInbound()).isNotEmpty();
        assertThat(a.tlsInbound().stream().mapToLong(LogAnalysis.TlsFailures::failures).sum())
                .isEqualTo(truth.tlsFailures());
        assertThat(a.tlsInbound().get(0).reasons().get(0).reason()).isEqualTo("no shared cipher");
        assertThat(a.tlsInbound().get(0).peer()).matches("scanner\\d\\.probe\\.example \\[192\\.0\\.2\\.\\d+]");

        assertThat(a.policyRejections()).anySatisfy(p -> {
            assertThat(p.destination()).isEqualTo(LogGenerator.SPF);
            assertThat(p.kind()).isEqualTo("spf");
            assertThat(p.permanent()).isPositive();
        });
        assertThat(a.policyRejections()).anySatisfy(p -> {
            assertThat(p.destination()).isEqualTo(LogGenerator.BLOCKED);
            assertThat(p.kind()).isEqualTo("blocklist");
        });
        assertThat(a.sampleTimelines()).isNotEmpty();
    }

    // ------------------------------------------------------------ formats

    @Test
    void readsRfc5424IsoAndMaillogFileTimestamps() throws IOException {
        Path p = write("mixed.log", String.join("\n",
                "<22>1 2026-11-23T08:14:03.123Z mail postfix/smtp 1234 - - A1B2C3D4E5: to=<a@one.example>, relay=mx.one.example[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)",
                "2026-11-23T09:14:03.123456+01:00 mail postfix/smtp[1235]: A1B2C3D4E6: to=<b@two.example>, relay=mx.two.example[192.0.2.2]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)",
                "Nov 23 08:14:05.000123 mail postfix/smtp[1236]: A1B2C3D4E7: to=<c@three.example>, relay=mx.three.example[192.0.2.3]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.three.example[192.0.2.3] said: 550 5.1.1 no such user (in reply to RCPT TO command))",
                "Nov 23 08:14:06 mail dovecot: imap-login: Login: user=<x@y>",
                ""));
        LogAnalysis a = UTC_2026.analyze(List.of(p), null, null);
        assertThat(a.files().get(0).mailLines()).isEqualTo(3);
        assertThat(a.files().get(0).lines()).isEqualTo(4);
        assertThat(a.totals().delivered()).isEqualTo(2);
        assertThat(a.firstEvent()).isEqualTo(Instant.parse("2026-11-23T08:14:03Z"));
        assertThat(a.lastEvent()).isEqualTo(Instant.parse("2026-11-23T08:14:05Z"));
        LogAnalysis.ReplyCount r = a.destination("three.example").topReplies().get(0);
        assertThat(r.code()).isEqualTo("550");
        assertThat(r.enhancedStatus()).isEqualTo("5.1.1");
        assertThat(r.text()).isEqualTo("550 5.1.1 no such user");
    }

    @Test
    void sendmailStarttlsWithoutCertificateShowsAsInboundNoSharedCipher() {
        LogAnalysis a = analyzer(ZoneOffset.UTC, "2026-11-30T00:00:00Z")
                .analyze(List.of(resource("sendmail/starttls-no-shared-cipher.log")), null, null);
        assertThat(a.files().get(0).format()).isEqualTo("Sendmail (syslog)");
        assertThat(a.tlsInbound()).extracting(LogAnalysis.TlsFailures::peer)
                .containsExactly("mail-yw1-f41.google.com [209.85.211.41]", "mail-yb1-f170.google.com [209.85.219.170]");
        LogAnalysis.TlsFailures g = a.tlsInbound().get(0);
        assertThat(g.failures()).isEqualTo(2);
        assertThat(g.reasons()).extracting(LogAnalysis.ReasonCount::reason).containsExactly("no shared cipher");
        assertThat(g.evidence().get(0).line()).isEqualTo(2);
        assertThat(a.tlsOutbound()).extracting(LogAnalysis.TlsFailures::peer).containsExactly("mx.oldtls.example");
        LogAnalysis.Throttle t = a.throttle("isp-mail.example");
        assertThat(t).isNotNull();
        assertThat(t.inferredDailyLimit()).isNull(); // nothing accepted before: no limit to infer
        assertThat(t.typicalReply()).isEqualTo("421 Too many messages (4.7.0) from …");
        assertThat(a.destination("smallbiz.example").delivered()).isEqualTo(1);
    }

    @Test
    void exchangeTrackingLogJoinsByInternalIdAndSeesExpiryAndRateLimit() {
        LogAnalysis a = analyzer(ZoneOffset.UTC, "2026-11-30T00:00:00Z")
                .analyze(List.of(resource("exchange/MSGTRK2026112308-1.LOG")), null, null);
        assertThat(a.files().get(0).format()).isEqualTo("Exchange message tracking");
        assertThat(a.totals().messagesReceived()).isEqualTo(3);
        assertThat(a.destination("fabrikam.example").delivered()).isEqualTo(1);
        assertThat(a.destination("fabrikam.example").bounced()).isEqualTo(1);
        assertThat(a.destination("fabrikam.example").topReplies().get(0).enhancedStatus()).isEqualTo("5.1.1");
        assertThat(a.destination("contoso.example").delivered()).isEqualTo(1); // DELIVER to a mailbox
        LogAnalysis.Destination ts = a.destination("tailspin.example");
        assertThat(ts.deferredAttempts()).isEqualTo(2);
        assertThat(ts.expired()).isEqualTo(1);
        assertThat(ts.stillQueued()).isZero();
        assertThat(a.throttle("tailspin.example").typicalReply()).contains("[TSS04]");
    }

    @Test
    void m365MessageTraceListAndSummaryReportBothRead() {
        LogAnalyzer an = analyzer(ZoneOffset.UTC, "2026-11-30T00:00:00Z");
        LogAnalysis list = an.analyze(List.of(resource("m365/MessageTrace_2026-11-24.csv")), null, null);
        assertThat(list.files().get(0).format()).isEqualTo("Microsoft 365 message trace");
        assertThat(list.destination("fabrikam.example").delivered()).isEqualTo(1);
        assertThat(list.destination("fabrikam.example").bounced()).isEqualTo(1);
        assertThat(list.destination("tailspin.example").stillQueued()).isEqualTo(1);
        assertThat(list.destination("contoso.example").delivered()).isEqualTo(1); // filtered spam is not a delivery
        assertThat(list.firstEvent()).isEqualTo(Instant.parse("2026-11-24T07:02:11Z"));
        assertThat(list.lastEvent()).isEqualTo(Instant.parse("2026-11-24T14:41:09Z"));
        LogAnalysis summary = an.analyze(List.of(resource("m365/MTSummary_Report.csv")), null, null);
        assertThat(summary.destination("fabrikam.example").delivered()).isEqualTo(1);
        assertThat(summary.destination("fabrikam.example").bounced()).isEqualTo(1);
        assertThat(summary.destination("tailspin.example").deferredAttempts()).isEqualTo(1);
    }

    // ------------------------------------------------------------ several files, years, merge

    @Test
    void rotatedFilesAreMergedInTimeOrderAndJoinedByQueueIdAcrossNewYear() throws IOException {
        String older = "Dec 31 23:50:00 mail postfix/qmgr[1]: ABCDE12345: from=<me@here.example>, size=100, nrcpt=1 (queue active)\n"
                + "Dec 31 23:50:01 mail postfix/smtp[2]: ABCDE12345: to=<x@there.example>, relay=mx.there.example[192.0.2.9]:25, delay=1, delays=0/0/0/1, dsn=4.7.0, status=deferred (host mx.there.example[192.0.2.9] said: 421 4.7.0 Too many messages (in reply to MAIL FROM command))\n";
        String newer = "Jan  1 00:20:01 mail postfix/smtp[3]: ABCDE12345: to=<x@there.example>, relay=mx.there.example[192.0.2.9]:25, delay=1201, delays=1200/0/0/1, dsn=2.0.0, status=sent (250 ok)\n"
                + "Jan  1 00:20:01 mail postfix/qmgr[1]: ABCDE12345: removed\n";
        Path p1 = dir.resolve("maillog.1.gz");
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(p1))) {
            os.write(older.getBytes(StandardCharsets.US_ASCII));
        }
        Path p0 = write("maillog", newer);
        Files.setLastModifiedTime(p1, FileTime.from(Instant.parse("2027-01-01T00:00:00Z")));
        Files.setLastModifiedTime(p0, FileTime.from(Instant.parse("2027-01-01T06:00:00Z")));
        LogAnalyzer an = new LogAnalyzer(new LogAnalyzer.Options(ZoneOffset.UTC, LogAnalyzer::modified));
        LogAnalysis a = an.analyze(List.of(p0, p1), null, null); // newest first, as a shell glob might give them
        assertThat(a.firstEvent()).isEqualTo(Instant.parse("2026-12-31T23:50:00Z"));
        assertThat(a.lastEvent()).isEqualTo(Instant.parse("2027-01-01T00:20:01Z"));
        assertThat(a.files().get(1).compressed()).isTrue();
        assertThat(a.totals().delivered()).isEqualTo(1);
        assertThat(a.queue().recipients()).isZero();
        assertThat(a.destination("there.example").days()).extracting(LogAnalysis.Day::date)
                .containsExactly(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1));
        LogAnalysis.MessageTimeline t = an.trace(List.of(p0, p1), "ABCDE12345", null);
        assertThat(t.recipients().get(0).attempts()).extracting(LogAnalysis.DeliveryAttempt::status)
                .containsExactly("deferred", "sent");
        assertThat(t.recipients().get(0).attempts().get(0).evidence().file()).isEqualTo(p1.toString());
    }

    @Test
    void eachLineKeepsItsOwnTimeWhenTheSecondRepeatsOrChanges() throws IOException {
        // The reader reuses the last parsed "Mon dd hh:mm:ss" when a line starts with the same
        // bytes; a fraction (Postfix's maillog_file) or a changed digit must not be taken for it.
        String q = "ABCDE77777";
        Path p = write("maillog",
                "Nov 23 08:14:03 mail postfix/qmgr[1]: " + q + ": from=<a@b.example>, size=1, nrcpt=4 (queue active)\n"
                + "Nov 23 08:14:03.250000 mail postfix/smtp[2]: " + q + ": to=<u1@c.example>, relay=c[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=4.2.0, status=deferred (450 busy)\n"
                + "Nov 23 08:14:04 mail postfix/smtp[2]: " + q + ": to=<u2@c.example>, relay=c[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=4.2.0, status=deferred (450 busy)\n"
                + "Nov 23 09:14:04 mail postfix/smtp[2]: " + q + ": to=<u3@c.example>, relay=c[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=4.2.0, status=deferred (450 busy)\n"
                + "Dec 23 09:14:04 mail postfix/smtp[2]: " + q + ": to=<u4@c.example>, relay=c[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=4.2.0, status=deferred (450 busy)\n");
        LogAnalysis.MessageTimeline t = UTC_2026.trace(List.of(p), q, null);
        assertThat(t.recipients()).extracting(r -> r.attempts().get(0).at()).containsExactly(
                Instant.parse("2026-11-23T08:14:03Z"), Instant.parse("2026-11-23T08:14:04Z"),
                Instant.parse("2026-11-23T09:14:04Z"), Instant.parse("2026-12-23T09:14:04Z"));
    }

    @Test
    void aQueueIdUsedAgainAfterItsMessageEndedIsANewMessage() throws IOException {
        // Postfix reuses short queue ids: the second story must not be joined to the first one,
        // which its last delivery closed just before qmgr's "removed".
        String q = "C0FFEE1234";
        Path p = write("maillog",
                "Nov 23 08:00:00 mail postfix/qmgr[1]: " + q + ": from=<a@here.example>, size=10, nrcpt=1 (queue active)\n"
                + "Nov 23 08:00:01 mail postfix/smtp[2]: " + q + ": to=<x@one.example>, relay=one[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)\n"
                + "Nov 23 08:00:01 mail postfix/qmgr[1]: " + q + ": removed\n"
                + "Nov 23 08:00:01 mail postfix/qmgr[1]: " + q + ": removed\n" // said twice: still nothing open
                + "Nov 23 09:00:00 mail postfix/qmgr[1]: " + q + ": from=<b@here.example>, size=20, nrcpt=1 (queue active)\n"
                + "Nov 23 09:00:01 mail postfix/smtp[2]: " + q + ": to=<z@two.example>, relay=two[192.0.2.2]:25, delay=1, delays=0/0/0/1, dsn=4.2.0, status=deferred (450 busy)\n");
        LogAnalysis a = UTC_2026.analyze(List.of(p), null, null);
        assertThat(a.totals().messagesReceived()).isEqualTo(2);
        assertThat(a.totals().delivered()).isEqualTo(1);
        assertThat(a.totals().stillQueued()).isEqualTo(1);
        assertThat(a.queue().messages()).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("b@here.example");
            assertThat(m.recipients()).extracting(LogAnalysis.RecipientTimeline::address).containsExactly("z@two.example");
        });
    }

    @Test
    void yearRollsOverInsideOneFile() throws IOException {
        Path p = write("maillog", "Dec 31 23:59:59 mail postfix/smtp[2]: ABCDE00001: to=<x@a.example>, relay=a[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)\n"
                + "Jan  1 00:00:01 mail postfix/smtp[2]: ABCDE00002: to=<y@a.example>, relay=a[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)\n");
        LogAnalysis a = analyzer(ZoneOffset.UTC, "2027-01-03T00:00:00Z").analyze(List.of(p), null, null);
        assertThat(a.firstEvent()).isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
        assertThat(a.lastEvent()).isEqualTo(Instant.parse("2027-01-01T00:00:01Z"));
    }

    // ------------------------------------------------------------ bad input

    @Test
    void badFilesAreReportedByNameAndTheOthersStillRead() throws IOException {
        byte[] good = "Nov 23 08:00:00 mail postfix/smtp[1]: AAAAA11111: to=<a@b.example>, relay=b[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)\n"
                .repeat(2000).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream os = new GZIPOutputStream(gz)) {
            os.write(good);
        }
        byte[] full = gz.toByteArray();
        Path truncated = dir.resolve("cut.gz");
        Files.write(truncated, Arrays.copyOf(full, full.length / 2));
        Path corrupt = dir.resolve("corrupt.gz");
        byte[] bad = full.clone();
        for (int i = 40; i < bad.length - 20; i += 7) {
            bad[i] ^= 0x5a;
        }
        Files.write(corrupt, bad);
        Path notGz = dir.resolve("header-only.gz");
        Files.write(notGz, new byte[] {0x1f, (byte) 0x8b, 8});
        Path binary = dir.resolve("image.png");
        byte[] bin = new byte[5000];
        new java.util.Random(1).nextBytes(bin);
        bin[3] = 0;
        Files.write(binary, bin);
        Path empty = write("empty.log", "");
        Path noMail = write("syslog", "Nov 23 08:00:00 host CRON[1]: (root) CMD (true)\nNov 23 08:00:01 host kernel: eth0 up\n");
        Path missing = dir.resolve("nope.log");
        Path fine = write("maillog", new String(good, StandardCharsets.US_ASCII));

        List<Path> all = List.of(truncated, corrupt, notGz, binary, empty, noMail, missing, fine);
        List<String> before = new ArrayList<>();
        for (Path p : all) {
            before.add(Files.exists(p) ? EvidenceSniffer.sha256(p) + Files.getLastModifiedTime(p) : "-");
        }
        LogAnalysis a = UTC_2026.analyze(all, null, null);

        assertThat(problems(a, 0)).contains("cut.gz: the compressed data is cut short after line");
        assertThat(a.files().get(0).mailLines()).isPositive(); // what came before the cut was used
        assertThat(problems(a, 1)).contains("corrupt.gz:").containsAnyOf("damaged", "cut short", "binary");
        assertThat(problems(a, 2)).contains("header-only.gz: looks compressed (.gz) but is damaged or cut short");
        assertThat(problems(a, 3)).contains("image.png: is a binary file, not a mail server log");
        assertThat(problems(a, 4)).contains("empty.log: is empty");
        assertThat(problems(a, 5)).contains("syslog: no mail server lines found among 2 lines");
        assertThat(problems(a, 6)).contains("nope.log: does not exist");
        assertThat(a.files().get(7).problems()).isEmpty();
        assertThat(a.files().get(7).mailLines()).isEqualTo(2000);
        assertThat(a.totals().delivered()).isEqualTo(1); // one message (same queue id, same recipient)
        for (int i = 0; i < all.size(); i++) {
            Path p = all.get(i);
            assertThat(Files.exists(p) ? EvidenceSniffer.sha256(p) + Files.getLastModifiedTime(p) : "-")
                    .as("unchanged %s", p).isEqualTo(before.get(i));
        }
    }

    @Test
    void aOneMegabyteLineIsSkippedWithItsNumberAndTheRestIsRead() throws IOException {
        String line = "Nov 23 08:00:0%d mail postfix/smtp[1]: AAAAA1111%d: to=<a@b.example>, relay=b[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)\n";
        Path p = write("long.log", String.format(line, 1, 1) + "Nov 23 08:00:02 mail postfix/smtpd[2]: warning: "
                + "x".repeat(1 << 20) + "\n" + String.format(line, 3, 3));
        LogAnalysis a = UTC_2026.analyze(List.of(p), null, null);
        assertThat(a.files().get(0).problems()).containsExactly(
                p + ": line 2 is longer than 64 KB (no line break): skipped");
        assertThat(a.files().get(0).lines()).isEqualTo(2);
        assertThat(a.totals().delivered()).isEqualTo(2);
    }

    @Test
    void nonUtf8BytesAreKeptAsLatin1InEvidence() throws IOException {
        byte[] line = ("Nov 23 08:00:00 mail postfix/smtp[1]: AAAAA11111: to=<a@b.example>, relay=b[192.0.2.1]:25, delay=1, "
                + "delays=0/0/0/1, dsn=5.1.1, status=bounced (host b said: 550 5.1.1 Benutzer unbekannt \u00fc (in reply to RCPT TO command))\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path p = dir.resolve("latin1.log");
        Files.write(p, line);
        LogAnalysis a = UTC_2026.analyze(List.of(p), null, null);
        assertThat(a.destination("b.example").topReplies().get(0).text()).isEqualTo("550 5.1.1 Benutzer unbekannt \u00fc");
    }

    // ------------------------------------------------------------ progress, cancel, JSON

    @Test
    void reportsProgressToTheEndAndStopsWhenCancelled() throws IOException {
        Path log = dir.resolve("maillog");
        // Bigger than what the two-thread pipeline holds in flight (8 batches of up to 16k mail lines
        // that matter, ~27 MB of this log), so a cancelled reading cannot have reached the end.
        LogGenerator.write(log, 40L << 20, LogGenerator.Config.defaults());
        long size = Files.size(log);
        AtomicLong last = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        LogAnalysis a = UTC_2026.analyze(List.of(log), (read, total) -> {
            assertThat(total).isEqualTo(size);
            assertThat(read).isGreaterThanOrEqualTo(last.get());
            last.set(read);
            calls.incrementAndGet();
        }, null);
        assertThat(a.cancelled()).isFalse();
        assertThat(last.get()).isEqualTo(size);
        assertThat(calls.get()).isGreaterThan(1);

        AtomicInteger polls = new AtomicInteger();
        LogAnalysis c = UTC_2026.analyze(List.of(log), null, () -> polls.incrementAndGet() > 1);
        assertThat(c.cancelled()).isTrue();
        assertThat(c.files().get(0).lines()).isLessThan(a.files().get(0).lines());
    }

    @Test
    void twoThreadPipelineAgreesWithTheSequentialMerge() throws IOException {
        Path log = dir.resolve("maillog");
        LogGenerator.write(log, LogAnalyzer.PIPELINE_MIN + (2L << 20), LogGenerator.Config.defaults());
        Path empty = write("other.log", "Nov 23 08:00:00 host CRON[1]: (root) CMD (true)\n");
        LogAnalysis piped = UTC_2026.analyze(List.of(log), null, null);
        LogAnalysis merged = UTC_2026.analyze(List.of(log, empty), null, null); // two files: the merge loop
        assertThat(piped.totals()).isEqualTo(merged.totals());
        assertThat(piped.destinations()).isEqualTo(merged.destinations());
        assertThat(piped.throttles()).isEqualTo(merged.throttles());
        assertThat(piped.tlsInbound()).isEqualTo(merged.tlsInbound());
        assertThat(piped.queue()).isEqualTo(merged.queue());
        assertThat(piped.files().get(0)).isEqualTo(merged.files().get(0));
    }

    @Test
    void serialisesWithTheProjectMapper() throws Exception {
        LogAnalysis a = analyzer(ZoneOffset.UTC, "2026-11-30T00:00:00Z")
                .analyze(List.of(resource("sendmail/starttls-no-shared-cipher.log")), null, null);
        String json = Json.mapper().writeValueAsString(a);
        assertThat(json).contains("\"tlsInbound\"", "\"throttles\"", "\"queue\"", "\"arrivals\"",
                "\"destination\" : \"isp-mail.example\"", "\"firstEvent\" : \"2026-11-23T03:12:40Z\"");
        LogAnalysis back = Json.mapper().readValue(json, LogAnalysis.class);
        assertThat(back).isEqualTo(a);
    }

    private static String problems(LogAnalysis a, int i) {
        return String.join("\n", a.files().get(i).problems());
    }
}
