package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailmedic.engine.logs.CorpusTest.analyzer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.evidence.EvidenceSniffer;

/**
 * The SHA-256 each file report carries is computed in the analysing pass, from the bytes on disk:
 * equal to a separate hash of the file for plain, pipelined, gzip and damaged gzip files and for
 * files whose content is not a log; empty when the analysis was cancelled.
 */
class LogChecksumTest {

    @TempDir
    Path dir;

    private static final LogAnalyzer UTC = analyzer(ZoneOffset.UTC, "2026-12-31T12:00:00Z");

    private Path generated(String name, long bytes) throws IOException {
        Path p = dir.resolve(name);
        LogGenerator.write(p, bytes, LogGenerator.Config.defaults());
        return p;
    }

    private String analysedSha(Path p) {
        return UTC.analyze(List.of(p), null, null).files().get(0).sha256();
    }

    @Test
    void plainFilesSmallAndPipelined() throws IOException {
        Path small = generated("small.log", 200_000);
        Path big = generated("big.log", LogAnalyzer.PIPELINE_MIN + 1_000_000); // read on two threads
        assertThat(analysedSha(small)).isEqualTo(EvidenceSniffer.sha256(small));
        assertThat(analysedSha(big)).isEqualTo(EvidenceSniffer.sha256(big));
    }

    @Test
    void gzipFilesAreHashedAsStoredNotAsDecompressed() throws IOException {
        Path plain = generated("maillog", 300_000);
        Path gz = dir.resolve("maillog.1.gz");
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(gz))) {
            os.write(Files.readAllBytes(plain));
        }
        assertThat(analysedSha(gz)).isEqualTo(EvidenceSniffer.sha256(gz));
    }

    @Test
    void aDamagedGzipIsStillHashedWhole() throws IOException {
        Path plain = generated("maillog", 300_000);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream os = new GZIPOutputStream(bos)) {
            os.write(Files.readAllBytes(plain));
        }
        byte[] bytes = bos.toByteArray();
        byte[] cut = Arrays.copyOf(bytes, bytes.length * 2 / 3);
        for (int i = cut.length - 200; i < cut.length - 100; i++) {
            cut[i] ^= 0x5a;
        }
        Path gz = Files.write(dir.resolve("maillog.2.gz"), cut);
        LogAnalysis.FileReport f = UTC.analyze(List.of(gz), null, null).files().get(0);
        assertThat(f.problems()).isNotEmpty();
        assertThat(f.sha256()).isEqualTo(EvidenceSniffer.sha256(gz));
    }

    @Test
    void aFileThatIsNoLogIsHashedTooAndACancelledOneIsNot() throws IOException {
        byte[] binary = new byte[100_000];
        Arrays.fill(binary, (byte) 0);
        Path bin = Files.write(dir.resolve("core"), binary);
        assertThat(analysedSha(bin)).isEqualTo(EvidenceSniffer.sha256(bin));

        Path big = generated("big.log", 2_000_000);
        LogAnalysis a = UTC.analyze(List.of(big), null, () -> true);
        assertThat(a.cancelled()).isTrue();
        assertThat(a.files().get(0).sha256()).isEmpty();
    }
}
