package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailmedic.engine.report.ReportModel.BounceExcerpt;
import org.mailmedic.engine.report.ReportModel.LogLine;

class RedactorTest {

    @Test
    void sameAddressSamePseudonymAcrossTheWholeModel() {
        ReportModel r = Redactor.redactModel(ReportFixtures.throttling());
        List<String> lines = r.findings().get(0).evidence().stream().map(ReportModel.Evidence::text).toList();
        // jane.doe appears in lines 1 and 5: the same pseudonym both times, numbered in order of appearance.
        assertThat(lines.get(0)).contains("to=<user1@btinternet.com>");
        assertThat(lines.get(1)).contains("to=<user2@btinternet.com>");
        assertThat(lines.get(4)).contains("to=<user1@btinternet.com>");
        assertThat(String.join("\n", lines)).doesNotContain("jane.doe").doesNotContain("p.smith");
        // Domains, hosts and IPs stay: they are what the reader needs.
        assertThat(lines.get(0)).contains("relay=mx.bt.lon5.cpcloud.co.uk[203.0.113.49]:25");
    }

    @Test
    void redactingTwiceGivesTheSameResult() {
        ReportModel once = Redactor.redactModel(ReportFixtures.throttling());
        assertThat(Redactor.redactModel(ReportFixtures.throttling())).isEqualTo(once);
        assertThat(Redactor.redactModel(once)).isEqualTo(once);
    }

    @Test
    void knownSubjectsAreHiddenEverywhere() {
        ReportModel r = Redactor.redactModel(ReportFixtures.throttling());
        BounceExcerpt b = (BounceExcerpt) r.findings().get(1).evidence().get(1);
        assertThat(b.subject()).isEqualTo("[subject 1]");
        assertThat(b.recipient()).matches("user\\d+@btinternet.com");
        assertThat(Json.mapper().valueToTree(r).toString()).doesNotContain("Invoice 4471");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Subject: Your invoice 4471                                    | Subject: [subject 1]
            warning: header Subject: Hello Bob from mail.example[192.0.2.1]; from=<a@x.example> | warning: header Subject: [subject 1] from mail.example[192.0.2.1]; from=<user1@x.example>
            MAIL FROM:<bob.smith@shop.example> SIZE=100                  | MAIL FROM:<user1@shop.example> SIZE=100
            from=<>, to=<postmaster@example.org>                          | from=<>, to=<postmaster@example.org>
            message-id=<20261120.ABC@mail.example>                        | message-id=<20261120.ABC@mail.example>
            to=<Jürgen.Groß@bücher.example>                               | to=<user1@bücher.example>
            to=<MAILER-DAEMON@mx.example>, abuse@isp.example              | to=<MAILER-DAEMON@mx.example>, abuse@isp.example
            rcpt alice@[192.0.2.7] ok                                     | rcpt user1@[192.0.2.7] ok
            no address here, just user at example dot com                 | no address here, just user at example dot com
            """)
    void redactsOneText(String in, String expected) {
        assertThat(new Redactor().redactText(in)).isEqualTo(expected);
    }

    @Test
    void caseDoesNotMakeANewPerson() {
        Redactor r = new Redactor();
        assertThat(r.redactText("Bob@x.example")).isEqualTo("user1@x.example");
        assertThat(r.redactText("bob@X.example")).isEqualTo("user1@X.example");
        assertThat(r.redactText("bob@y.example")).isEqualTo("user2@y.example");
    }

    @Test
    void leavesStructuralFieldsAlone() {
        ReportModel m = ReportFixtures.throttling().withFindings(List.of(new ReportModel.Finding("id",
                ReportModel.Severity.ADVICE, "h", "w", null, "i", null,
                List.of(new LogLine("a@b.example.log", 3, "x")), null)));
        ReportModel r = Redactor.redactModel(m);
        assertThat(r.appendix().files()).isEqualTo(m.appendix().files());
        assertThat(r.generatedAt()).isEqualTo(m.generatedAt());
        assertThat(((LogLine) r.findings().get(0).evidence().get(0)).file()).isEqualTo("user1@b.example.log");
    }
}
