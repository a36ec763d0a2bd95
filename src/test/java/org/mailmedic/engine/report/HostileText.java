package org.mailmedic.engine.report;

import java.util.List;
import org.mailmedic.engine.report.ReportModel.BounceExcerpt;
import org.mailmedic.engine.report.ReportModel.CheckSection;
import org.mailmedic.engine.report.ReportModel.Finding;
import org.mailmedic.engine.report.ReportModel.LogLine;
import org.mailmedic.engine.report.ReportModel.Row;
import org.mailmedic.engine.report.ReportModel.RowStatus;
import org.mailmedic.engine.report.ReportModel.Severity;
import org.mailmedic.engine.report.ReportModel.Transcript;

/** Text that evidence really contains and that must print safely. */
final class HostileText {

    /** A 100 KB token with no break opportunity, distinct at its end to find it whole. */
    static final String LONG_TOKEN = "A".repeat(50_000) + "B".repeat(49_990) + "0123456789";
    static final String CJK = "邮件被拒绝：收件人邮箱已满 メールボックスがいっぱいです 사서함이 가득 찼습니다";
    static final String HEBREW = "תיבת הדואר מלאה (552)";
    static final String ACCENTS = "Müller Ærøskøbing Łódź Ñandú São Paulo Ελληνικά Кириллица";
    static final String IDN = "info@bücher.example via mx.xn--bcher-kva.example";
    static final String RTL_OVERRIDE = "invoice\u202Egnp.exe\u202C from \u2066user\u2069 \u200Fmark";
    static final String CONTROLS = "bell\u0007 nul\u0000 esc\u001B[31m del\u007F c1\u0085 tab\tend";
    static final String SURROGATES = "lone high \uD83D end, lone low \uDE00 end, pair \uD83D\uDE00 ok";

    private HostileText() {
    }

    static ReportModel model() {
        return ReportModel.builder("bücher.example")
                .generatedAt(ReportFixtures.AT)
                .finding(new Finding("hostile", Severity.DEGRADING, "Hostile " + RTL_OVERRIDE + " " + CONTROLS,
                        "Why: " + CJK + " " + ACCENTS, null, "Impact: " + SURROGATES, "bücher.example", List.of(
                                new LogLine("evil\u202E.log", 1, RTL_OVERRIDE),
                                new LogLine("evil.log", 2, CONTROLS),
                                new LogLine("evil.log", 3, SURROGATES),
                                new LogLine("evil.log", 4, CJK),
                                new LogLine("evil.log", 5, ACCENTS + " " + IDN),
                                new LogLine("evil.log", 6, LONG_TOKEN),
                                new LogLine("evil.log", 7, "line one\r\nline two\rline three\n"),
                                new LogLine("evil.log", 8, "550 5.2.2 " + HEBREW + " end"),
                                new BounceExcerpt("煩.eml", "用户@例子.广告", "5.2.2", "件名 " + CJK, CJK)),
                        null))
                .check(new CheckSection("Table " + CJK, null, List.of("Cell", "Other"), List.of(
                        Row.of(RowStatus.WARN, LONG_TOKEN, CONTROLS),
                        Row.of(RowStatus.INFO, RTL_OVERRIDE, SURROGATES + " " + IDN)), null))
                .transcript(new Transcript("mx.bücher.example", CJK, List.of("S: 220 " + CJK, "C: " + CONTROLS,
                        "S: " + LONG_TOKEN.substring(0, 5000))))
                .build();
    }
}
