package org.mailmedic.engine.probe.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small pieces: command safety, EHLO parsing, RFC 6125 host name rules. */
class ProtocolPiecesTest {

    @Test
    void dataCannotBeSentBecauseItIsNotACommand() {
        assertThat(Arrays.stream(SmtpCommand.values()).map(c -> c.line(c == SmtpCommand.EHLO || c == SmtpCommand.HELO
                || c == SmtpCommand.RCPT_TO ? "x@example.test" : null)))
                .noneMatch(l -> l.startsWith("DATA") || l.startsWith("BDAT") || l.startsWith("AUTH")
                        || l.startsWith("VRFY") || l.startsWith("EXPN"));
    }

    @Test
    void commandArgumentsCannotSmuggleALineBreak() {
        assertThatThrownBy(() -> SmtpCommand.RCPT_TO.line("a@b\r\nDATA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpCommand.EHLO.line("x y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpCommand.QUIT.line("now")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpOptions.builder(new org.mailmedic.testing.MemoryDns())
                .recipientProbe("a@b>\r\nDATA").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesEhloExtensionsIncludingOldStyleAuth() {
        SmtpReply r = new SmtpReply(250, List.of("mx.example.test Hello [192.0.2.1]", "SIZE 52428800", "pipelining",
                "AUTH=LOGIN", "AUTH PLAIN LOGIN", "STARTTLS", "REQUIRETLS", "8BITMIME"), List.of());
        EhloInfo e = EhloInfo.parse("EHLO", r);
        assertThat(e.greeting()).isEqualTo("mx.example.test Hello [192.0.2.1]");
        assertThat(e.extensions()).containsKeys("SIZE", "PIPELINING", "STARTTLS", "REQUIRETLS", "8BITMIME");
        assertThat(e.sizeLimit()).isEqualTo(52_428_800L);
        assertThat(e.authMechanisms()).containsExactly("LOGIN", "PLAIN");
        assertThat(e.starttls()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            mx.example.com,        mx.example.com,     true
            MX.EXAMPLE.COM.,       mx.example.com,     true
            mx.example.com,        *.example.com,      true
            a.mx.example.com,      *.example.com,      false
            example.com,           *.example.com,      false
            mx.example.com,        *.com,              false
            mx.example.com,        m*.example.com,     false
            mx.example.com,        mx.*.com,           false
            mx.example.com,        other.example.com,  false
            bücher.example,        xn--bcher-kva.example, true
            """)
    void matchesHostNamesTheRfc6125Way(String host, String pattern, boolean expected) {
        assertThat(HostnameMatcher.matches(host, pattern)).isEqualTo(expected);
    }

    @Test
    void transcriptEscapesControlBytes() {
        byte[] raw = {'2', '2', '0', ' ', 0x1b, '[', '2', 'J', (byte) 0xff};
        assertThat(Transcript.printable(raw, raw.length)).isEqualTo("220 \\x1b[2J\\xff");
    }

    @Test
    void transcriptKeepsUtf8ButEscapesBidiOverrides() {
        byte[] raw = "220 mx.exämple.test ready \u202Etxt.exe".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Transcript.printable(raw, raw.length)).isEqualTo("220 mx.exämple.test ready \\u{202E}txt.exe");
    }
}
