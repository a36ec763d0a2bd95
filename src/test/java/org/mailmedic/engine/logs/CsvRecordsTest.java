package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailmedic.engine.logs.CorpusTest.analyzer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV records whose quoted fields span lines (RFC 4180), as Exchange message tracking logs and
 * Microsoft 365 message trace exports write them when a subject or a remote reply holds a line
 * break: one record, numbered by its first line; {@code ""} is a quote; a quote never closed costs
 * one line, with a problem naming file:line.
 */
class CsvRecordsTest {

    @TempDir
    Path dir;

    private static final LogAnalyzer UTC = analyzer(ZoneOffset.UTC, "2026-11-30T00:00:00Z");

    private static final String EXCHANGE_HEAD = """
            #Software: Microsoft Exchange Server
            #Version: 15.02.1258.012
            #Log-type: Message Tracking Log
            #Date: 2026-11-23T08:00:01.512Z
            #Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,\
            event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,\
            recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,\
            directionality
            """;

    private static String receive(String time, String id, String rcpts, String subject) {
        return time + ",10.0.0.21,EX01.contoso.local,10.0.0.21,EX01,08DD0A1B2C3D4E5F,,STOREDRIVER,RECEIVE," + id
                + ",<" + id + "@EX01>,9f1c2d3e-0001-4a5b-8c7d-" + id + "," + rcpts + ",,18244,1,,," + subject
                + ",sales@contoso.example,sales@contoso.example,,Originating\n";
    }

    private static String event(String time, String event, String id, String rcpt, String status) {
        return time + ",10.0.0.21,EX01.contoso.local,198.51.100.25,mx1.tailspin.example,08DD0A1B2C3D4E5F,"
                + "Outbound to Internet,SMTP," + event + "," + id + ",<" + id + "@EX01>,9f1c2d3e-0001-4a5b-8c7d-" + id
                + "," + rcpt + "," + status + ",18244,1,,,Subject,sales@contoso.example,sales@contoso.example,,Originating\n";
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void exchangeRecordWithLineBreaksInSubjectAndStatusIsOneRecordNumberedByItsFirstLine() throws IOException {
        String log = EXCHANGE_HEAD // lines 1-5
                + receive("2026-11-23T08:00:01.512Z", "1001", "ben@tailspin.example",
                        "\"Quarterly figures\nsecond line, with a comma\"") // lines 6-7
                + event("2026-11-23T08:00:04.004Z", "DEFER", "1001", "ben@tailspin.example",
                        "\"451 4.7.0 Temporary server error. Please try again later.\r\n"
                        + "  Remote server said: \"\"421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred\"\"\"")
                        // lines 8-9
                + event("2026-11-23T09:10:00.000Z", "SEND", "1001", "ben@tailspin.example", "250 2.0.0 OK"); // line 10
        Path p = write("MSGTRK2026112308-1.LOG", log);

        LogAnalysis a = UTC.analyze(List.of(p), null, null);

        assertThat(a.files().get(0).problems()).isEmpty();
        assertThat(a.files().get(0).lines()).isEqualTo(8); // 5 header lines and 3 records over 5 lines
        assertThat(a.totals().messagesReceived()).isEqualTo(1);
        LogAnalysis.Destination d = a.destination("tailspin.example");
        assertThat(d.deferredAttempts()).isEqualTo(1);
        assertThat(d.delivered()).isEqualTo(1);
        LogAnalysis.MessageTimeline t = UTC.trace(List.of(p), "exch:1001", null);
        assertThat(t.evidence().line()).isEqualTo(6);
        List<LogAnalysis.DeliveryAttempt> attempts = t.recipients().get(0).attempts();
        assertThat(attempts).extracting(x -> x.evidence().line()).containsExactly(8L, 10L);
        LogAnalysis.DeliveryAttempt defer = attempts.get(0);
        assertThat(defer.replyCode()).isEqualTo("451");
        assertThat(defer.text()).isEqualTo("451 4.7.0 Temporary server error. Please try again later.   "
                + "Remote server said: \"421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred\"");
    }

    @Test
    void m365TraceWithAQuotedLineBreakAndDoubledQuotesKeepsTheRecordsApart() throws IOException {
        String csv = "\uFEFF\"Received\",\"SenderAddress\",\"RecipientAddress\",\"Subject\",\"Status\",\"ToIP\",\"FromIP\","
                + "\"Size\",\"MessageId\",\"MessageTraceId\"\r\n"
                + "\"11/24/2026 7:02:11 AM\",\"office@contoso.example\",\"ann@fabrikam.example\",\"Order 1182\r\n"
                + "\"\"urgent\"\", see below\",\"Delivered\",\"203.0.113.80\",\"192.0.2.44\",\"24817\",\"<a@contoso.example>\","
                + "\"6f0b4a1e-1111-4c2d-9e8f-000000000001\"\r\n"
                + "\"11/24/2026 7:09:03 AM\",\"office@contoso.example\",\"nobody@fabrikam.example\",\"Order 1184\","
                + "\"Failed\",\"203.0.113.80\",\"192.0.2.44\",\"23990\",\"<b@contoso.example>\","
                + "\"6f0b4a1e-1111-4c2d-9e8f-000000000003\"\r\n";
        Path p = write("MessageTrace.csv", csv);

        LogAnalysis a = UTC.analyze(List.of(p), null, null);

        assertThat(a.files().get(0).format()).isEqualTo("Microsoft 365 message trace");
        assertThat(a.files().get(0).problems()).isEmpty();
        assertThat(a.files().get(0).mailLines()).isEqualTo(2);
        assertThat(a.destination("fabrikam.example").delivered()).isEqualTo(1);
        assertThat(a.destination("fabrikam.example").bounced()).isEqualTo(1);
        LogAnalysis.MessageTimeline t = UTC.trace(List.of(p), "m365:6f0b4a1e-1111-4c2d-9e8f-000000000003", null);
        assertThat(t.evidence().line()).isEqualTo(4);
    }

    @Test
    void anUnterminatedQuoteCostsOneLineWithAProblemNamingFileAndLine() throws IOException {
        String log = EXCHANGE_HEAD
                + receive("2026-11-23T08:00:01.512Z", "1001", "ann@fabrikam.example", "\"Figures") // line 6: never closed
                + receive("2026-11-23T08:01:00.000Z", "1002", "ann@fabrikam.example", "Plain") // line 7
                + event("2026-11-23T08:02:00.000Z", "SEND", "1002", "ann@fabrikam.example", "250 2.0.0 OK"); // line 8
        Path p = write("MSGTRK2026112308-2.LOG", log);

        LogAnalysis a = UTC.analyze(List.of(p), null, null);

        assertThat(a.files().get(0).problems()).singleElement().asString()
                .startsWith(p + ":6: a double-quoted field opened on this line is not closed before the end of the file");
        assertThat(a.totals().messagesReceived()).isEqualTo(1);
        assertThat(a.destination("fabrikam.example").delivered()).isEqualTo(1);
        assertThat(UTC.trace(List.of(p), "exch:1002", null).recipients().get(0).attempts().get(0).evidence().line())
                .isEqualTo(8);
    }

    @Test
    void aQuoteLeftOpenIsGivenUpAfterTheRecordCapNotAtTheEndOfTheFile() throws IOException {
        StringBuilder log = new StringBuilder(EXCHANGE_HEAD)
                .append(receive("2026-11-23T08:00:01.512Z", "1001", "ann@fabrikam.example", "\"Figures")); // line 6
        int records = 0;
        while (log.length() < LogReader.MAX_RECORD * 2) {
            log.append(event("2026-11-23T08:02:00.000Z", "SEND", Integer.toString(2000 + records),
                    "ann@fabrikam.example", "250 2.0.0 OK"));
            records++;
        }
        Path p = write("MSGTRK2026112308-3.LOG", log.toString());

        LogAnalysis a = UTC.analyze(List.of(p), null, null);

        assertThat(a.files().get(0).problems()).singleElement().asString()
                .startsWith(p + ":6: a double-quoted field opened on this line is not closed within 256 KB");
        assertThat(a.destination("fabrikam.example").delivered()).isEqualTo(records);
        assertThat(a.files().get(0).lines()).isEqualTo(5 + records); // the skipped line is not counted as read
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsPlainText() throws IOException {
        String log = EXCHANGE_HEAD
                + receive("2026-11-23T08:00:01.512Z", "1001", "ann@fabrikam.example", "The 5\" disk") // line 6
                + event("2026-11-23T08:02:00.000Z", "SEND", "1001", "ann@fabrikam.example", "250 2.0.0 OK"); // line 7
        Path p = write("MSGTRK2026112308-4.LOG", log);

        LogAnalysis a = UTC.analyze(List.of(p), null, null);

        assertThat(a.files().get(0).problems()).isEmpty();
        assertThat(a.destination("fabrikam.example").delivered()).isEqualTo(1);
        assertThat(UTC.trace(List.of(p), "exch:1001", null).recipients().get(0).attempts().get(0).evidence().line())
                .isEqualTo(7);
    }
}
