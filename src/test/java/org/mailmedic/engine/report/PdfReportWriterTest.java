package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.report.ReportModel.Finding;
import org.mailmedic.engine.report.ReportModel.LogLine;
import org.mailmedic.engine.report.ReportModel.Severity;

class PdfReportWriterTest {

    @TempDir
    Path dir;

    static String text(PDDocument doc) throws IOException {
        return new PDFTextStripper().getText(doc);
    }

    static String pageText(PDDocument doc, int page) throws IOException {
        PDFTextStripper s = new PDFTextStripper();
        s.setStartPage(page);
        s.setEndPage(page);
        return s.getText(doc);
    }

    /** Text with all whitespace removed, so wrapped lines compare as written. */
    static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }

    /** The kinds (rule ids) every rule can produce: identifiers for scripts, never words for the reader. */
    static List<String> ruleIds() {
        return new org.mailmedic.engine.diagnosis.Diagnoser().rules().stream()
                .map(org.mailmedic.engine.diagnosis.Rule::kind).distinct().toList();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"throttling", "starttls"})
    void noRuleIdReachesTheReaderOnTheFirstPageNorAsALabelAnywhere(String sample) throws Exception {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-27T10:00:00Z"),
                java.time.ZoneOffset.UTC);
        List<Path> files = org.mailmedic.engine.evidence.SampleCases.extract(
                org.mailmedic.engine.evidence.SampleCases.byId(sample).orElseThrow(), dir);
        var ev = new org.mailmedic.engine.diagnosis.EvidenceAnalysis(clock).analyze(files, p -> { }, () -> false);
        var findings = new org.mailmedic.engine.diagnosis.Diagnoser()
                .diagnose(new org.mailmedic.engine.diagnosis.DiagnosisInput("", ev, null, null));
        ReportModel m = ReportAssembler.assemble(new ReportAssembler.Input("", ev, findings,
                org.mailmedic.engine.diagnosis.fix.MailServer.POSTFIX, java.util.Map.of(), null, null,
                ReportAssembler.forecastFromLogs(ev.logs(), "postfix").orElse(null)), clock);
        assertThat(m.findings()).isNotEmpty();
        Path pdf = dir.resolve(sample + ".pdf");
        PdfReportWriter.write(m, pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String first = pageText(doc, 1);
            assertThat(first).contains(m.findings().get(0).headline().substring(0, 20));
            for (String id : ruleIds()) {
                assertThat(first).as("rule id %s on the first page", id)
                        .doesNotContainPattern("(?i)(?<![\\w-])" + java.util.regex.Pattern.quote(id) + "(?![\\w-])");
            }
            String all = text(doc);
            assertThat(all).doesNotContain("Rule " + m.findings().get(0).id()).doesNotContain("Confidence: high");
            assertThat(all).contains("How sure: certain");
        }
    }

    @Test
    void liveResultsAndVerifyOutcomesAreInWordsNotCodes() {
        assertThat(ReportAssembler.plainLive("FAIL smtp-no-starttls: the server does not offer STARTTLS"))
                .isEqualTo("the server does not offer STARTTLS");
        assertThat(ReportAssembler.plainLive("WARN: mx.example.com: no reverse DNS"))
                .isEqualTo("mx.example.com: no reverse DNS");
        assertThat(ReportAssembler.plainLive("the record is fine")).isEqualTo("the record is fine");
        assertThat(ReportAssembler.mtaStsItem("mtasts-mx-not-covered")).isEqualTo("Mail servers");
        assertThat(ReportAssembler.mtaStsItem("mtasts-https-certificate")).isEqualTo("Policy file");
        assertThat(PdfReportWriter.words(ReportModel.RowStatus.WARN)).isEqualTo("warning");
        assertThat(PdfReportWriter.sureness(ReportModel.Confidence.MEDIUM)).isEqualTo("likely");
    }

    @Test
    void throttlingReportStatesTheKeyFactsInReadingOrder() throws IOException {
        Path pdf = dir.resolve("report.pdf");
        PdfReportWriter.write(ReportFixtures.throttling(), pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String page1 = squash(pageText(doc, 1));
            assertThat(page1).containsSubsequence("example-traders.co.uk", "27November2026",
                    squash(ReportFixtures.THROTTLE_VERDICT), "BLOCKING", squash(ReportFixtures.THROTTLE_HEADLINE),
                    "DEGRADING", squash(ReportFixtures.SPF_HEADLINE), "Queueforecast",
                    squash(ReportFixtures.FORECAST_VERDICT));
            assertThat(squash(text(doc))).containsSubsequence(
                    "Contents", "Findings", "F1" + squash(ReportFixtures.THROTTLE_HEADLINE),
                    "Whatishappening", "Evidence(12)", "maillog:10412", "421Toomanymessages",
                    "Howtofixit", "btslow_destination_rate_delay=32m", "/etc/postfix/transport",
                    "Checkthatitworked", "NOTYET", "Lastrun27November2026,09:55UTC",
                    "F2" + squash(ReportFixtures.SPF_HEADLINE), "bounce-2026-11-25.eml",
                    "SPFcheckfailed", "Livechecks", "MXrecords", "mail.example-traders.co.uk",
                    "Evaluationtrace", "include:spf.example-isp.net", "Blacklists", "b.barracudacentral.org",
                    "Queueforecast", squash(ReportFixtures.FORECAST_VERDICT), "Daybyday",
                    "Appendix", "SMTPtranscripts", "250-STARTTLS", "Filesanalysed",
                    "9f2c4e0d1b7a6c5e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6");
        }
    }

    @Test
    void everyPageSaysPageNOfM() throws IOException {
        Path pdf = dir.resolve("report.pdf");
        PdfReportWriter.write(ReportFixtures.throttling(200), pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            int n = doc.getNumberOfPages();
            assertThat(n).isGreaterThan(5);
            for (int p = 1; p <= n; p++) {
                assertThat(pageText(doc, p)).contains("Page " + p + " of " + n);
            }
        }
    }

    @Test
    void contentsLinksAndBookmarksLeadToTheirSections() throws IOException {
        Path pdf = dir.resolve("report.pdf");
        ReportModel model = ReportFixtures.throttling(120);
        PdfReportWriter.write(model, pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDPage toc = doc.getPage(1);
            assertThat(pageText(doc, 2)).startsWith("Contents");
            List<Integer> targets = new ArrayList<>();
            for (PDAnnotation a : toc.getAnnotations()) {
                if (a instanceof PDAnnotationLink link && link.getAction() instanceof PDActionGoTo go) {
                    targets.add(doc.getPages().indexOf(((PDPageDestination) go.getDestination()).getPage()));
                }
            }
            // Findings, 3 findings, Live checks, 3 sections, Forecast, Appendix, Transcripts, Files
            assertThat(targets).hasSize(12);
            assertThat(targets).isSorted();
            // The first finding's link leads to the page that shows its heading.
            assertThat(squash(pageText(doc, targets.get(1) + 1)))
                    .contains("F1" + squash(ReportFixtures.THROTTLE_HEADLINE));
            assertThat(squash(pageText(doc, targets.get(2) + 1))).contains("F2" + squash(ReportFixtures.SPF_HEADLINE));
            assertThat(pageText(doc, targets.get(8) + 1)).contains("Queue forecast");
            // The printed page number next to the entry is the page the link leads to.
            PDFTextStripper byPosition = new PDFTextStripper();
            byPosition.setSortByPosition(true);
            byPosition.setStartPage(2);
            byPosition.setEndPage(2);
            String tocText = byPosition.getText(doc);
            assertThat(tocText).containsPattern("Queue forecast[ .]*" + (targets.get(8) + 1));

            // Bookmarks: Summary, Contents, Findings (with 3 children), Live checks, Forecast, Appendix
            List<String> top = new ArrayList<>();
            for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
                top.add(item.getTitle());
                if (item.getTitle().equals("Findings")) {
                    int children = 0;
                    for (PDOutlineItem child : item.children()) {
                        children++;
                        assertThat(child.getDestination()).isInstanceOf(PDPageDestination.class);
                    }
                    assertThat(children).isEqualTo(3);
                }
            }
            assertThat(top).containsExactly("Summary", "Contents", "Findings", "Live checks", "Queue forecast",
                    "Appendix");
            // Page 1's findings link to their details too.
            assertThat(doc.getPage(0).getAnnotations()).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void contentsOverSeveralPagesStillLinksEveryFinding() throws IOException {
        ReportModel.Builder b = ReportModel.builder("many.example").generatedAt(ReportFixtures.AT);
        for (int i = 0; i < 90; i++) {
            b.finding(new Finding("r" + i, Severity.values()[i % 3], "Finding " + i + " with a headline long enough "
                    + "to need cutting in the contents because it goes on and on about mail to dest" + i + ".example",
                    "why", null, "impact", "dest" + i + ".example", List.of(new LogLine("maillog", i, "line " + i)),
                    null));
        }
        Path pdf = dir.resolve("many.pdf");
        PdfReportWriter.write(b.build(), pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<Integer> targets = new ArrayList<>();
            int tocPages = 0;
            // The contents run from page 2 up to the page where the findings start.
            for (int p = 1; !pageText(doc, p + 1).startsWith("Findings"); p++) {
                tocPages++;
                for (PDAnnotation a : doc.getPage(p).getAnnotations()) {
                    if (a instanceof PDAnnotationLink link && link.getAction() instanceof PDActionGoTo go) {
                        targets.add(doc.getPages().indexOf(((PDPageDestination) go.getDestination()).getPage()));
                    }
                }
            }
            assertThat(tocPages).isGreaterThanOrEqualTo(2);
            // Findings + 90 findings + Appendix + Files analysed
            assertThat(targets).hasSize(93).isSorted();
            assertThat(squash(pageText(doc, targets.get(90) + 1))).contains("F90Finding89");
        }
    }

    @Test
    void fontsAreEmbeddedSubsetsAndTheChartIsVectorNotAnImage() throws IOException {
        Path pdf = dir.resolve("report.pdf");
        PdfReportWriter.write(ReportFixtures.throttling(), pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            Set<String> fonts = new HashSet<>();
            for (PDPage page : doc.getPages()) {
                PDResources res = page.getResources();
                for (COSName name : res.getFontNames()) {
                    PDFont f = res.getFont(name);
                    assertThat(f).isInstanceOf(PDType0Font.class);
                    assertThat(f.isEmbedded()).as(f.getName()).isTrue();
                    assertThat(f.getName()).matches("[A-Z]{6}\\+.*");
                    fonts.add(f.getName().substring(7));
                }
                assertThat(res.getXObjectNames()).as("no images anywhere, the chart included").isEmpty();
            }
            assertThat(fonts).contains("DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono");
            // The chart's scales and legend are real text computed from the series.
            String forecastPage = pageText(doc, 7);
            assertThat(forecastPage).contains("Waiting in queue", "Per day", "400", "80",
                    "Messages waiting (left scale)", "Delivered that day (right scale)", "Expired (bounced) that day");
        }
        // Subsets keep the file small although the four fonts ship at 5.8 MB.
        assertThat(Files.size(pdf)).isLessThan(400_000);
    }

    /** Each character drawn in the document with the font it was drawn in (subset prefix dropped). */
    static List<String[]> charsWithFonts(PDDocument doc) throws IOException {
        List<String[]> out = new ArrayList<>();
        PDFTextStripper s = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<org.apache.pdfbox.text.TextPosition> positions) {
                for (org.apache.pdfbox.text.TextPosition p : positions) {
                    String font = p.getFont().getName();
                    out.add(new String[] {p.getUnicode(), font.substring(font.indexOf('+') + 1)});
                }
            }
        };
        s.getText(doc);
        return out;
    }

    /** The characters of {@code text} as drawn in order, each with its font, or null when absent. */
    static List<String> fontsOf(List<String[]> chars, String text) {
        String t = text.replace(" ", "");
        StringBuilder all = new StringBuilder();
        List<String> fonts = new ArrayList<>();
        for (String[] c : chars) {
            if (!c[0].isBlank()) {
                all.append(c[0]);
                fonts.add(c[1]);
            }
        }
        int at = all.indexOf(t);
        return at < 0 ? null : fonts.subList(at, at + t.length());
    }

    @Test
    void inlineCodeInFixStepsPrintsInMonospaceWithoutItsBackticks() throws IOException {
        ReportModel model = ReportModel.builder("shop.example").generatedAt(ReportFixtures.AT)
                .finding(new Finding("queue-stuck", Severity.DEGRADING, "Mail waits in the queue", null, null, null,
                        null, null, new ReportModel.FixGuide("Retry the queue", List.of(
                                new ReportModel.FixStep("Release held mail with `sudo postsuper -H ALL` and then "
                                        + "flush it.", new ReportModel.Snippet(null, "postqueue -f")),
                                new ReportModel.FixStep("Sendmail needs ``FEATURE(`access_db')`` in sendmail.mc.")),
                                new ReportModel.VerifyStep("Run `mailq` again: it must print nothing.", null, null,
                                        null))))
                .build();
        Path pdf = dir.resolve("code.pdf");
        PdfReportWriter.write(model, pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String all = text(doc);
            assertThat(squash(all)).contains("Releaseheldmailwithsudopostsuper-HALLandthenflushit.",
                    "SendmailneedsFEATURE(`access_db')insendmail.mc.", "Runmailqagain:itmustprintnothing.");
            assertThat(all).doesNotContain("`sudo").doesNotContain("``").doesNotContain("`mailq`");
            List<String[]> chars = charsWithFonts(doc);
            assertThat(fontsOf(chars, "sudo postsuper -H ALL")).isNotNull().containsOnly("DejaVuSansMono");
            assertThat(fontsOf(chars, "FEATURE(`access_db')")).isNotNull().containsOnly("DejaVuSansMono");
            assertThat(fontsOf(chars, "mailq")).isNotNull().containsOnly("DejaVuSansMono");
            assertThat(fontsOf(chars, "Release held mail with")).isNotNull().containsOnly("DejaVuSans");
            assertThat(fontsOf(chars, "and then flush it.")).isNotNull().containsOnly("DejaVuSans");
        }
    }

    @Test
    void starttlsReportPrintsTheIdnDomainAndThePassedVerifyStep() throws IOException {
        Path pdf = dir.resolve("tls.pdf");
        PdfReportWriter.write(ReportFixtures.starttls(), pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(squash(pageText(doc, 1))).containsSubsequence("kanzlei-müller.example", "BLOCKING",
                    "Gmailcannotdelivertoyou");
            assertThat(squash(text(doc))).containsSubsequence("STARTTLS=server,error:acceptfailed",
                    "reason=noshared", "TLSNegotiationfailed", "confSERVER_CERT", "PASS",
                    "Lastrun27November2026,09:58UTC", "TLSonport25", "mx.xn--kanzlei-mller-5ob.example");
        }
    }

    @Test
    void providerPackHoldsOnlyThatDestinationWithTheRequest() throws IOException {
        Path pdf = dir.resolve("pack.pdf");
        PdfReportWriter.write(ReportFixtures.throttling(), pdf, PdfOptions.providerPack("btinternet.com"));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String all = squash(text(doc));
            assertThat(all).containsSubsequence("Evidenceforthepostmasterofbtinternet.com",
                    "Requesttothepostmaster", "Hellobtinternet.compostmasterteam",
                    "198.51.100.25", "421Toomanymessages", "Pleasetellusthedailylimit",
                    squash(ReportFixtures.THROTTLE_HEADLINE), "maillog:10412", "Filesanalysed", "maillog");
            assertThat(all).doesNotContain("DMARC").doesNotContain("btslow_destination_rate_delay")
                    .doesNotContain("Livechecks");
        }
        assertThatThrownBy(() -> PdfReportWriter.write(ReportFixtures.throttling(), dir.resolve("x.pdf"),
                PdfOptions.providerPack("gmx.net")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("btinternet.com");
        assertThat(dir.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void redactedPdfNamesNoMailboxAndNoSubject() throws IOException {
        Path pdf = dir.resolve("redacted.pdf");
        PdfReportWriter.write(ReportFixtures.throttling(), pdf, PdfOptions.defaults().withRedact(true));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String all = text(doc);
            assertThat(all).doesNotContain("jane.doe").doesNotContain("p.smith").doesNotContain("fwd-shop")
                    .doesNotContain("Invoice 4471").doesNotContain("dmarc@").contains("user1@btinternet.com")
                    .contains("[subject 1]");
        }
        Path pack = dir.resolve("pack.pdf");
        PdfReportWriter.write(ReportFixtures.throttling(), pack,
                PdfOptions.providerPack("btinternet.com").withRedact(true));
        try (PDDocument doc = Loader.loadPDF(pack.toFile())) {
            // the sender's own role address stays so that the provider can answer
            assertThat(text(doc)).contains("postmaster@example-traders.co.uk").doesNotContain("jane.doe");
        }
    }

    @Test
    void evidenceBeyondTheLimitIsCountedNotDropped() throws IOException {
        Path pdf = dir.resolve("capped.pdf");
        PdfReportWriter.write(ReportFixtures.throttling(80), pdf, PdfOptions.defaults().withLimits(10, 4000));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String all = squash(text(doc));
            assertThat(all).contains("Evidence(80)").contains("…70moreevidenceitemsofthisfindingareintheJSONreport");
        }
    }

    @Test
    void aReportWithNothingFoundStillHasEveryPart() throws IOException {
        Path pdf = dir.resolve("empty.pdf");
        PdfReportWriter.write(ReportModel.builder("quiet.example").build(), pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(squash(text(doc))).containsSubsequence("quiet.example", "OK", "Noproblemswerefound",
                    "Whatwefound:nothingwrong", "Contents", "Appendix", "Nofileswereanalysed");
        }
    }

    @Test
    void degenerateModelsStillGiveAReadableReport() throws IOException {
        ReportModel.TraceNode deep = ReportModel.TraceNode.of("leaf", "pass");
        for (int i = 0; i < 100; i++) {
            deep = ReportModel.TraceNode.of("include:level" + i + ".example", null, deep);
        }
        ReportModel model = ReportModel.builder(null)
                .finding(new Finding(null, Severity.BLOCKING, HostileText.LONG_TOKEN, null, null, null, null, null,
                        new ReportModel.FixGuide(null, null, new ReportModel.VerifyStep(null, null, null, null))))
                .check(new ReportModel.CheckSection(null, null, null, List.of(
                        ReportModel.Row.of(null, "only one cell"),
                        ReportModel.Row.of(ReportModel.RowStatus.FAIL, "a", "b", "c", "d", "e", "f", "g", "h")), deep))
                .check(new ReportModel.CheckSection("empty", List.of(), List.of()))
                .forecast(new ReportModel.Forecast(null, null, null, List.of(
                        new ReportModel.Day(2_000_000_000, Double.NaN, Double.POSITIVE_INFINITY, -5),
                        new ReportModel.Day(-3, 1e12, 0, 0), new ReportModel.Day(5, 10, 10, 10)), null))
                .build();
        Path pdf = dir.resolve("degenerate.pdf");
        PdfReportWriter.write(model, pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isBetween(5, 20);
            assertThat(squash(text(doc))).contains("Mailisfailing:1problemwasfoundthatstopsordelaysdelivery.")
                    .contains("include:level99.example").contains("onlyonecell");
        }
    }

    @Test
    void previewRendersTheFirstPageAsPng() throws IOException {
        byte[] png = PdfReportWriter.firstPagePng(ReportFixtures.throttling(), PdfOptions.defaults(), 40);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        // A4 at 40 dpi: 331 x 468 pixels, portrait
        assertThat(img.getWidth()).isBetween(325, 335);
        assertThat(img.getHeight()).isBetween(462, 472);
        // The blocking verdict's red bar, badges and tinted box are drawn: red dominates many pixels.
        int reddish = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                reddish += r > g + 12 && r > b + 12 ? 1 : 0;
            }
        }
        assertThat(reddish).isGreaterThan(3000);
    }

    @Test
    void hostileEvidencePrintsSafelyAndVisibly() throws IOException {
        Path pdf = dir.resolve("hostile.pdf");
        PdfReportWriter.write(HostileText.model(), pdf, PdfOptions.defaults().withLimits(0, 0));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String all = text(doc);
            // Direction overrides are shown as escapes, never applied.
            assertThat(all).contains("invoice<U+202E>gnp.exe<U+202C>").doesNotContain("\u202E");
            assertThat(all).doesNotContain("\u202E").doesNotContain("\u2066");
            // Control characters become visible escapes; a tab becomes spaces.
            assertThat(all).contains("bell\\x07", "nul\\x00", "esc\\x1B[31m", "del\\x7F", "c1\\x85");
            assertThat(all.chars().filter(ch -> ch < 0x20 && ch != '\n' && ch != '\r').count()).isZero();
            // Broken UTF-16 is replaced; the valid pair survives.
            assertThat(all).contains("lone high \uFFFD end, lone low \uFFFD end");
            // CJK (from the fallback font), accents, IDN.
            assertThat(squash(all)).contains(squash("邮件被拒绝：收件人邮箱已满 メールボックスがいっぱいです"))
                    .contains(squash(HostileText.ACCENTS)).contains("info@bücher.example")
                    .contains("bücher.example·27Nov2026");
            // The 100 KB token is hard-wrapped and printed whole.
            String body = squash(all).replaceAll("bücher\\.example·27Nov2026Page\\d+of\\d+", "");
            assertThat(body.contains(HostileText.LONG_TOKEN)).as("the 100 KB token printed whole").isTrue();
            // Hebrew is drawn in display order (see TextSanitizerTest) and so extracts back in
            // reading order (where the extractor puts the LTR parts around it is its own guess).
            assertThat(all).contains("תיבת הדואר מלאה");
            // CR, LF and CRLF all break lines.
            assertThat(all).contains("line one\nline two\nline three");
            Set<String> fonts = new HashSet<>();
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name).getName().substring(7));
                }
            }
            assertThat(fonts).contains("DroidSansFallback");
        }
    }

    @Test
    void longTextIsClippedByDefaultWithTheCountSaid() throws IOException {
        Path pdf = dir.resolve("clipped.pdf");
        PdfReportWriter.write(HostileText.model(), pdf, PdfOptions.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isLessThan(10);
            assertThat(squash(text(doc))).contains("…[96,000morecharacters;thefulltextisintheJSONreport]");
        }
    }
}
