package org.mailmedic.engine.report;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the fixture reports into a folder for looking at them (pdftoppm -png ...):
 * {@code java -cp ... org.mailmedic.engine.report.WriteSamplePdfs OUTDIR}.
 */
public final class WriteSamplePdfs {

    private WriteSamplePdfs() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/sample-reports");
        Files.createDirectories(out);
        PdfReportWriter.write(ReportFixtures.throttling(), out.resolve("throttling.pdf"), PdfOptions.defaults());
        PdfReportWriter.write(ReportFixtures.starttls(), out.resolve("starttls.pdf"), PdfOptions.defaults());
        PdfReportWriter.write(ReportFixtures.throttling(), out.resolve("pack.pdf"),
                PdfOptions.providerPack("btinternet.com").withRedact(true));
        PdfReportWriter.write(HostileText.model(), out.resolve("hostile.pdf"), PdfOptions.defaults().withLimits(0, 0));
        JsonReportWriter.write(ReportFixtures.throttling(), out.resolve("throttling.json"));
        System.out.println("written to " + out.toAbsolutePath());
    }
}
