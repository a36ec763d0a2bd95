package org.mailmedic.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;

/**
 * Limit behaviour on moderate sizes (the huge ones, and the memory bound, are measured by
 * bench/HugeInputBench, not here): a 60 MB line and an email over the bounce reader's cap are
 * skipped or cut with a message naming the file; nothing throws.
 */
class SizeLimitsTest {

    private static void fill(Path p, String head, byte[] chunk, long bytes, String tail) throws Exception {
        try (OutputStream o = Files.newOutputStream(p)) {
            o.write(head.getBytes(StandardCharsets.US_ASCII));
            for (long n = 0; n < bytes; n += chunk.length) {
                o.write(chunk);
            }
            o.write(tail.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * A 60 MB line between two good ones, streamed from a generator (never stored: the reader
     * must not hold it either): it is skipped with a problem naming its line, the lines around it
     * still count. The same cap (64 KB per line) holds a 50 MB line of a 2 GB file in
     * HugeInputBench.
     */
    @Test
    void aSixtyMegabyteLineIsSkippedWithAMessageAndTheOtherLinesStillCount() {
        byte[] head = ("Jun  1 10:00:00 mail postfix/qmgr[99]: ABC123: from=<a@example.test>, size=1, nrcpt=1 (queue active)\n"
                + "Jun  1 10:00:01 mail postfix/smtp[1]: ABC123: to=<").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (">, relay=none, delay=1, dsn=5.0.0, status=bounced (too long)\n"
                + "Jun  1 10:00:02 mail postfix/qmgr[99]: ABC123: removed\n").getBytes(StandardCharsets.US_ASCII);
        long middle = 60L << 20;
        InputStream generated = new InputStream() {
            private long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long total = head.length + middle + tail.length;
                if (pos >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - pos);
                if (pos >= head.length && pos + n <= head.length + middle) {
                    java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                    pos += n;
                    return n;
                }
                for (int i = 0; i < n; i++, pos++) {
                    b[off + i] = pos < head.length ? head[(int) pos]
                            : pos < head.length + middle ? (byte) 'x' : tail[(int) (pos - head.length - middle)];
                }
                return n;
            }
        };
        LogAnalysis a = new LogAnalyzer(LogAnalyzer.Options.fixed(ZoneOffset.UTC, Instant.parse("2026-06-02T00:00:00Z")))
                .analyze("maillog", generated, head.length + middle + tail.length);
        LogAnalysis.FileReport f = a.files().get(0);
        assertThat(f.problems()).containsExactly("maillog: line 2 is longer than 64 KB (no line break): skipped");
        assertThat(f.lines()).isEqualTo(2);
        assertThat(f.mailLines()).isEqualTo(2);
        assertThat(a.totals().messagesReceived()).isEqualTo(1);
    }

    @Test
    void anEmailOverTheReadersCapIsCutWithAMessageNotReadWhole(@TempDir Path dir) throws Exception {
        Path eml = dir.resolve("huge.eml");
        fill(eml, "From: MAILER-DAEMON@example.test\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\n"
                + "550 5.1.1 <b@example.org>: User unknown\r\n",
                ("A".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII), BounceReader.MAX_FILE_BYTES + (1L << 20), "");
        BounceFileResult r = new BounceReader().read(eml);
        assertThat(r).isNotNull();
        String said = String.valueOf(r.problem()) + " " + r.messages();
        assertThat(said).doesNotContain("Exception");
        assertThat(r.problem() != null || !r.messages().isEmpty()).as("a result or a message: %s", said).isTrue();
    }

    @Test
    void anMboxOverTheMessageCapSaysSoOnEveryMessage() {
        String one = "From MAILER-DAEMON Mon Jun  1 10:00:00 2026\nSubject: x\n\nx\n";
        byte[] mbox = one.repeat(BounceReader.MAX_MESSAGES + 1).getBytes(StandardCharsets.US_ASCII);
        BounceFileResult r = new BounceReader().decode(Path.of("big.mbox"), mbox, false);
        assertThat(r.messages()).hasSize(BounceReader.MAX_MESSAGES);
        assertThat(r.messages().get(0).note()).isEqualTo(String.format(
                "the file holds more than %,d messages; only the first %,d were read",
                BounceReader.MAX_MESSAGES, BounceReader.MAX_MESSAGES));
    }
}
