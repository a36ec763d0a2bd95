package org.mailmedic.engine.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.cli.Cli;
import org.mailmedic.engine.report.Json;
import org.mailmedic.testing.CliRunner;

/** {@code mailmedic analyze FILE --json}: one object per recipient in the DESIGN.md shape. */
class AnalyzeBounceJsonTest {

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner();

    @Test
    void jsonHasOneBounceObjectPerRecipientInTheDesignShape() throws Exception {
        Path eml = dir.resolve("expired.eml");
        Files.writeString(eml, FoundingCasesTest.POSTFIX_EXPIRED_RATE_LIMIT, StandardCharsets.UTF_8);
        Path hello = dir.resolve("hello.eml");
        Files.writeString(hello, "From: a@example.com\nTo: b@example.net\nSubject: hi\n\nhello\n", StandardCharsets.UTF_8);
        CliRunner.Result r = cli.run("analyze", eml.toString(), hello.toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("files")).hasSize(2);
        assertThat(root.get("files").get(0).get("sha256").asText()).hasSize(64);
        assertThat(root.get("files").get(1).get("bounceProblem").asText()).isEqualTo("an email, but no bounce information found");
        assertThat(root.get("bounces")).hasSize(1);
        JsonNode b = root.get("bounces").get(0);
        for (String field : new String[] {"file", "recipient", "action", "status", "replyCode", "reason", "remoteMta",
            "reportingMta", "diagnostic", "mta", "date"}) {
            assertThat(b.has(field)).as(field).isTrue();
        }
        assertThat(b.get("file").asText()).isEqualTo(eml.toString());
        assertThat(b.get("recipient").asText()).isEqualTo("customer@isp.example");
        assertThat(b.get("action").asText()).isEqualTo("failed");
        assertThat(b.get("status").asText()).isEqualTo("4.0.0");
        assertThat(b.get("replyCode").asText()).isEqualTo("421");
        assertThat(b.get("reason").asText()).isEqualTo("speeding");
        assertThat(b.get("expired").asBoolean()).isTrue();
        assertThat(b.get("temporary").asBoolean()).isTrue();
        assertThat(b.get("remoteMta").asText()).isEqualTo("mx.isp.example");
        assertThat(b.get("reportingMta").asText()).isEqualTo("mail.example.com");
        assertThat(b.get("mta").asText()).isEqualTo("postfix");
        assertThat(b.get("date").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(b.get("subject").asText()).isEqualTo("Your invoice 2026-114");
        assertThat(b.get("plain").asText()).contains("rate limiting");
    }

    @Test
    void textOutputSummarisesEachRecipient() throws Exception {
        Path eml = dir.resolve("tls.eml");
        Files.writeString(eml, FoundingCasesTest.GMAIL_STARTTLS, StandardCharsets.UTF_8);
        CliRunner.Result r = cli.run("analyze", eml.toString());
        assertThat(r.exitCode()).isEqualTo(Cli.OK);
        assertThat(r.out())
                .contains("office@example.com — failedstarttls (expired)")
                .contains("Gmail could not set up an encrypted connection (STARTTLS) to the server mail.example.com")
                .contains("said: TLS Negotiation failed, generic::failed_precondition: starttls error");
    }
}
