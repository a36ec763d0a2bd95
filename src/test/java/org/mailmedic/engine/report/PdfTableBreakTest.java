package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.report.ReportModel.Day;
import org.mailmedic.engine.report.ReportModel.Forecast;
import org.mailmedic.engine.report.ReportModel.Input;
import org.mailmedic.engine.report.ReportModel.Severity;

/**
 * Tables that fall across a page break: whatever the position where a table starts, its
 * heading stays with at least its first two rows (no heading alone at the bottom of a page),
 * its last row never goes alone onto a new page, every continued page repeats the column
 * headings, and no row is lost. The forecast page is laid out with 0 to 45 input rows, which
 * moves its two tables through every position across the first page break; each PDF is read
 * back page by page with PDFBox's text stripper.
 */
class PdfTableBreakTest {

    private static final Pattern DAY_ROW = Pattern.compile("^(\\d+) 7\\d,\\d{3} 49 0$");
    private static final Pattern INPUT_ROW = Pattern.compile("^Input number (\\d+) value \\d+$");
    private static final int DAYS = 12;

    private static ReportModel model(int inputs) {
        List<Day> days = new ArrayList<>();
        for (int d = 1; d <= DAYS; d++) {
            days.add(new Day(d, 70_000 + d, 49, 0));
        }
        List<Input> in = new ArrayList<>();
        for (int i = 1; i <= inputs; i++) {
            in.add(new Input("Input number " + i, "value " + i));
        }
        return ReportModel.builder("shop.example").generatedAt(ReportFixtures.AT)
                .forecast(new Forecast("The queue never drains.", Severity.BLOCKING, "btinternet.com", days, in))
                .build();
    }

    private static List<List<String>> pages(ReportModel m) throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        PdfReportWriter.writeTo(m, pdf, PdfOptions.defaults());
        List<List<String>> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
            PDFTextStripper s = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                s.setStartPage(p);
                s.setEndPage(p);
                out.add(s.getText(doc).lines().map(String::strip).toList());
            }
        }
        return out;
    }

    /** Checks one table over all pages; returns how many of its pages were continuations. */
    private static int checkTable(List<List<String>> pages, String caption, String heading, Pattern row, int total,
            String variant) {
        List<Integer> seen = new ArrayList<>();
        int continued = 0;
        boolean started = false;
        for (int p = 0; p < pages.size(); p++) {
            List<String> lines = pages.get(p);
            List<Integer> rows = lines.stream().map(row::matcher).filter(java.util.regex.Matcher::matches)
                    .map(mt -> Integer.parseInt(mt.group(1))).toList();
            String where = variant + ", page " + (p + 1) + ":\n" + String.join("\n", lines);
            if (lines.contains(caption)) {
                assertThat(rows.size()).as("the heading '%s' keeps its first rows with it; %s", caption, where)
                        .isGreaterThanOrEqualTo(Math.min(2, total));
                started = true;
            }
            if (rows.isEmpty()) {
                continue;
            }
            assertThat(started).as("rows after their heading; %s", where).isTrue();
            assertThat(lines).as("column headings on every page of the table; %s", where).contains(heading);
            assertThat(rows.size()).as("no row alone on a page; %s", where).isGreaterThanOrEqualTo(Math.min(2, total));
            if (!lines.contains(caption)) {
                continued++;
            }
            seen.addAll(rows);
        }
        List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, total).boxed().toList();
        assertThat(seen).as("every row once, in order (%s)", variant).isEqualTo(expected);
        return continued;
    }

    @Test
    void tablesKeepTheirHeadingWithTheirRowsAndLeaveNoRowAlone() throws IOException {
        int continuedPages = 0;
        for (int inputs = 10; inputs <= 45; inputs++) {
            List<List<String>> pages = pages(model(inputs));
            String variant = inputs + " input rows";
            if (inputs > 0) {
                continuedPages += checkTable(pages, "Computed from", "Input Value", INPUT_ROW, inputs, variant);
            }
            continuedPages += checkTable(pages, "Day by day", "Day Waiting at end of day Delivered that day Expired that day",
                    DAY_ROW, DAYS, variant);
        }
        assertThat(continuedPages).as("the sweep did break tables across pages").isPositive();
    }
}
