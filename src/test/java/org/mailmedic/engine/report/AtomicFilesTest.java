package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    /** Accepts {@code budget} bytes, then fails as a full disk does. */
    static OutputStream failingAfter(OutputStream out, long budget) {
        return new FilterOutputStream(out) {
            long left = budget;

            @Override
            public void write(int b) throws IOException {
                if (left-- <= 0) {
                    throw new IOException("No space left on device");
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void pdfKilledMidwayLeavesTheOldReportIntactAndNoPartFile() throws IOException {
        Path pdf = dir.resolve("report.pdf");
        PdfReportWriter.write(ReportFixtures.starttls(), pdf, PdfOptions.defaults());
        byte[] before = Files.readAllBytes(pdf);
        ReportModel bigger = ReportFixtures.throttling(60);
        assertThatThrownBy(() -> AtomicFiles.write(pdf,
                out -> PdfReportWriter.writeTo(bigger, out, PdfOptions.defaults()),
                raw -> failingAfter(raw, 20_000)))
                .isInstanceOf(ReportFileException.class)
                .hasMessageContaining(pdf.toAbsolutePath().toString())
                .hasMessageContaining("disk is full")
                .hasMessageContaining("previous file is unchanged");
        assertThat(Files.readAllBytes(pdf)).isEqualTo(before);
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void jsonKilledMidwayLeavesNothingWhereThereWasNothing() {
        Path json = dir.resolve("report.json");
        assertThatThrownBy(() -> AtomicFiles.write(json,
                out -> JsonReportWriter.writeTo(ReportFixtures.throttling(), out), raw -> failingAfter(raw, 1000)))
                .isInstanceOf(ReportFileException.class).hasMessageContaining("Nothing was written under that name.");
        assertThat(json).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aFailureWhileRenderingIsReportedTheSameWay() throws IOException {
        Path out = dir.resolve("x.pdf");
        Files.writeString(out, "old");
        assertThatThrownBy(() -> AtomicFiles.write(out, s -> {
            s.write(new byte[100]);
            throw new IllegalStateException("renderer bug");
        })).isInstanceOf(ReportFileException.class).hasMessageContaining("renderer bug");
        assertThat(Files.readString(out)).isEqualTo("old");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void replacesAnOldFileCompletely() throws IOException {
        Path json = dir.resolve("r.json");
        Files.writeString(json, "x".repeat(1_000_000));
        JsonReportWriter.write(ReportFixtures.starttls(), json);
        assertThat(Files.readString(json)).startsWith("{").doesNotContain("xxxx");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void namesThePathWhenTheFolderIsMissingOrTheTargetIsAFolder() throws IOException {
        Path missing = dir.resolve("no/such/folder/r.pdf");
        assertThatThrownBy(() -> PdfReportWriter.write(ReportFixtures.starttls(), missing, PdfOptions.defaults()))
                .isInstanceOf(ReportFileException.class).hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
        Path folder = Files.createDirectory(dir.resolve("a-folder.json"));
        assertThatThrownBy(() -> JsonReportWriter.write(ReportFixtures.starttls(), folder))
                .hasMessageContaining("it is a folder");
        Path fileAsFolder = dir.resolve("file");
        Files.writeString(fileAsFolder, "");
        assertThatThrownBy(() -> JsonReportWriter.write(ReportFixtures.starttls(), fileAsFolder.resolve("r.json")))
                .isInstanceOf(ReportFileException.class).hasMessageContaining("r.json");
    }

    @Test
    void permissionDeniedIsSaidInWords() {
        Path pdf = dir.resolve("r.pdf");
        assertThatThrownBy(() -> AtomicFiles.write(pdf, out -> out.write(1), raw -> new FilterOutputStream(raw) {
            @Override
            public void write(int b) throws IOException {
                throw new java.nio.file.AccessDeniedException(pdf.toString());
            }

            @Override
            public void flush() throws IOException {
                throw new java.nio.file.AccessDeniedException(pdf.toString());
            }
        })).hasMessageContaining("Cannot write " + pdf.toAbsolutePath()).hasMessageContaining("permission denied");
        assertThat(pdf).doesNotExist();
    }

    @Test
    void keepsThePermissionsOfTheFileItReplaces() throws IOException {
        Path json = dir.resolve("r.json");
        Files.writeString(json, "old");
        var perms = java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(json, perms);
        JsonReportWriter.write(ReportFixtures.starttls(), json);
        assertThat(Files.getPosixFilePermissions(json)).isEqualTo(perms);
    }
}
