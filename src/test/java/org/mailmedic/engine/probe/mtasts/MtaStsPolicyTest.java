package org.mailmedic.engine.probe.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MtaStsPolicyTest {

    @Test
    void parsesTheRfcExample() {
        MtaStsPolicy p = MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: mail.example.com\n"
                + "mx: *.example.net\nmx: backupmx.example.com\nmax_age: 604800\n");
        assertThat(p.valid()).isTrue();
        assertThat(p.problems()).isEmpty();
        assertThat(p.mx()).containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
    }

    @Test
    void listsEveryProblemOfABrokenPolicy() {
        MtaStsPolicy p = MtaStsPolicy.parse("version: STSv2\nmode: strict\nmax_age: soon\n<html>\n");
        assertThat(p.valid()).isFalse();
        assertThat(p.problems()).containsExactlyInAnyOrder("line 4 is not \"key: value\": \"<html>\"",
                "max_age \"soon\" is not a number of seconds", "version is \"STSv2\", not STSv1",
                "mode \"strict\" is not enforce, testing or none", "there is no \"mx\" line, so no mail server is allowed");
    }

    @Test
    void binaryGarbageParsesToAnInvalidPolicyWithoutThrowing() {
        MtaStsPolicy p = MtaStsPolicy.parse("\u0000\u0001\uFFFD: \n::::\n");
        assertThat(p.valid()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            mx.example.com,      mx.example.com,       true
            mx.example.com,      MX.Example.COM.,      true
            *.example.net,       a.example.net,        true
            *.example.net,       a.b.example.net,      false
            *.example.net,       example.net,          false
            mail.example.com,    mx.example.com,       false
            """)
    void matchesMxPatternsAsRfc8461Says(String pattern, String host, boolean expected) {
        assertThat(MtaStsPolicy.matches(pattern, host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            604800,   7 days
            86400,    1 day
            3600,     1 hour
            300,      5 minutes
            31557600, 365 days
            """)
    void explainsMaxAgeInWords(long seconds, String words) {
        assertThat(MtaStsPolicy.describeAge(seconds)).isEqualTo(words);
    }

    @Test
    void parsesTlsRpt() {
        TlsRpt ok = TlsRpt.parse(List.of("v=spf1 -all", "v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.com/x"));
        assertThat(ok.rua()).containsExactly("mailto:a@example.com", "https://r.example.com/x");
        assertThat(ok.problems()).isEmpty();
        TlsRpt bad = TlsRpt.parse(List.of("v=TLSRPTv1; rua=ftp://x", "v=TLSRPTv1;"));
        assertThat(bad.problems()).hasSize(2).anyMatch(s -> s.contains("2 TLS-RPT records"))
                .anyMatch(s -> s.contains("\"ftp://x\" is neither"));
        assertThat(TlsRpt.parse(List.of()).present()).isFalse();
    }
}
