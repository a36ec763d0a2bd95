package org.mailmedic.ui.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;

/** The line under the file list that says what was read (no toolkit needed). */
class AnalysedSummaryTest {

    private static final LogAnalysis LOG = new LogAnalyzer(
            LogAnalyzer.Options.fixed(ZoneOffset.UTC, Instant.parse("2026-11-30T00:00:00Z")))
            .analyze("maillog", ("Nov 23 10:00:01 mx postfix/qmgr[900]: 4A1B2C3D4E: from=<a@b.example>, size=1, nrcpt=1"
                    + " (queue active)\nNov 23 10:00:02 mx postfix/qmgr[900]: 4A1B2C3D4E: removed\n"
                    + "Nov 23 10:00:03 mx CRON[1]: (root) CMD (true)\n").getBytes(StandardCharsets.US_ASCII));

    @Test
    void aLogAloneIsNotReportedAsZeroBouncedRecipients() {
        assertThat(EvidenceViewModel.analysedSummary("Added 1 file.", new EvidenceSet(List.of(), List.of(), LOG)))
                .isEqualTo("Added 1 file. Read 2 mail log lines.");
    }

    @Test
    void bouncesAloneAreCountedEvenWhenNoneWasFound() {
        assertThat(EvidenceViewModel.analysedSummary("Added 1 file.", EvidenceSet.empty()))
                .isEqualTo("Added 1 file. Read 0 bounced recipients.");
    }
}
