package org.mailmedic.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderPackTest {

    @Test
    void keepsOnlyTheDestinationsFindingsWithoutOurFixGuides() {
        ReportModel pack = ProviderPack.derive(ReportFixtures.throttling(), "BTInternet.com.");
        assertThat(pack.findings()).extracting(ReportModel.Finding::id).containsExactly("isp-throttle-421",
                "spf-forwarding");
        assertThat(pack.findings()).allSatisfy(f -> assertThat(f.fix()).isNull());
        assertThat(pack.findings().get(0).evidence()).hasSize(12);
        assertThat(pack.checks()).isEmpty();
        assertThat(pack.forecast()).isNotNull();
        assertThat(pack.appendix().transcripts()).extracting(ReportModel.Transcript::host)
                .containsExactly("mx.bt.lon5.cpcloud.co.uk");
        assertThat(pack.appendix().files()).extracting(ReportModel.AnalysedFile::name)
                .containsExactly("maillog", "bounce-2026-11-25.eml");
    }

    @Test
    void requestIsBuiltFromTheFindings() {
        String req = ProviderPack.derive(ReportFixtures.throttling(), "btinternet.com").providerRequest();
        assertThat(req).containsSubsequence("Subject: Mail from example-traders.co.uk to btinternet.com",
                "Hello btinternet.com postmaster team", "(Example Traders Ltd)", "the IP address 198.51.100.25",
                "Between 20 November 2026, 08:02 UTC and 20 November 2026, 16:01 UTC",
                "  - " + ReportFixtures.THROTTLE_HEADLINE + ". About 70 messages",
                "A typical response from your servers:", "421 Too many messages",
                "never drains", "13 log lines and 1 bounce", "Could you please:",
                "  - Please tell us the daily limit", "Sam Admin, postmaster@example-traders.co.uk");
    }

    @Test
    void withoutProviderAsksItAsksTheUsualQuestion() {
        ReportModel tls = ReportFixtures.starttls();
        String req = ProviderPack.derive(tls, "gmail.com").providerRequest();
        assertThat(req).contains("tell us which limit or block applies").contains(
                "The mail administrator of kanzlei-müller.example");
        assertThat(ProviderPack.derive(tls, "gmail.com").forecast()).isNull();
    }

    @Test
    void matchesInternationalisedNamesAndSubdomains() {
        assertThat(ProviderPack.concerns("mx.bücher.example", "xn--bcher-kva.example")).isTrue();
        assertThat(ProviderPack.concerns("BÜCHER.example", "bücher.example")).isTrue();
        assertThat(ProviderPack.concerns("notbtinternet.com", "btinternet.com")).isFalse();
        assertThat(ProviderPack.concerns(null, "btinternet.com")).isFalse();
    }

    @Test
    void refusesADestinationNoFindingConcernsAndSaysWhichDo() {
        assertThatThrownBy(() -> ProviderPack.derive(ReportFixtures.throttling(), "gmx.net"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No finding in this report concerns gmx.net; findings name: btinternet.com.");
        assertThat(ProviderPack.destinations(ReportFixtures.throttling())).containsExactly("btinternet.com");
    }
}
