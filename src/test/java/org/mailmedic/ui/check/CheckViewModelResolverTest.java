package org.mailmedic.ui.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.testing.dns.DnsTestServer;
import org.mailmedic.testing.dns.Zone;
import org.xbill.DNS.Type;

/** The DNS server setting of the Preferences and the Live check: an address, or a host found when first asked. */
class CheckViewModelResolverTest {

    @Test
    void aResolverGivenByNameIsLookedUpOnceThroughTheBootstrapResolverThenAsked() throws Exception {
        try (DnsTestServer dns = DnsTestServer.start(new Zone().text("""
                ns.test.example. A 127.0.0.1
                shop.example. MX 10 mx.shop.example.
                """))) {
            Duration t = Duration.ofSeconds(2);
            CheckViewModel.NamedResolver r = new CheckViewModel.NamedResolver("ns.test.example", dns.port(), t,
                    dns.resolver(t));
            DnsAnswer mx = r.query("shop.example", Type.MX);
            assertThat(mx.records()).singleElement().satisfies(rec -> assertThat(rec.rdataToString())
                    .isEqualTo("10 mx.shop.example."));
            int asked = dns.udpQueries() + dns.tcpQueries();
            r.query("shop.example", Type.MX);
            // The second question goes straight to the resolver: no second look-up of its name.
            assertThat(dns.udpQueries() + dns.tcpQueries()).isEqualTo(asked + 1);
        }
    }

    @Test
    void aResolverNameThatDoesNotExistMakesEveryAnswerAFailureThatSaysSo() throws Exception {
        try (DnsTestServer dns = DnsTestServer.start(new Zone().text("other.example. A 127.0.0.1\n"))) {
            Duration t = Duration.ofSeconds(2);
            DnsAnswer a = new CheckViewModel.NamedResolver("ns.missing.example", dns.port(), t, dns.resolver(t))
                    .query("shop.example", Type.MX);
            assertThat(a.records()).isEmpty();
            assertThat(a.error()).contains("ns.missing.example could not be found");
        }
    }

    @Test
    void aSettingThatIsNeitherAnAddressNorANameIsRefusedWithAReason() {
        assertThatThrownBy(() -> CheckViewModel.resolver("192.0.2.530", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IP address");
        assertThat(CheckViewModel.resolver("ns.test.example:5353", Duration.ofSeconds(1)))
                .isInstanceOf(CheckViewModel.NamedResolver.class);
        assertThat(CheckViewModel.resolver("127.0.0.1:5353", Duration.ofSeconds(1)))
                .isNotInstanceOf(CheckViewModel.NamedResolver.class);
    }
}
