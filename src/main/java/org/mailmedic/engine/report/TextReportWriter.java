package org.mailmedic.engine.report;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.mailmedic.engine.report.ReportModel.Finding;

/**
 * The report as plain text for the command line: the same facts as the PDF's first page plus
 * each finding's first evidence lines and fix steps, sanitised for a terminal (no control
 * characters or direction overrides reach it).
 */
public final class TextReportWriter {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int EVIDENCE_LINES = 3;
    private static final int MAX_CHARS = 500;

    private TextReportWriter() {
    }

    public static void write(ReportModel m, PrintStream out) {
        out.println(line(m.title() + ": " + m.domain()));
        if (m.generatedAt() != null) {
            out.println(line(DATE.format(m.generatedAt()) + " · " + m.generatorVersion()));
        }
        out.println();
        out.println(line(m.verdict().severity().label().toUpperCase(Locale.ROOT) + ": " + m.verdict().sentence()));
        int i = 1;
        for (Finding f : m.findings()) {
            out.println();
            out.println(line("F" + i++ + " [" + f.severity().label().toUpperCase(Locale.ROOT) + "] " + f.headline()));
            if (!f.impact().isBlank()) {
                out.println(line("   " + f.impact()));
            }
            int shown = 0;
            for (ReportModel.Evidence e : f.evidence()) {
                if (shown++ == EVIDENCE_LINES) {
                    out.println(line("   … " + (f.evidence().size() - EVIDENCE_LINES) + " more evidence items"));
                    break;
                }
                String where = e instanceof ReportModel.LogLine l ? l.location()
                        : e instanceof ReportModel.BounceExcerpt b ? b.file() : "live check";
                out.println(line("   " + where + ": " + e.text()));
            }
            if (f.fix() != null) {
                int n = 1;
                for (ReportModel.FixStep s : f.fix().steps()) {
                    out.println(line("   " + n++ + ". " + s.text()));
                }
                if (f.fix().verify() != null) {
                    out.println(line("   Verify: " + f.fix().verify().lastResult().name().toLowerCase(Locale.ROOT)
                            .replace('_', ' ') + (f.fix().verify().at() == null ? ""
                            : " (" + DATE.format(f.fix().verify().at()) + ")")));
                }
            }
        }
        if (m.forecast() != null && !m.forecast().verdict().isBlank()) {
            out.println();
            out.println(line("Forecast: " + m.forecast().verdict()));
        }
    }

    /** One printable line: sanitised, newlines folded, clipped. */
    private static String line(String s) {
        String t = TextSanitizer.forPrint(s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
        if (t.length() > MAX_CHARS) {
            int end = Character.isHighSurrogate(t.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            t = t.substring(0, end) + "…";
        }
        return t;
    }
}
