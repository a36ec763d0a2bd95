package org.mailmedic.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "192.0.2.53", "192.0.2.53:5353", "::1", "2001:db8::53", "[2001:db8::53]:53",
            "dns.example.net", "dns.example.net:5353", "localhost", "127.0.0.1:53"})
    void acceptsAnAddressOrAHostWithAnOptionalPortAsTheResolver(String text) {
        assertThat(SettingsCheck.resolverProblem(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.530          | not a valid IP address
            192.0.2.53:0         | port '0' is not a number from 1 to 65535
            192.0.2.53:dns       | port 'dns' is not a number
            dns.example.net:99999| port '99999'
            [2001:db8::53        | missing the closing ']'
            [192.0.2.1]:53       | in brackets is not an IPv6 address
            dns example          | neither an IP address nor a host name (it contains a space)
            dns_1.example        | neither an IP address nor a host name
            2001:db8::zz         | not an IPv6 address
            """)
    void explainsAResolverItCannotUse(String text, String expected) {
        assertThat(SettingsCheck.resolverProblem(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mail.example.com", "MAIL.Example.COM.", "[192.0.2.1]", "[IPv6:2001:db8::1]",
            "mx-1.bücher.example"})
    void acceptsAFullHostNameOrAnAddressLiteralAsTheHeloName(String text) {
        assertThat(SettingsCheck.heloProblem(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            mail                 | give the full name, with its domain
            mail..example.com    | empty part between dots
            -mail.example.com    | may hold only letters, digits and inner hyphens
            mail.example.123     | last part cannot be all digits
            [192.0.2.999]        | not an address literal
            [2001:db8::1]        | not an address literal
            mail example.com     | contains a space
            """)
    void explainsAHeloNameItCannotUse(String text, String expected) {
        assertThat(SettingsCheck.heloProblem(text)).contains(expected);
    }

    @Test
    void namesEachBadBlocklistLineAndReadsTheZonesOnceEach() {
        String text = "zen.spamhaus.org\n\n# my own\nbl.spamcop.net\nbad zone\nBL.SpamCop.net.\nnot_a.zone\n";
        assertThat(SettingsCheck.dnsblProblems(text)).containsExactly(
                "Line 5: 'bad zone' is not a domain name (it contains a space)",
                "Line 7: 'not_a.zone' is not a domain name ('not_a' may hold only letters, digits and inner hyphens)");
        assertThat(SettingsCheck.dnsblZones("zen.spamhaus.org\n\n# my own\nbl.spamcop.net\nBL.SpamCop.net.\n"))
                .containsExactly("zen.spamhaus.org", "bl.spamcop.net");
        assertThat(SettingsCheck.dnsblProblems("a".repeat(64) + ".example")).singleElement().asString()
                .contains("longer than 63");
        assertThat(SettingsCheck.dnsblProblems("")).isEmpty();
        assertThat(SettingsCheck.dnsblZones(" \n")).isEqualTo(List.of());
    }
}
