package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextReportWriterTest {

    static String render(ReportModel m) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        TextReportWriter.write(m, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void summarisesTheThrottlingCaseInOrder() {
        assertThat(render(ReportFixtures.throttling())).containsSubsequence(
                "Mail delivery report: example-traders.co.uk", "27 November 2026, 10:00 UTC",
                "BLOCKING: " + ReportFixtures.THROTTLE_VERDICT,
                "F1 [BLOCKING] " + ReportFixtures.THROTTLE_HEADLINE, "maillog:10412: Nov 20 09:14:02",
                "… 9 more evidence items", "1. Create a transport", "Verify: fail (27 November 2026, 09:55 UTC)",
                "F2 [DEGRADING] " + ReportFixtures.SPF_HEADLINE, "bounce-2026-11-25.eml: host mx.bt",
                "live check: spf=fail", "F3 [ADVICE]", "Forecast: " + ReportFixtures.FORECAST_VERDICT);
    }

    @Test
    void terminalNeverReceivesControlsOrOverrides() {
        String out = render(HostileText.model());
        assertThat(out).doesNotContain("\u202E").doesNotContain("\u001B").doesNotContain("\u0007")
                .contains("<U+202E>").contains("\\x1B[31m");
        for (String line : out.split("\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(501);
        }
    }
}
