package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.logs.LogAnalysis.DeliveryAttempt;
import org.mailmedic.engine.logs.LogAnalysis.MessageTimeline;
import org.mailmedic.engine.logs.LogAnalysis.RecipientTimeline;

/** Real upstream samples checked against the expectations their projects publish. */
class CorpusTest {

    static Path resource(String name) {
        try {
            return Path.of(CorpusTest.class.getResource("/logs/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }

    static LogAnalyzer analyzer(ZoneId zone, String reference) {
        return new LogAnalyzer(LogAnalyzer.Options.fixed(zone, Instant.parse(reference)));
    }

    static DeliveryAttempt only(MessageTimeline t, String rcpt, Instant at) {
        RecipientTimeline r = t.recipients().stream().filter(x -> x.address().equals(rcpt)).findFirst().orElseThrow(
                () -> new AssertionError(rcpt + " not in " + t));
        return r.attempts().stream().filter(a -> a.at().equals(at)).findFirst()
                .orElseThrow(() -> new AssertionError("no attempt at " + at + " in " + r));
    }

    @Test
    void postfixDeliveryLinesMatchMailloggersExpectedParse() throws Exception {
        Path log = resource("postfix/maillogger-maillog.log");
        JsonNode expected = new ObjectMapper().readTree(resource("postfix/maillogger-parsed_maillog.expected.json").toFile());
        LogAnalyzer an = analyzer(ZoneOffset.UTC, "2020-12-31T00:00:00Z");
        int checked = 0;
        for (JsonNode e : expected) {
            if (e.isNull()) {
                continue;
            }
            MessageTimeline t = an.trace(List.of(log), e.get("mail_id").asText(), null);
            assertThat(t).as(e.get("mail_id").asText()).isNotNull();
            Instant at = LocalDateTime.parse(e.get("datetime").asText(), DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                    .toInstant(ZoneOffset.UTC);
            DeliveryAttempt a = only(t, e.get("to_address").asText(), at);
            assertThat(a.status()).isEqualTo(e.get("status").asText());
            assertThat(a.relay()).isEqualTo(e.get("relay").asText());
            assertThat(a.enhancedStatus()).isEqualTo(e.get("dsn").asText());
            assertThat(a.text()).isEqualTo(e.get("description").asText());
            assertThat(a.delaySeconds()).isEqualTo(Double.parseDouble(e.get("delay").asText()));
            checked++;
        }
        assertThat(checked).isEqualTo(6);
        LogAnalysis all = an.analyze(List.of(log), null, null);
        assertThat(all.totals().delivered()).isEqualTo(2);
        assertThat(all.totals().bounced()).isEqualTo(2);
        assertThat(all.totals().deferredAttempts()).isEqualTo(2);
        // Both deferred recipients are still waiting; Postfix's delay= says since when.
        assertThat(all.queue().recipients()).isEqualTo(2);
        // Age at the end of the log: the 151541 s Postfix reported, plus the 111034 s until the last line.
        assertThat(all.destination("docomo.ne.je").oldestQueuedSeconds()).isEqualTo(151541 + 111034);
        assertThat(all.files().get(0).format()).isEqualTo("Postfix (syslog)");
    }

    @Test
    void sendmailAttemptsMatchFluentPluginSendmailsExpectedRecords() throws Exception {
        Path log = resource("sendmail/fluent-plugin-sendmail-data.log");
        LogAnalyzer an = analyzer(ZoneId.of("Asia/Tokyo"), "2016-12-31T00:00:00Z");
        MessageTimeline t = an.trace(List.of(log), "u31FFPtp032300", null);
        assertThat(t.from()).isEqualTo("grandeur09@gmail.com");
        assertThat(t.size()).isEqualTo(5938);
        List<String> lines = java.nio.file.Files.readAllLines(resource("sendmail/fluent-plugin-sendmail-expected.json"));
        int checked = 0;
        for (String line : lines) {
            JsonNode e = new ObjectMapper().readTree(line);
            Instant at = Instant.ofEpochSecond(e.get("time").asLong());
            String status = e.get("status_canonical").asText().replace("sent_local", "sent");
            for (JsonNode to : e.get("to")) {
                DeliveryAttempt a = only(t, SendmailParser.strip(to.asText()), at);
                assertThat(a.status()).isEqualTo(status);
                assertThat(a.enhancedStatus()).isEqualTo(e.get("dsn").asText());
                assertThat(a.delaySeconds()).isEqualTo(e.get("delay_in_sec").asDouble());
                String stat = e.get("stat").asText();
                String text = stat.startsWith("Sent (") ? stat.substring(6, stat.length() - 1)
                        : stat.startsWith("Deferred: ") ? stat.substring(10) : stat;
                assertThat(a.text()).isEqualTo(text);
                if (e.has("relay_to")) {
                    assertThat(a.relay()).contains(e.get("relay_to").get("ip").asText());
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(8);
        // deferred1 was deferred, then sent: delivered in the end.
        RecipientTimeline d1 = t.recipients().stream().filter(r -> r.address().equals("deferred1@example.com"))
                .findFirst().orElseThrow();
        assertThat(d1.state()).isEqualTo("delivered");
        assertThat(d1.attempts()).extracting(DeliveryAttempt::status).containsExactly("deferred", "sent");
    }

    @Test
    void postfixExporterLinesTellOneMessagesWholeStory() {
        Path log = resource("postfix/postfix_exporter-test-lines.log");
        LogAnalyzer an = analyzer(ZoneOffset.UTC, "2026-12-31T00:00:00Z");
        MessageTimeline t = an.trace(List.of(log), "732BB407C3", null);
        RecipientTimeline r = t.recipients().get(0);
        assertThat(r.address()).isEqualTo("redacted@domain.com");
        assertThat(r.state()).isEqualTo("bounced");
        assertThat(r.attempts()).extracting(DeliveryAttempt::status).containsExactly("deferred", "bounced");
        assertThat(r.attempts().get(1).replyCode()).isEqualTo("554");
        assertThat(r.attempts().get(1).evidence().line()).isEqualTo(44);
        LogAnalysis all = an.analyze(List.of(log), null, null);
        assertThat(all.destination("domain.fr").delivered()).isEqualTo(1); // postfix/virtual
        assertThat(all.tlsInbound()).isEmpty(); // "Verified TLS connection established" is success
        assertThat(all.tlsOutbound()).isEmpty();
    }

    @Test
    void eximTestsuiteLogsCountDeliveriesDeferralsFailuresAndExpiry() throws Exception {
        LogAnalyzer an = analyzer(ZoneOffset.UTC, "2026-12-31T00:00:00Z");
        LogAnalysis a = an.analyze(List.of(resource("exim/exim-testsuite-0322.log")), null, null);
        assertThat(a.files().get(0).format()).isEqualTo("Exim mainlog");
        // Every "** x@test.ex: retry timeout exceeded" is an expiry, not a bounce.
        assertThat(a.destination("test.ex").expired()).isEqualTo(countLines("exim/exim-testsuite-0322.log",
                "retry timeout exceeded"));
        assertThat(a.destination("test.ex").bounced()).isZero();
        LogAnalysis b = an.analyze(List.of(resource("exim/exim-testsuite-4118.log")), null, null);
        assertThat(b.totals().deferredAttempts()).isEqualTo(countLines("exim/exim-testsuite-4118.log", " == "));
        LogAnalysis c = an.analyze(List.of(resource("exim/exim-testsuite-0217.log")), null, null);
        LogAnalysis.Destination d = c.destination("test.ex");
        assertThat(d.bounced()).isPositive();
        assertThat(d.topReplies()).isNotEmpty();
        assertThat(d.topReplies().get(0).code()).startsWith("5");
    }

    @Test
    void eximInboundTlsErrorsAreCountedByClient() throws Exception {
        LogAnalysis a = analyzer(ZoneOffset.UTC, "2026-12-31T00:00:00Z")
                .analyze(List.of(resource("exim/exim-testsuite-2012.log")), null, null);
        assertThat(a.tlsInbound()).extracting(LogAnalysis.TlsFailures::peer)
                .containsExactly("the.local.host.name [ip4.ip4.ip4.ip4]");
        LogAnalysis.TlsFailures f = a.tlsInbound().get(0);
        assertThat(f.failures()).isEqualTo(countLines("exim/exim-testsuite-2012.log", "TLS error on connection from"));
        assertThat(f.reasons().get(0).reason()).isEqualTo("A TLS fatal alert has been received: Certificate is bad");
        assertThat(f.evidence().get(0).file()).endsWith("exim-testsuite-2012.log");
    }

    @Test
    void fail2banSmtpdLinesAreMailLinesButNoDeliveries() {
        LogAnalysis a = analyzer(ZoneOffset.UTC, "2026-12-31T00:00:00Z")
                .analyze(List.of(resource("postfix/fail2ban-postfix.log")), null, null);
        assertThat(a.files().get(0).mailLines()).isPositive();
        assertThat(a.totals().delivered()).isZero();
        assertThat(a.destinations()).isEmpty();
    }

    static long countLines(String res, String needle) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : java.nio.file.Files.readAllLines(resource(res), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            if (l.contains(needle)) {
                out.add(l);
            }
        }
        return out.size();
    }
}
