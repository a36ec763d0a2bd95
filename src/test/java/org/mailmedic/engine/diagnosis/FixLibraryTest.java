package org.mailmedic.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.mailmedic.engine.diagnosis.fix.MailServer;

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
    void missingGuideIsEmptyNotAnError() {
        assertThat(FixLibrary.guide("no-such-kind", MailServer.EXIM, Map.of())).isEmpty();
        assertThat(List.of(MailServer.values())).extracting(MailServer::id)
                .containsExactly("postfix", "sendmail", "exim", "exchange", "provider");
    }
}
