package org.mailmedic.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailmedic.engine.diagnosis.fix.FixGuide;
import org.mailmedic.engine.diagnosis.fix.FixLibrary;
import org.mailmedic.engine.diagnosis.fix.InlineCode;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.Snippet;

class FixLibraryTest {

    static Stream<Path> guideFiles() throws IOException, URISyntaxException {
        Path root = Path.of(FixLibrary.class.getResource("/org/mailmedic/engine/diagnosis/fixes").toURI());
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guideFiles")
    void everyGuideParsesAndUsesOnlyKnownNames(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(text);
        while (m.find()) {
            assertThat(FixLibrary.PLACEHOLDERS).as("placeholder ${%s} in %s", m.group(1), file).containsKey(m.group(1));
        }
        String kind = file.getParent().getFileName().toString();
        String name = file.getFileName().toString().replace(".md", "");
        MailServer server = name.equals("default") ? MailServer.POSTFIX : MailServer.fromId(name).orElseThrow(
                () -> new AssertionError("guide file name is not a mail server id: " + file));
        FixGuide g = FixLibrary.guide(kind, server, Map.of()).orElseThrow();
        assertThat(g.title()).isNotBlank().isNotEqualTo(kind);
        assertThat(g.intro()).as("intro of %s", file).isNotBlank();
        assertThat(g.steps()).as("steps of %s", file).isNotEmpty();
        assertThat(g.steps()).allSatisfy(s -> assertThat(s.title()).isNotBlank());
        assertThat(g.source()).as("every guide cites the documentation it was checked against: %s", file).isNotBlank();
        assertThat(g.steps()).flatExtracting(s -> s.snippets())
                .allSatisfy(sn -> assertThat(sn.type()).isIn("file", "command", "text"))
                .allSatisfy(sn -> assertThat(sn.code()).isNotBlank());
    }

    /**
     * Every backtick in a guide's prose belongs to a code span, so that none is shown to the
     * user: text that itself holds a backtick (Sendmail's m4 quoting) needs a double-backtick
     * span, or it would open a span that swallows the sentence up to the next backtick.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("guideFiles")
    void everyBacktickInAGuidesProseMarksInlineCode(Path file) {
        String kind = file.getParent().getFileName().toString();
        String name = file.getFileName().toString().replace(".md", "");
        MailServer server = name.equals("default") ? MailServer.POSTFIX : MailServer.fromId(name).orElseThrow();
        FixGuide g = FixLibrary.guide(kind, server, Map.of()).orElseThrow();
        List<String> prose = new java.util.ArrayList<>(List.of(g.intro()));
        g.steps().forEach(s -> prose.add(s.text()));
        for (String text : prose) {
            for (InlineCode.Run r : InlineCode.parse(text)) {
                if (r.code()) {
                    assertThat(r.text()).as("a code span in %s", file).isNotBlank().doesNotContain("\n");
                    if (r.text().contains("')")) {
                        // an m4 closing quote in a span without its opening backtick: the span began
                        // at an m4 opening quote and swallowed the prose up to the next one
                        assertThat(r.text()).as("code span '%s' in %s", r.text(), file).contains("`");
                    }
                } else {
                    assertThat(r.text()).as("prose of %s shows no backtick", file).doesNotContain("`");
                }
            }
        }
    }

    @Test
    void fillsTheUsersOwnNamesIntoSnippets() {
        FixGuide g = FixLibrary.guide("throttling", MailServer.POSTFIX,
                Map.of("destination", "btinternet.com", "limitPerDay", "49", "delaySeconds", "1800")).orElseThrow();
        assertThat(g.title()).isEqualTo("Pace mail to btinternet.com in Postfix so it stays under the limit");
        assertThat(g.steps()).extracting(s -> s.number()).startsWith(1, 2, 3);
        String all = g.steps().stream().flatMap(s -> s.snippets().stream()).map(s -> s.code()).reduce("", String::concat);
        assertThat(all).contains("btinternet.com    slow:").contains("slow_destination_rate_delay = 1800s");
        assertThat(g.steps().get(1).snippets().get(0).target()).isEqualTo("/etc/postfix/transport");
        assertThat(g.verify().check()).isEqualTo("throttle");
        assertThat(g.verify().args()).containsExactly("btinternet.com");
    }

    @Test
    void unknownNamesShowWhatToPutThere() {
        FixGuide g = FixLibrary.guide("inbound-starttls", MailServer.SENDMAIL, Map.of()).orElseThrow();
        assertThat(g.steps().get(0).snippets().get(0).code()).contains("-d <your mail server's name>");
    }

    @Test
    void verifyWithAnUnknownNameIsNotRunnableAndSaysWhatIsMissing() {
        FixGuide g = FixLibrary.guide("inbound-starttls", MailServer.SENDMAIL, Map.of()).orElseThrow();
        assertThat(g.verify().check()).isEqualTo("starttls");
        assertThat(g.verify().args()).hasSize(1);
        assertThat(g.verify().runnable()).isFalse();
        assertThat(g.verify().missing()).containsExactly("your mail server's name");
        FixGuide known = FixLibrary.guide("inbound-starttls", MailServer.SENDMAIL, Map.of("mxHost", "mail.kestrel-design.co.uk")).orElseThrow();
        assertThat(known.verify().args()).containsExactly("mail.kestrel-design.co.uk");
        assertThat(known.verify().runnable()).isTrue();
    }

    @Test
    void missingGuideIsEmptyNotAnError() {
        assertThat(FixLibrary.guide("no-such-kind", MailServer.EXIM, Map.of())).isEmpty();
        assertThat(List.of(MailServer.values())).extracting(MailServer::id)
                .containsExactly("postfix", "sendmail", "exim", "exchange", "provider");
    }

    /** Every finding kind the diagnosis rules produce (issue 7). */
    static final List<String> KINDS = List.of("throttling", "forwarding-without-srs", "inbound-starttls",
            "tls-old-versions", "outbound-tls", "spf-fail", "spf-permerror", "dmarc", "blacklisted", "reverse-dns",
            "greylisting", "recipient-unknown", "mailbox-full", "message-too-large", "mx-problem", "queue-expired",
            "downgrade-risk");

    /** The live checks a verify step may name, with the number of arguments each takes. */
    static final Map<String, Integer> CHECKS = Map.ofEntries(Map.entry("starttls", 1), Map.entry("tls-versions", 1),
            Map.entry("spf", 2), Map.entry("dmarc", 1), Map.entry("mx", 1), Map.entry("rdns", 1),
            Map.entry("dnsbl", 1), Map.entry("mta-sts", 1), Map.entry("dane", 1), Map.entry("throttle", 1),
            Map.entry("bounce", 1));

    static Stream<String> kinds() {
        return KINDS.stream();
    }

    /** Every fact known and one word long, as the rules supply them (an unknown fact reads "<what it means>"). */
    private static Map<String, String> allFacts() {
        Map<String, String> facts = new HashMap<>();
        FixLibrary.PLACEHOLDERS.keySet().forEach(k -> facts.put(k, "x-" + k));
        return facts;
    }

    private static boolean exists(String kind, String name) {
        return FixLibrary.class.getResource("/org/mailmedic/engine/diagnosis/fixes/" + kind + "/" + name + ".md") != null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindHasADefaultOrAGuideForAllFiveServers(String kind) {
        boolean allFive = List.of(MailServer.values()).stream().allMatch(m -> exists(kind, m.id()));
        assertThat(exists(kind, "default") || allFive).as("%s needs default.md or one guide per server", kind).isTrue();
        for (MailServer m : MailServer.values()) {
            FixGuide g = FixLibrary.guide(kind, m, Map.of()).orElseThrow(() -> new AssertionError(kind + " has no guide for " + m));
            assertThat(g.kind()).isEqualTo(kind);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guideFiles")
    void verifyNamesAKnownLiveCheckWithTheRightArguments(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String header = text.substring(0, text.indexOf("\n---\n"));
        assertThat(header.lines().filter(l -> l.startsWith("verify:")).count()).as("at most one verify line: %s", file)
                .isLessThanOrEqualTo(1);
        String kind = file.getParent().getFileName().toString();
        String name = file.getFileName().toString().replace(".md", "");
        MailServer server = name.equals("default") ? MailServer.POSTFIX : MailServer.fromId(name).orElseThrow();
        FixGuide g = FixLibrary.guide(kind, server, allFacts()).orElseThrow();
        if (g.verify() != null) {
            assertThat(CHECKS).as("check named in %s", file).containsKey(g.verify().check());
            assertThat(g.verify().args()).as("arguments of %s", file).hasSize(CHECKS.get(g.verify().check()));
            assertThat(g.verify().description()).as("verify-text of %s", file).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guideFiles")
    void codeBlocksAreClosedAndFilesNameWhereTheyGo(Path file) throws IOException {
        List<String> fences = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("```")).toList();
        assertThat(fences.size() % 2).as("unclosed code block in %s", file).isZero();
        String kind = file.getParent().getFileName().toString();
        String name = file.getFileName().toString().replace(".md", "");
        MailServer server = name.equals("default") ? MailServer.POSTFIX : MailServer.fromId(name).orElseThrow();
        FixGuide g = FixLibrary.guide(kind, server, allFacts()).orElseThrow();
        assertThat(g.steps()).flatExtracting(s -> s.snippets()).filteredOn(sn -> sn.type().equals("file"))
                .allSatisfy(sn -> assertThat(sn.target()).as("file snippet without a path or URL in %s", file)
                        .matches("(/|https://)\\S+"));
    }

    @Test
    void onlyTheRecipientsSideCanFixTheseSoThereIsNothingToVerify() {
        for (String kind : List.of("greylisting", "recipient-unknown", "mailbox-full", "message-too-large")) {
            FixGuide g = FixLibrary.guide(kind, MailServer.PROVIDER, Map.of()).orElseThrow();
            assertThat(g.verify()).as(kind).isNull();
            assertThat(g.intro()).as(kind).containsAnyOf("Only the recipient", "only the recipient", "nothing to fix",
                    "Only the recipient's side");
        }
    }

    @Test
    void providerGuidesAreReadyToSendTexts() {
        for (String kind : KINDS) {
            FixGuide g = FixLibrary.guide(kind, MailServer.PROVIDER, Map.of()).orElseThrow();
            if (exists(kind, "provider")) {
                assertThat(g.steps()).as(kind).flatExtracting(s -> s.snippets()).extracting(Snippet::type).contains("text");
            }
        }
    }

    @Test
    void throttlingProviderTextsCarryTheEvidenceForBothTheProviderAndThePostmaster() {
        Map<String, String> facts = new HashMap<>();
        facts.put("destination", "btinternet.com");
        facts.put("serverIp", "192.0.2.25");
        facts.put("limitPerDay", "49");
        FixGuide g = FixLibrary.guide("throttling", MailServer.PROVIDER, facts).orElseThrow();
        List<String> texts = g.steps().stream().flatMap(s -> s.snippets().stream())
                .filter(sn -> sn.type().equals("text")).map(Snippet::code).toList();
        assertThat(texts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(texts).allSatisfy(t -> assertThat(t).contains("btinternet.com").contains("192.0.2.25").contains("49"));
        assertThat(texts.get(1)).contains("lift the sending limit");
    }

    @Test
    void postfixPacingKeepsTheDomainAsTheDestination() {
        // With a per-destination recipient limit of 1 Postfix treats each recipient as a destination, so the
        // rate delay would no longer pace the domain (postconf(5), transport_destination_rate_delay).
        FixGuide g = FixLibrary.guide("throttling", MailServer.POSTFIX, Map.of("delaySeconds", "1800")).orElseThrow();
        String configs = g.steps().stream().flatMap(s -> s.snippets().stream()).filter(sn -> sn.type().equals("file"))
                .map(Snippet::code).reduce("", String::concat);
        assertThat(configs).contains("slow_destination_rate_delay = 1800s").doesNotContain("recipient_limit = 1");
    }

    @Test
    void everyPlaceholderHasAPlainMeaning() {
        assertThat(FixLibrary.PLACEHOLDERS).allSatisfy((k, v) -> assertThat(v).isNotBlank().doesNotContain("${"));
    }
}
