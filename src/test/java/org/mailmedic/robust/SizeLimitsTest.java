package org.mailmedic.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.evidence.EvidenceFile;

/**
 * Limit behaviour on moderate sizes (the huge ones, and the memory bound, are measured by
 * bench/HugeInputBench, not here): a 50 MB line and an email over the bounce reader's cap are
 * handled or refused with a message naming the file; nothing throws.
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

    @Test
    void aFiftyMegabyteLineInALogIsHandledOrRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("maillog");
        fill(log, "Jun  1 10:00:00 mail postfix/qmgr[99]: ABC123: from=<a@example.test>, size=1, nrcpt=1 (queue active)\n"
                + "Jun  1 10:00:01 mail postfix/smtp[1]: ABC123: to=<",
                "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII), 50L << 20,
                ">, relay=none, delay=1, dsn=5.0.0, status=bounced (too long)\n"
                        + "Jun  1 10:00:02 mail postfix/qmgr[99]: ABC123: removed\n");
        EvidenceSet set = new EvidenceAnalysis(Clock.systemUTC()).analyze(List.of(log), p -> { }, () -> false);
        assertThat(set.files()).hasSize(1);
        EvidenceFile f = set.files().get(0);
        boolean refused = f.problem() != null && !f.problem().isBlank();
        assertThat(refused || set.logs() != null).as("either analysed as a log or refused: %s", f).isTrue();
        if (refused) {
            assertThat(f.problem()).doesNotContain("Exception");
        }
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
}
