package org.mailmedic.engine.report;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.mailmedic.engine.diagnosis.fix.InlineCode;
import org.mailmedic.engine.report.PdfCanvas.Style;
import org.mailmedic.engine.report.PdfFonts.Face;
import org.mailmedic.engine.report.ReportModel.BounceExcerpt;
import org.mailmedic.engine.report.ReportModel.CheckRef;
import org.mailmedic.engine.report.ReportModel.CheckSection;
import org.mailmedic.engine.report.ReportModel.Evidence;
import org.mailmedic.engine.report.ReportModel.Finding;
import org.mailmedic.engine.report.ReportModel.FixStep;
import org.mailmedic.engine.report.ReportModel.LogLine;
import org.mailmedic.engine.report.ReportModel.Outcome;
import org.mailmedic.engine.report.ReportModel.Row;
import org.mailmedic.engine.report.ReportModel.RowStatus;
import org.mailmedic.engine.report.ReportModel.Severity;
import org.mailmedic.engine.report.ReportModel.TraceNode;

/**
 * Writes a {@link ReportModel} as a PDF: a first page a non-expert reads in a minute (domain,
 * date, overall verdict, the main findings in plain words, the forecast's verdict), a table of
 * contents with links, each finding with its evidence, fix steps and verify result, the live
 * checks as tables, the forecast chart in vector graphics, and an appendix of SMTP
 * transcripts and file checksums. Text is real text in embedded DejaVu (Droid Sans Fallback
 * for CJK), with bookmarks and "Page N of M" footers. The file is written atomically.
 */
public final class PdfReportWriter {

    static final Color BLOCKING = new Color(0xc0, 0x39, 0x2b);
    static final Color DEGRADING = new Color(0xd3, 0x80, 0x0b);
    static final Color ADVICE = new Color(0x2e, 0x6d, 0xa4);
    static final Color OK = new Color(0x1e, 0x84, 0x49);
    static final Color NEUTRAL = new Color(0x7f, 0x8c, 0x8d);

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT_DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Style CELL = new Style(Face.REGULAR, 8.5f, 10.5f, PdfCanvas.INK);
    private static final Style CELL_MONO = new Style(Face.MONO, 7.5f, 10.5f, PdfCanvas.INK);
    private static final Style CELL_HEAD = new Style(Face.BOLD, 8.5f, 11f, PdfCanvas.INK);
    private static final Style MONO_GREY = PdfCanvas.MONO.withColor(PdfCanvas.GREY);
    private static final Style TOC = new Style(Face.REGULAR, 10, 15, PdfCanvas.INK);
    private static final Style TOC_BOLD = new Style(Face.BOLD, 10.5f, 17, PdfCanvas.INK);
    private static final int TOP_FINDINGS = 6;
    private static final int MAX_CELL_LINES = 30;
    private static final int MAX_SERIES_ROWS = 120;

    private PdfReportWriter() {
    }

    /**
     * Writes the PDF to {@code out} atomically.
     *
     * @throws ReportFileException      the file could not be written (message names the path)
     * @throws IllegalArgumentException a provider pack for a destination no finding concerns
     */
    public static void write(ReportModel model, Path out, PdfOptions options) throws ReportFileException {
        ReportModel m = prepare(model, options);
        AtomicFiles.write(out, s -> render(m, options, s));
    }

    /** The same PDF onto a stream (for a preview); the stream stays open. */
    public static void writeTo(ReportModel model, OutputStream out, PdfOptions options) throws IOException {
        render(prepare(model, options), options, out);
    }

    /**
     * The first page as a PNG image, for the export dialog's preview (render in a background
     * task: it lays out the whole report). {@code dpi} 50-100 suits a preview.
     */
    public static byte[] firstPagePng(ReportModel model, PdfOptions options, float dpi) throws IOException {
        java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
        writeTo(model, pdf, options);
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toByteArray())) {
            java.awt.image.BufferedImage img = new org.apache.pdfbox.rendering.PDFRenderer(doc)
                    .renderImageWithDPI(0, dpi, org.apache.pdfbox.rendering.ImageType.RGB);
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "png", png);
            return png.toByteArray();
        }
    }

    /** The model as it will be printed: the provider's subset, then redacted if asked. */
    static ReportModel prepare(ReportModel model, PdfOptions options) {
        // Redact first, so the provider's request is composed from redacted text (and its own
        // subject line is not mistaken for a message subject).
        ReportModel m = options.redact() ? Redactor.redactModel(model) : model;
        return options.variant().isProviderPack() ? ProviderPack.derive(m, options.variant().providerDestination()) : m;
    }

    private static void render(ReportModel m, PdfOptions o, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            try (PdfCanvas c = new PdfCanvas(doc)) {
                new Render(m, o, c).all();
            }
            doc.save(out, CompressParameters.DEFAULT_COMPRESSION);
        }
    }

    static Color color(Severity s) {
        return switch (s) {
            case BLOCKING -> BLOCKING;
            case DEGRADING -> DEGRADING;
            case ADVICE -> ADVICE;
            case OK -> OK;
        };
    }

    static Color tint(Color c) {
        return new Color(255 - (255 - c.getRed()) / 9, 255 - (255 - c.getGreen()) / 9, 255 - (255 - c.getBlue()) / 9);
    }

    static Color color(RowStatus s) {
        if (s == null) {
            return NEUTRAL;
        }
        return switch (s) {
            case PASS -> OK;
            case WARN -> DEGRADING;
            case FAIL -> BLOCKING;
            case INFO -> ADVICE;
        };
    }

    /** One rendering of one model. */
    private static final class Render {
        private final ReportModel m;
        private final PdfOptions o;
        private final PdfCanvas c;
        private final boolean pack;
        private final PDDocumentOutline outline = new PDDocumentOutline();
        /** Page numbers to print once all pages exist: page index -> refs on it. */
        private final Map<Integer, List<PageRef>> pageRefs = new LinkedHashMap<>();

        private record PageRef(float xRight, float baseline, String anchor, Style style) {
        }

        private record TocEntry(int level, String label, String anchor) {
        }

        Render(ReportModel m, PdfOptions o, PdfCanvas c) {
            this.m = m;
            this.o = o;
            this.c = c;
            this.pack = m.providerRequest() != null;
        }

        void all() throws IOException {
            c.newPage();
            c.anchor("summary");
            firstPage();
            List<TocEntry> toc = tocEntries();
            c.newPage();
            c.anchor("contents");
            contents(toc);
            if (!m.findings().isEmpty()) {
                findings();
            }
            if (!m.checks().isEmpty()) {
                checks();
            }
            if (m.forecast() != null) {
                forecast();
            }
            appendix();
            c.closeStream();
            outline(toc);
            footersAndPageRefs();
            c.resolveLinks();
            info();
        }

        // ---- page 1 --------------------------------------------------------------------

        private void firstPage() throws IOException {
            float x = PdfCanvas.MARGIN_X;
            float w = PdfCanvas.CONTENT_W;
            c.paragraph((pack ? "MAILMEDIC · EVIDENCE PACK" : "MAILMEDIC · " + m.title().toUpperCase(Locale.ROOT)),
                    new Style(Face.BOLD, 8.5f, 12, PdfCanvas.GREY));
            c.space(4);
            c.paragraph(clip(pack ? m.title() : m.domain().isBlank() ? m.title() : m.domain(), 300), PdfCanvas.TITLE);
            String when = m.generatedAt() == null ? "" : "Report of " + DATE.format(m.generatedAt()) + " · ";
            c.paragraph(when + (pack ? "from " + m.domain() + " · " : "") + m.generatorVersion(), PdfCanvas.SMALL);
            c.space(16);

            // the verdict box
            Severity sev = m.verdict().severity();
            float inner = w - 28;
            String verdict = clip(m.verdict().sentence(), 1000);
            float textH = c.measure(verdict, PdfCanvas.LEAD, inner);
            float boxH = textH + 40;
            c.ensure(boxH);
            float boxTop = c.y;
            c.fillRect(x, boxTop - boxH, w, boxH, tint(color(sev)));
            c.fillRect(x, boxTop - boxH, 5, boxH, color(sev));
            c.drawLine("OVERALL", new Style(Face.BOLD, 8, 10, PdfCanvas.GREY), x + 16, boxTop - 17);
            c.badge(sev.label(), color(sev), x + 16 + c.width("OVERALL", new Style(Face.BOLD, 8, 10, PdfCanvas.GREY))
                    + 8, boxTop - 17);
            c.y = boxTop - 24;
            c.paragraph(verdict, PdfCanvas.LEAD, x + 16, inner);
            c.y = boxTop - boxH;
            c.space(18);

            if (pack) {
                c.paragraph("Request to the postmaster", PdfCanvas.H2);
                c.space(4);
                c.prefixed("", PdfCanvas.BODY, clip(m.providerRequest(), 20_000), PdfCanvas.BODY, x + 10, w - 20, 0,
                        PdfCanvas.SHADE);
                c.space(16);
            }

            List<Finding> top = new ArrayList<>(m.findings());
            top.sort(Comparator.comparing(Finding::severity));
            c.ensure(70);
            c.paragraph(m.findings().isEmpty() ? "What we found: nothing wrong"
                    : "What we found", PdfCanvas.H2);
            c.space(4);
            int shown = Math.min(TOP_FINDINGS, top.size());
            for (int i = 0; i < shown; i++) {
                Finding f = top.get(i);
                int index = m.findings().indexOf(f);
                c.ensure(40);
                float rowTop = c.y;
                float bw = c.badgeWidth(Severity.DEGRADING.label());
                c.badge(f.severity().label(), color(f.severity()), x, c.y - 11);
                float tx = x + bw + 10;
                c.paragraph(clip(f.headline(), 300), PdfCanvas.BODY_BOLD, tx, w - bw - 10 - 50);
                if (!f.impact().isBlank()) {
                    c.paragraph(clip(f.impact(), 600), PdfCanvas.BODY.withColor(PdfCanvas.GREY), tx, w - bw - 10 - 50);
                }
                pageRef(x + w, rowTop - 11, anchorOf(index), PdfCanvas.SMALL.withColor(PdfCanvas.LINK));
                c.link(x, c.y, w, rowTop - c.y, anchorOf(index));
                c.space(8);
            }
            if (top.size() > shown) {
                c.paragraph("… and " + (top.size() - shown) + " more finding" + (top.size() - shown == 1 ? "" : "s")
                        + ": see the contents on the next page.", PdfCanvas.BODY);
            }
            c.space(10);

            if (m.forecast() != null && !m.forecast().verdict().isBlank()) {
                c.ensure(50);
                c.paragraph("Queue forecast", PdfCanvas.H2);
                c.space(4);
                float rowTop = c.y;
                Severity fs = m.forecast().severity() == null ? Severity.ADVICE : m.forecast().severity();
                float bw = c.badgeWidth(Severity.DEGRADING.label());
                c.badge(fs.label(), color(fs), x, c.y - 11);
                c.paragraph(clip(m.forecast().verdict(), 1000), PdfCanvas.BODY, x + bw + 10, w - bw - 10 - 50);
                pageRef(x + w, rowTop - 11, "forecast", PdfCanvas.SMALL.withColor(PdfCanvas.LINK));
                c.link(x, c.y, w, rowTop - c.y, "forecast");
                c.space(14);
            }

            // what the badges mean, for a reader who has never seen one
            c.ensure(70);
            c.hrule(x, c.y, w, PdfCanvas.RULE, 0.5f);
            c.space(6);
            for (Severity s : new Severity[] {Severity.BLOCKING, Severity.DEGRADING, Severity.ADVICE}) {
                c.ensure(14);
                c.space(13);
                float bw = c.badgeWidth(Severity.DEGRADING.label());
                c.badge(s.label(), color(s), x, c.y + 2);
                c.drawLine(s.meaning(), PdfCanvas.SMALL, x + bw + 10, c.y + 2);
            }
            c.space(10);
            c.paragraph(pack ? "The following pages list the findings with the log lines that show them."
                    : "The following pages give, for each finding, the evidence, the fix step by step and how to "
                            + "check it worked; then the live check results, the forecast chart and the raw data.",
                    PdfCanvas.SMALL);
        }

        // ---- contents ------------------------------------------------------------------

        private List<TocEntry> tocEntries() {
            List<TocEntry> e = new ArrayList<>();
            if (!m.findings().isEmpty()) {
                e.add(new TocEntry(0, "Findings", "findings"));
                for (int i = 0; i < m.findings().size(); i++) {
                    Finding f = m.findings().get(i);
                    e.add(new TocEntry(1, "F" + (i + 1) + "  " + clip(f.headline(), 300), anchorOf(i)));
                }
            }
            if (!m.checks().isEmpty()) {
                e.add(new TocEntry(0, "Live checks", "checks"));
                for (int i = 0; i < m.checks().size(); i++) {
                    e.add(new TocEntry(1, clip(m.checks().get(i).title(), 300), "check-" + i));
                }
            }
            if (m.forecast() != null) {
                e.add(new TocEntry(0, "Queue forecast", "forecast"));
            }
            e.add(new TocEntry(0, "Appendix", "appendix"));
            if (!m.appendix().transcripts().isEmpty()) {
                e.add(new TocEntry(1, "SMTP transcripts", "transcripts"));
            }
            e.add(new TocEntry(1, "Files analysed", "files"));
            return e;
        }

        private void contents(List<TocEntry> toc) throws IOException {
            c.paragraph("Contents", PdfCanvas.H1);
            c.space(8);
            float x = PdfCanvas.MARGIN_X;
            float w = PdfCanvas.CONTENT_W;
            for (TocEntry e : toc) {
                Style st = e.level() == 0 ? TOC_BOLD : TOC;
                float indent = e.level() * 18;
                String label = TextSanitizer.forPrint(e.label().replaceAll("[\\r\\n]+", " "));
                float max = w - indent - 50;
                if (c.width(label, st) > max) {
                    List<String> lines = c.wrap(label, st, max - c.width("…", st), max);
                    label = lines.get(0) + "…";
                }
                c.ensure(st.leading());
                if (e.level() == 0) {
                    c.space(4);
                    c.ensure(st.leading());
                }
                c.space(st.leading());
                float base = c.y + 4;
                c.drawLine(label, st, x + indent, base);
                float lw = c.width(label, st);
                dots(x + indent + lw + 4, x + w - 30, base);
                pageRef(x + w, base, e.anchor(), st);
                c.link(x + indent, c.y, w - indent, st.leading(), e.anchor());
            }
        }

        private void dots(float from, float to, float base) throws IOException {
            if (to - from < 10) {
                return;
            }
            var cs = c.stream();
            cs.setStrokingColor(PdfCanvas.RULE);
            cs.setLineWidth(0.8f);
            cs.setLineDashPattern(new float[] {0.8f, 3.2f}, 0);
            cs.setLineCapStyle(1);
            cs.moveTo(from, base + 1);
            cs.lineTo(to, base + 1);
            cs.stroke();
            cs.setLineDashPattern(new float[] {}, 0);
            cs.setLineCapStyle(0);
        }

        // ---- findings ------------------------------------------------------------------

        private static String anchorOf(int findingIndex) {
            return "f-" + findingIndex;
        }

        private void findings() throws IOException {
            c.newPage();
            c.anchor("findings");
            c.paragraph("Findings", PdfCanvas.H1);
            c.space(6);
            for (int i = 0; i < m.findings().size(); i++) {
                finding(i, m.findings().get(i));
            }
        }

        private void finding(int i, Finding f) throws IOException {
            float x = PdfCanvas.MARGIN_X;
            float w = PdfCanvas.CONTENT_W;
            c.ensure(110);
            if (i > 0) {
                c.space(6);
                c.hrule(x, c.y, w, PdfCanvas.RULE, 0.6f);
                c.space(10);
            }
            c.anchor(anchorOf(i));
            float bw = c.badgeWidth(Severity.DEGRADING.label());
            c.badge(f.severity().label(), color(f.severity()), x, c.y - 13);
            c.paragraph("F" + (i + 1) + "  " + clip(f.headline(), 1000), PdfCanvas.H2, x + bw + 10, w - bw - 10);
            // Plain words only: the finding's kind (its rule id) is for scripts, in the JSON.
            StringBuilder meta = new StringBuilder("How sure: ").append(sureness(f.confidence()));
            if (f.destination() != null && !f.destination().isBlank()) {
                meta.append(" · Concerns mail to ").append(f.destination());
            }
            c.paragraph(clip(meta.toString(), 1000), PdfCanvas.SMALL, x + bw + 10, w - bw - 10);
            c.space(6);
            if (!f.why().isBlank()) {
                subheading("What is happening");
                c.paragraph(clip(f.why()), PdfCanvas.BODY);
            }
            if (!f.impact().isBlank()) {
                subheading("What it means for you");
                c.paragraph(clip(f.impact()), PdfCanvas.BODY);
            }
            if (!f.evidence().isEmpty()) {
                subheading("Evidence (" + f.evidence().size() + ")");
                evidence(f.evidence());
            }
            if (f.fix() != null) {
                subheading(f.fix().title().isBlank() ? "How to fix it" : "How to fix it: " + f.fix().title());
                fix(f.fix());
            }
        }

        private float widestStatusBadge() throws IOException {
            float w = 0;
            for (RowStatus st : RowStatus.values()) {
                w = Math.max(w, c.badgeWidth(words(st)));
            }
            return w;
        }

        private void subheading(String text) throws IOException {
            c.ensure(40);
            c.space(5);
            c.paragraph(text, PdfCanvas.H3);
            c.space(1);
        }

        private void evidence(List<Evidence> items) throws IOException {
            float x = PdfCanvas.MARGIN_X + 4;
            float w = PdfCanvas.CONTENT_W - 4;
            int limit = o.maxEvidencePerFinding() == 0 ? items.size() : Math.min(items.size(), o.maxEvidencePerFinding());
            for (int k = 0; k < limit; k++) {
                Evidence e = items.get(k);
                if (e instanceof LogLine l) {
                    c.prefixed(l.location(), MONO_GREY, clip(l.text()), PdfCanvas.MONO, x, w, 14, null);
                    c.space(1.5f);
                } else if (e instanceof BounceExcerpt b) {
                    c.space(2);
                    String head = "Bounce " + b.file() + (b.recipient().isBlank() ? "" : " for " + b.recipient())
                            + (b.status().isBlank() ? "" : " · status " + b.status())
                            + (b.subject() == null || b.subject().isBlank() ? "" : " · subject “" + b.subject() + "”");
                    c.paragraph(head, PdfCanvas.SMALL, x, w);
                    c.codeBlock(clip(b.text()), x, w);
                } else if (e instanceof CheckRef r) {
                    c.space(2);
                    c.ensure(28);
                    float bw = c.badge(words(r.status()), color(r.status()), x, c.y - 10);
                    c.paragraph("Live check · " + r.section() + (r.item().isBlank() ? "" : " · " + r.item()),
                            PdfCanvas.SMALL.withColor(PdfCanvas.INK), x + bw + 6, w - bw - 6);
                    c.prefixed("", MONO_GREY, clip(r.text()), PdfCanvas.MONO, x + bw + 6, w - bw - 6, 0, null);
                }
            }
            if (limit < items.size()) {
                c.space(3);
                c.paragraph("… " + (items.size() - limit) + " more evidence item" + (items.size() - limit == 1 ? "" : "s")
                        + " of this finding are in the JSON report.", PdfCanvas.SMALL, x, w);
            }
        }

        private void fix(ReportModel.FixGuide g) throws IOException {
            float x = PdfCanvas.MARGIN_X + 4;
            float w = PdfCanvas.CONTENT_W - 4;
            int n = 1;
            for (FixStep s : g.steps()) {
                c.ensure(30);
                c.space(3);
                c.prefixedPieces(n++ + ".", PdfCanvas.BODY_BOLD, prose(clip(s.text()), PdfCanvas.BODY), PdfCanvas.BODY,
                        x, w, 18);
                if (s.snippet() != null) {
                    if (s.snippet().file() != null && !s.snippet().file().isBlank()) {
                        c.space(2);
                        c.paragraph("In " + s.snippet().file() + ":", PdfCanvas.SMALL, x + 18, w - 18);
                    }
                    c.codeBlock(clip(s.snippet().code()), x + 18, w - 18);
                }
            }
            ReportModel.VerifyStep v = g.verify();
            if (v != null) {
                subheading("Check that it worked");
                c.prefixedPieces("", PdfCanvas.BODY, prose(clip(v.text()), PdfCanvas.BODY), PdfCanvas.BODY, x, w, 0);
                c.ensure(20);
                c.space(16);
                Color col = switch (v.lastResult()) {
                    case PASS -> OK;
                    case FAIL -> BLOCKING;
                    case NOT_RUN -> NEUTRAL;
                };
                String label = switch (v.lastResult()) {
                    case PASS -> "passed";
                    case FAIL -> "not yet";
                    case NOT_RUN -> "not run yet";
                };
                float bw = c.badge(label, col, x, c.y + 3);
                String when = v.at() == null ? (v.lastResult() == Outcome.NOT_RUN ? "Run the check after the fix."
                        : "") : "Last run " + DATE.format(v.at());
                c.drawLine(TextSanitizer.forPrint(when), PdfCanvas.SMALL, x + bw + 8, c.y + 3);
                if (v.detail() != null && !v.detail().isBlank()) {
                    c.space(2);
                    c.prefixed("", MONO_GREY, clip(v.detail()), PdfCanvas.MONO, x, w, 0, null);
                }
            }
        }

        /**
         * A fix guide's prose as pieces: its inline code (CommonMark code spans, see
         * {@link InlineCode}) in the monospace face without the backticks, the rest in {@code st}.
         */
        private static List<PdfCanvas.Piece> prose(String text, Style st) {
            Style code = new Style(Face.MONO, st.size() - 0.8f, st.leading(), st.color());
            return InlineCode.parse(text).stream().map(r -> new PdfCanvas.Piece(r.text(), r.code() ? code : st, r.code()))
                    .toList();
        }

        // ---- live checks ---------------------------------------------------------------

        private void checks() throws IOException {
            c.newPage();
            c.anchor("checks");
            c.paragraph("Live checks", PdfCanvas.H1);
            c.paragraph("What the DNS and the mail servers answered when MailMedic asked them.", PdfCanvas.SMALL);
            c.space(6);
            for (int i = 0; i < m.checks().size(); i++) {
                CheckSection s = m.checks().get(i);
                String title = clip(s.title(), 1000);
                boolean summary = s.summary() != null && !s.summary().isBlank();
                TableLayout t = !s.columns().isEmpty() || !s.rows().isEmpty() ? layoutTable(s.columns(), s.rows(), -1)
                        : null;
                // The section's title and summary stay with the table's headings and first rows.
                float head = 8 + c.measure(title, PdfCanvas.H2, PdfCanvas.CONTENT_W)
                        + (summary ? c.measure(clip(s.summary()), PdfCanvas.BODY, PdfCanvas.CONTENT_W) : 0) + 4;
                c.ensure(80);
                keepTogether(head + (t == null ? 0 : t.keepHeight()));
                c.space(8);
                c.anchor("check-" + i);
                c.paragraph(title, PdfCanvas.H2);
                if (summary) {
                    c.paragraph(clip(s.summary()), PdfCanvas.BODY);
                }
                c.space(4);
                if (t != null) {
                    drawTable(t, title);
                }
                if (s.tree() != null) {
                    c.space(4);
                    c.paragraph("Evaluation trace", PdfCanvas.H3);
                    tree(s.tree(), 0);
                }
            }
        }

        private void tree(TraceNode n, int depth) throws IOException {
            float indent = Math.min(depth, 12) * 16;
            String text = n.label() + (n.result() == null || n.result().isBlank() ? "" : "  →  " + n.result());
            c.prefixed(depth == 0 ? "■" : "└", PdfCanvas.SMALL, clip(text), PdfCanvas.MONO,
                    PdfCanvas.MARGIN_X + 4 + indent, PdfCanvas.CONTENT_W - 4 - indent, 10, null);
            c.space(1);
            if (depth < 40) {
                for (TraceNode child : n.children()) {
                    tree(child, depth + 1);
                }
            } else if (!n.children().isEmpty()) {
                c.paragraph("… deeper levels of this trace are in the JSON report.", PdfCanvas.SMALL,
                        PdfCanvas.MARGIN_X + 4 + indent + 16, PdfCanvas.CONTENT_W - 20 - indent);
            }
        }

        /** Rows kept together at each end of a table across a page break (CSS's orphans/widows). */
        private static final int KEEP_ROWS = 2;

        /** A table laid out but not drawn: column widths and each row's wrapped cells and height. */
        private record TableLayout(List<String> columns, List<Row> rows, boolean status, float statusW,
                float[] widths, Style[] styles, List<List<List<String>>> cells, float[] rowHeights, float headerHeight) {

            /** Height of the column headings plus the rows that must stay with them on the first page. */
            float keepHeight() {
                int n = rowHeights.length;
                // A table of 3 rows or fewer is kept whole: any break would leave a row alone.
                int keep = n <= 2 * KEEP_ROWS - 1 ? n : KEEP_ROWS;
                float h = headerHeight;
                for (int i = 0; i < keep; i++) {
                    h += rowHeights[i];
                }
                return h;
            }
        }

        /**
         * A table; a leading status column appears when any row has a status. {@code monoColumn}
         * (or -1) is printed in the monospace face. {@code caption} (or null) is a heading drawn
         * above it in H3. The caption and the column headings stay with at least the first two
         * rows, the last row never goes alone onto a new page, and a page that continues the
         * table repeats the column headings under "caption (continued)".
         */
        private void table(String caption, List<String> columns, List<Row> rows, int monoColumn) throws IOException {
            TableLayout t = layoutTable(columns, rows, monoColumn);
            if (t == null) {
                if (caption != null) {
                    c.paragraph(caption, PdfCanvas.H3);
                    c.space(2);
                }
                return;
            }
            float captionH = caption == null ? 0 : c.measure(caption, PdfCanvas.H3, PdfCanvas.CONTENT_W) + 2;
            keepTogether(captionH + t.keepHeight());
            if (caption != null) {
                c.paragraph(caption, PdfCanvas.H3);
                c.space(2);
            }
            drawTable(t, caption);
        }

        /** Starts a new page unless {@code height} fits below the cursor, or could not fit on any page. */
        private void keepTogether(float height) throws IOException {
            if (height <= PdfCanvas.TOP - PdfCanvas.BOTTOM) {
                c.ensure(height);
            }
        }

        private TableLayout layoutTable(List<String> columns, List<Row> rows, int monoColumn) throws IOException {
            boolean status = rows.stream().anyMatch(r -> r.status() != null);
            int nCols = columns.size();
            for (Row r : rows) {
                nCols = Math.max(nCols, r.cells().size());
            }
            if (nCols == 0) {
                return null;
            }
            float statusW = status ? widestStatusBadge() + 8 : 0;
            float avail = PdfCanvas.CONTENT_W - statusW;
            float[] natural = new float[nCols];
            for (int k = 0; k < nCols; k++) {
                natural[k] = k < columns.size() ? c.width(TextSanitizer.forPrint(columns.get(k)), CELL_HEAD) : 0;
            }
            int sample = Math.min(rows.size(), 300);
            for (int r = 0; r < sample; r++) {
                List<String> cells = rows.get(r).cells();
                for (int k = 0; k < cells.size(); k++) {
                    String cell = cells.get(k);
                    Style st = k == monoColumn ? CELL_MONO : CELL;
                    float cw = cell.length() > 400 ? avail : c.width(TextSanitizer.forPrint(cell), st);
                    natural[k] = Math.max(natural[k], cw);
                }
            }
            float[] widths = fairShare(natural, avail, 8);
            Style[] styles = new Style[nCols];
            for (int k = 0; k < nCols; k++) {
                styles[k] = k == monoColumn ? CELL_MONO : CELL;
            }
            List<List<List<String>>> cells = new ArrayList<>(rows.size());
            float[] heights = new float[rows.size()];
            for (int ri = 0; ri < rows.size(); ri++) {
                Row r = rows.get(ri);
                List<List<String>> wrapped = new ArrayList<>();
                int lines = 1;
                for (int k = 0; k < nCols; k++) {
                    String cell = k < r.cells().size() ? r.cells().get(k) : "";
                    List<String> cl = new ArrayList<>();
                    for (String logical : PdfCanvas.logicalLines(clip(cell))) {
                        cl.addAll(c.wrap(logical, styles[k], widths[k] - 8, widths[k] - 8));
                    }
                    if (cl.size() > MAX_CELL_LINES) {
                        int more = cl.size() - MAX_CELL_LINES + 1;
                        cl = new ArrayList<>(cl.subList(0, MAX_CELL_LINES - 1));
                        cl.add("… (" + more + " more lines in the JSON report)");
                    }
                    wrapped.add(cl);
                    lines = Math.max(lines, cl.size());
                }
                cells.add(wrapped);
                heights[ri] = lines * CELL.leading() + 4.5f;
            }
            return new TableLayout(columns, rows, status, statusW, widths, styles, cells, heights,
                    headerHeight(columns, widths, statusW));
        }

        private void drawTable(TableLayout t, String caption) throws IOException {
            tableHeader(t.columns(), t.widths(), t.statusW());
            int n = t.rows().size();
            int onPage = 0;
            for (int i = 0; i < n; i++) {
                float h = t.rowHeights()[i];
                boolean fits = c.y - h >= PdfCanvas.BOTTOM;
                // The last two rows go over together rather than the last one alone, when this
                // page keeps at least two rows of its own.
                boolean widow = fits && i == n - KEEP_ROWS && onPage >= KEEP_ROWS
                        && c.y - h - t.rowHeights()[n - 1] < PdfCanvas.BOTTOM;
                if (!fits || widow) {
                    c.newPage();
                    if (caption != null) {
                        c.paragraph(caption + " (continued)", PdfCanvas.SMALL);
                        c.space(2);
                    }
                    tableHeader(t.columns(), t.widths(), t.statusW());
                    onPage = 0;
                }
                drawRow(t, i);
                onPage++;
            }
            c.space(6);
        }

        private void drawRow(TableLayout t, int i) throws IOException {
            Row r = t.rows().get(i);
            float top = c.y;
            float x = PdfCanvas.MARGIN_X;
            if (t.status() && r.status() != null) {
                c.badge(words(r.status()), color(r.status()), x + 2, top - 11);
            }
            x += t.statusW();
            List<List<String>> wrapped = t.cells().get(i);
            for (int k = 0; k < wrapped.size(); k++) {
                List<String> cl = wrapped.get(k);
                for (int li = 0; li < cl.size(); li++) {
                    c.drawLine(cl.get(li), t.styles()[k], x + 4, top - 11 - li * CELL.leading());
                }
                x += t.widths()[k];
            }
            c.y = top - t.rowHeights()[i];
            c.hrule(PdfCanvas.MARGIN_X, c.y, PdfCanvas.CONTENT_W, PdfCanvas.RULE, 0.4f);
        }

        private float headerHeight(List<String> columns, float[] widths, float statusW) {
            if (columns.isEmpty() && statusW == 0) {
                return 0;
            }
            int lines = 1;
            for (int k = 0; k < widths.length; k++) {
                String h = k < columns.size() ? TextSanitizer.forPrint(columns.get(k)) : "";
                lines = Math.max(lines, c.wrap(h, CELL_HEAD, widths[k] - 8, widths[k] - 8).size());
            }
            return lines * CELL_HEAD.leading() + 6;
        }

        private void tableHeader(List<String> columns, float[] widths, float statusW) throws IOException {
            if (columns.isEmpty() && statusW == 0) {
                return;
            }
            List<List<String>> wrapped = new ArrayList<>();
            int lines = 1;
            for (int k = 0; k < widths.length; k++) {
                String h = k < columns.size() ? TextSanitizer.forPrint(columns.get(k)) : "";
                List<String> l = c.wrap(h, CELL_HEAD, widths[k] - 8, widths[k] - 8);
                wrapped.add(l);
                lines = Math.max(lines, l.size());
            }
            float h = lines * CELL_HEAD.leading() + 6;
            float top = c.y;
            c.fillRect(PdfCanvas.MARGIN_X, top - h, PdfCanvas.CONTENT_W, h, PdfCanvas.SHADE);
            float x = PdfCanvas.MARGIN_X;
            if (statusW > 0) {
                c.drawLine("Status", CELL_HEAD, x + 4, top - 12);
            }
            x += statusW;
            for (int k = 0; k < widths.length; k++) {
                List<String> l = wrapped.get(k);
                for (int li = 0; li < l.size(); li++) {
                    c.drawLine(l.get(li), CELL_HEAD, x + 4, top - 12 - li * CELL_HEAD.leading());
                }
                x += widths[k];
            }
            c.y = top - h;
        }

        /** Column widths: narrow columns get what they need, wide ones share the rest equally. */
        static float[] fairShare(float[] natural, float avail, float pad) {
            int n = natural.length;
            float[] out = new float[n];
            boolean[] fixed = new boolean[n];
            float remaining = avail;
            int open = n;
            boolean changed = true;
            while (changed && open > 0) {
                changed = false;
                float share = remaining / open;
                for (int k = 0; k < n; k++) {
                    if (!fixed[k] && natural[k] + pad <= share) {
                        out[k] = natural[k] + pad;
                        fixed[k] = true;
                        remaining -= out[k];
                        open--;
                        changed = true;
                    }
                }
            }
            if (open > 0) {
                for (int k = 0; k < n; k++) {
                    if (!fixed[k]) {
                        out[k] = remaining / open;
                    }
                }
            } else if (remaining > 0) {
                // everything fits: give the spare width to the columns in proportion
                float total = avail - remaining;
                for (int k = 0; k < n; k++) {
                    out[k] += remaining * out[k] / total;
                }
            }
            return out;
        }

        // ---- forecast ------------------------------------------------------------------

        private void forecast() throws IOException {
            ReportModel.Forecast f = m.forecast();
            c.newPage();
            c.anchor("forecast");
            c.paragraph("Queue forecast", PdfCanvas.H1);
            if (f.destination() != null && !f.destination().isBlank()) {
                c.paragraph("Mail waiting for " + f.destination(), PdfCanvas.SMALL);
            }
            c.space(6);
            Severity fs = f.severity() == null ? Severity.ADVICE : f.severity();
            float bw = c.badge(fs.label(), color(fs), PdfCanvas.MARGIN_X, c.y - 12);
            c.paragraph(clip(f.verdict(), 1000), PdfCanvas.LEAD, PdfCanvas.MARGIN_X + bw + 10,
                    PdfCanvas.CONTENT_W - bw - 10);
            c.space(14);
            if (!f.series().isEmpty()) {
                c.ensure(ForecastChart.height());
                ForecastChart.draw(c, f.series());
                c.space(6);
            }
            if (!f.inputs().isEmpty()) {
                List<Row> rows = f.inputs().stream().map(in -> Row.of(null, in.name(), in.value())).toList();
                table("Computed from", List.of("Input", "Value"), rows, -1);
            }
            if (!f.series().isEmpty()) {
                List<Row> rows = f.series().stream().limit(MAX_SERIES_ROWS).map(d -> Row.of(null, Integer.toString(d.day()),
                        ForecastChart.fmt(d.backlog()), ForecastChart.fmt(d.delivered()),
                        ForecastChart.fmt(d.expired()))).toList();
                table("Day by day", List.of("Day", "Waiting at end of day", "Delivered that day", "Expired that day"),
                        rows, -1);
                if (f.series().size() > MAX_SERIES_ROWS) {
                    c.paragraph("… " + (f.series().size() - MAX_SERIES_ROWS) + " more days in the JSON report.",
                            PdfCanvas.SMALL);
                }
            }
        }

        // ---- appendix ------------------------------------------------------------------

        private void appendix() throws IOException {
            c.newPage();
            c.anchor("appendix");
            c.paragraph("Appendix", PdfCanvas.H1);
            c.space(4);
            if (!m.appendix().transcripts().isEmpty()) {
                c.anchor("transcripts");
                c.paragraph("SMTP transcripts", PdfCanvas.H2);
                c.paragraph("The conversations MailMedic had with the mail servers, as they happened "
                        + "(no message was sent).", PdfCanvas.SMALL);
                for (ReportModel.Transcript t : m.appendix().transcripts()) {
                    c.ensure(50);
                    c.space(8);
                    c.paragraph(clip(t.host() + (t.title() == null || t.title().isBlank() ? "" : " · " + t.title()), 1000),
                            PdfCanvas.H3);
                    StringBuilder b = new StringBuilder();
                    for (String line : t.lines()) {
                        b.append(clip(line).replace('\n', ' ').replace('\r', ' ')).append('\n');
                    }
                    c.codeBlock(b.length() == 0 ? "(empty)" : b.substring(0, b.length() - 1), PdfCanvas.MARGIN_X,
                            PdfCanvas.CONTENT_W);
                }
                c.space(12);
            }
            List<Row> rows = m.appendix().files().stream().map(f -> Row.of(null, f.name(),
                    f.kind() == null ? "" : f.kind(), size(f.size()), f.sha256() == null ? "" : f.sha256())).toList();
            TableLayout t = rows.isEmpty() ? null : layoutTable(List.of("File", "Kind", "Size", "SHA-256"), rows, 3);
            c.ensure(60);
            if (t != null) {
                keepTogether(60 + t.keepHeight());
            }
            c.anchor("files");
            c.paragraph("Files analysed", PdfCanvas.H2);
            if (t == null) {
                c.paragraph("No files were analysed for this report.", PdfCanvas.BODY);
                return;
            }
            c.paragraph("SHA-256 checksums let anyone confirm they are looking at the same files.", PdfCanvas.SMALL);
            c.space(4);
            drawTable(t, "Files analysed");
        }

        private static String size(long bytes) {
            if (bytes < 1024) {
                return bytes + " B";
            }
            if (bytes < 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
            }
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }

        // ---- navigation, footers, metadata ---------------------------------------------

        private void pageRef(float xRight, float baseline, String anchor, Style st) {
            pageRefs.computeIfAbsent(c.pageIndex(), k -> new ArrayList<>())
                    .add(new PageRef(xRight, baseline, anchor, st));
        }

        private void outline(List<TocEntry> toc) {
            PDOutlineItem parent = null;
            addOutline(null, "Summary", "summary");
            addOutline(null, "Contents", "contents");
            for (TocEntry e : toc) {
                PDOutlineItem item = outlineItem(e.label(), e.anchor());
                if (item == null) {
                    continue;
                }
                if (e.level() == 0 || parent == null) {
                    outline.addLast(item);
                    parent = item;
                } else {
                    parent.addLast(item);
                }
            }
            outline.openNode();
            c.doc.getDocumentCatalog().setDocumentOutline(outline);
            c.doc.getDocumentCatalog().setPageMode(PageMode.USE_OUTLINES);
        }

        private void addOutline(PDOutlineItem parent, String title, String anchor) {
            PDOutlineItem item = outlineItem(title, anchor);
            if (item != null) {
                if (parent == null) {
                    outline.addLast(item);
                } else {
                    parent.addLast(item);
                }
            }
        }

        private PDOutlineItem outlineItem(String title, String anchor) {
            PdfCanvas.Anchor a = c.anchorOf(anchor);
            if (a == null) {
                return null;
            }
            PDOutlineItem item = new PDOutlineItem();
            String t = TextSanitizer.forPrint(title.replaceAll("[\\r\\n]+", " "));
            item.setTitle(t.length() > 200 ? t.substring(0, 199) + "…" : t);
            item.setDestination(c.destination(a));
            return item;
        }

        private void footersAndPageRefs() throws IOException {
            int total = c.pageCount();
            String left = TextSanitizer.forPrint((pack ? m.title() : m.domain().isBlank() ? m.title() : m.domain())
                    + (m.generatedAt() == null ? "" : " · " + SHORT_DATE.format(m.generatedAt())));
            for (int p = 0; p < total; p++) {
                c.resume(p, 0);
                float base = 30;
                c.hrule(PdfCanvas.MARGIN_X, base + 12, PdfCanvas.CONTENT_W, PdfCanvas.RULE, 0.5f);
                String leftText = left;
                float maxLeft = PdfCanvas.CONTENT_W - 90;
                if (c.width(leftText, PdfCanvas.SMALL) > maxLeft) {
                    leftText = c.wrap(leftText, PdfCanvas.SMALL, maxLeft - 10, maxLeft).get(0) + "…";
                }
                c.drawLine(leftText, PdfCanvas.SMALL, PdfCanvas.MARGIN_X, base);
                String right = "Page " + (p + 1) + " of " + total;
                c.drawLine(right, PdfCanvas.SMALL, PdfCanvas.MARGIN_X + PdfCanvas.CONTENT_W
                        - c.width(right, PdfCanvas.SMALL), base);
                for (PageRef r : pageRefs.getOrDefault(p, List.of())) {
                    PdfCanvas.Anchor a = c.anchorOf(r.anchor());
                    if (a == null) {
                        continue;
                    }
                    String n = Integer.toString(a.page() + 1);
                    String text = r.style().face() == Face.REGULAR && r.style().size() < 9 ? "p. " + n : n;
                    c.drawLine(text, r.style(), r.xRight() - c.width(text, r.style()), r.baseline());
                }
            }
            c.closeStream();
        }

        private void info() {
            PDDocumentInformation info = c.doc.getDocumentInformation();
            info.setTitle(TextSanitizer.forPrint(m.title() + (m.domain().isBlank() || pack ? "" : ": " + m.domain())));
            info.setAuthor("MailMedic");
            info.setCreator(TextSanitizer.forPrint(m.generatorVersion()));
            info.setSubject(TextSanitizer.forPrint(m.verdict().sentence()));
            Instant t = m.generatedAt() == null ? Instant.now() : m.generatedAt();
            Calendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
            cal.setTimeInMillis(t.toEpochMilli());
            info.setCreationDate(cal);
            c.doc.getDocumentCatalog().setLanguage("en");
            PDViewerPreferences prefs = new PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
            prefs.setDisplayDocTitle(true);
            c.doc.getDocumentCatalog().setViewerPreferences(prefs);
        }

        private String clip(String s) {
            return clip(s, o.maxCharsPerText());
        }

        private static String clip(String s, int max) {
            if (s == null) {
                return "";
            }
            if (max <= 0 || s.length() <= max) {
                return s;
            }
            int end = max;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            return s.substring(0, end) + " … [" + String.format(Locale.ROOT, "%,d", s.length() - end)
                    + " more characters; the full text is in the JSON report]";
        }
    }

    /** A live check row's status in words for the badge (the JSON keeps pass/warn/fail/info). */
    static String words(RowStatus s) {
        return switch (s) {
            case PASS -> "ok";
            case WARN -> "warning";
            case FAIL -> "problem";
            case INFO -> "note";
        };
    }

    /** How sure a finding is, in words. */
    static String sureness(ReportModel.Confidence c) {
        return switch (c) {
            case HIGH -> "certain";
            case MEDIUM -> "likely";
            case LOW -> "possible";
        };
    }
}
