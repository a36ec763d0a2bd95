package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.engine.diagnosis.fix.VerifySpec;
import org.junit.jupiter.api.Test;

class ReportAssemblerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    static final Finding THROTTLE = new Finding("throttling", Severity.BLOCKING,
            "btinternet.com accepts only about 49 messages a day from your server", "why", Confidence.LIKELY, "impact",
            List.of(EvidenceRef.logLine("maillog", 1204, "status=deferred (421 Too many messages)"),
                    EvidenceRef.bounce("b.eml", "jane@btinternet.com: 4.0.0 421 Too many messages"),
                    EvidenceRef.live("MX", "FAIL: no MX")),
            "btinternet.com", Map.of("destination", "btinternet.com", "limitPerDay", "49", "domain", "harbourbooks.co.uk"));

    @Test
    void mapsFindingsEvidenceFixAndVerifyIntoTheReport() {
        VerifyResult vr = new VerifyResult(new VerifySpec("throttle", List.of("btinternet.com"), "no more 421"),
                VerifyResult.Outcome.FAILED, "still deferred", List.of("maillog:9000 421"), CLOCK.instant());
        ReportModel m = ReportAssembler.assemble(new ReportAssembler.Input("", EvidenceSet.empty(), List.of(THROTTLE),
                MailServer.POSTFIX, Map.of("throttling", vr), null, null, null), CLOCK);
        assertThat(m.domain()).isEqualTo("harbourbooks.co.uk");
        assertThat(m.verdict().sentence()).isEqualTo("Mail is failing. The main cause: " + THROTTLE.headline() + ".");
        ReportModel.Finding f = m.findings().get(0);
        assertThat(f.destination()).isEqualTo("btinternet.com");
        assertThat(f.confidence()).isEqualTo(ReportModel.Confidence.MEDIUM);
        assertThat(f.evidence().get(0)).isEqualTo(new ReportModel.LogLine("maillog", 1204, "status=deferred (421 Too many messages)"));
        ReportModel.BounceExcerpt b = (ReportModel.BounceExcerpt) f.evidence().get(1);
        assertThat(b.recipient()).isEqualTo("jane@btinternet.com");
        assertThat(b.status()).isEqualTo("4.0.0");
        assertThat(((ReportModel.CheckRef) f.evidence().get(2)).status()).isEqualTo(ReportModel.RowStatus.FAIL);
        assertThat(f.fix().title()).contains("Pace mail to btinternet.com in Postfix");
        assertThat(f.fix().verify().lastResult()).isEqualTo(ReportModel.Outcome.FAIL);
        assertThat(f.fix().verify().detail()).startsWith("still deferred");
        assertThat(f.providerAsk()).contains("about 49 messages a day");
    }

    @Test
    void nothingFoundSaysSoInsteadOfAnEmptyVerdict() {
        ReportModel m = ReportAssembler.assemble(new ReportAssembler.Input("example.com", null, List.of(), null,
                null, null, null, null), CLOCK);
        assertThat(m.verdict().severity()).isEqualTo(ReportModel.Severity.OK);
        assertThat(m.verdict().sentence()).isEqualTo("Nothing was analysed yet.");
        assertThat(m.title()).isEqualTo("Mail delivery report for example.com");
    }

    @Test
    void severalSnippetsOfOneStepBecomeOneBlockNamingEachFile() {
        ReportModel.Snippet s = ReportAssembler.snippet(List.of(
                new org.mailmedic.engine.diagnosis.fix.Snippet("file", "/etc/postfix/transport", "btinternet.com slow:"),
                new org.mailmedic.engine.diagnosis.fix.Snippet("command", "", "sudo postfix reload")));
        assertThat(s.file()).isNull();
        assertThat(s.code()).isEqualTo("# In /etc/postfix/transport:\nbtinternet.com slow:\n\nsudo postfix reload");
    }
}
