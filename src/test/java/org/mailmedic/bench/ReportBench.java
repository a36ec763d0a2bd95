package org.mailmedic.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mailmedic.engine.report.JsonReportWriter;
import org.mailmedic.engine.report.PdfOptions;
import org.mailmedic.engine.report.PdfReportWriter;
import org.mailmedic.engine.report.ReportModel;
import org.mailmedic.engine.report.ReportModel.Evidence;
import org.mailmedic.engine.report.ReportModel.Finding;
import org.mailmedic.engine.report.ReportModel.FixGuide;
import org.mailmedic.engine.report.ReportModel.FixStep;
import org.mailmedic.engine.report.ReportModel.LogLine;
import org.mailmedic.engine.report.ReportModel.Severity;
import org.mailmedic.engine.report.ReportModel.Snippet;

/**
 * Times the report writers on the size: 200 findings holding 10,000 evidence lines in
 * all, every line printed (no evidence cap). Run:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.mailmedic.bench.ReportBench}
 * (optional arguments: findings, lines, rounds). Prints the time of each round and file sizes:
 * wall-clock, and CPU time, which is the fairer figure on a machine shared with other work.
 */
public final class ReportBench {

    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int findings = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ReportModel model = model(findings, lines);
        Path dir = Files.createTempDirectory("reportbench");
        Path pdf = dir.resolve("bench.pdf");
        Path json = dir.resolve("bench.json");
        PdfOptions all = PdfOptions.defaults().withLimits(0, 0);
        System.out.printf("report: %d findings, %d evidence lines (all printed)%n", findings, lines);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 1; r <= rounds; r++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            PdfReportWriter.write(model, pdf, all);
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            long p1 = os.getProcessCpuTime();
            JsonReportWriter.write(model, json);
            long t2 = System.nanoTime();
            long c2 = cpu.getCurrentThreadCpuTime();
            PdfReportWriter.write(model, dir.resolve("redacted.pdf"), all.withRedact(true));
            long t3 = System.nanoTime();
            long c3 = cpu.getCurrentThreadCpuTime();
            System.out.printf("round %d: PDF %.2f s wall / %.2f s CPU (%.2f s CPU all threads, JIT and GC too; %,d "
                    + "bytes); JSON %.2f s / %.2f s (%,d bytes); redacted PDF %.2f s / %.2f s%n", r, (t1 - t0) / 1e9,
                    (c1 - c0) / 1e9, (p1 - p0) / 1e9, Files.size(pdf),
                    (t2 - t1) / 1e9, (c2 - c1) / 1e9, Files.size(json), (t3 - t2) / 1e9, (c3 - c2) / 1e9);
        }
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            System.out.printf("pages: %d%n", doc.getNumberOfPages());
        }
        for (Path p : List.of(pdf, json, dir.resolve("redacted.pdf"))) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    static ReportModel model(int findings, int lines) {
        ReportModel.Builder b = ReportModel.builder("example-traders.co.uk").generatedAt(Instant.now());
        int perFinding = lines / findings;
        long n = 1;
        for (int f = 0; f < findings; f++) {
            List<Evidence> ev = new ArrayList<>();
            for (int i = 0; i < perFinding; i++, n++) {
                ev.add(new LogLine("maillog." + (f % 7), n * 13, "Nov 20 09:14:02 mail postfix/smtp[23811]: 4F1A22C0"
                        + f + ": to=<user" + i + "@dest" + f + ".example>, relay=mx.dest" + f + ".example[203.0.113."
                        + (i % 250) + "]:25, delay=3421, delays=3420/0.02/0.4/0.3, dsn=4.0.0, status=deferred "
                        + "(host said: 421 Too many messages (3.7.0 1 0 19f9e-00b) (in reply to MAIL FROM command))"));
            }
            b.finding(new Finding("rule-" + f, Severity.values()[f % 3], "Finding number " + f
                    + " about mail to dest" + f + ".example", "Why it happens, in a few plain sentences for the "
                    + "reader. ".repeat(3), null, "What it means.", "dest" + f + ".example", ev,
                    new FixGuide("fix " + f, List.of(new FixStep("Do this first."),
                            new FixStep("Then this.", new Snippet("/etc/postfix/main.cf",
                                    "smtp_destination_rate_delay = 30s\nsmtp_destination_concurrency_limit = 2"))),
                            null)));
        }
        return b.build();
    }
}
