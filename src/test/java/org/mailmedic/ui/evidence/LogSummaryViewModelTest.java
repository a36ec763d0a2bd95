package org.mailmedic.ui.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;

/** The view-model without the toolkit: what the table, chart and pattern list would show. */
class LogSummaryViewModelTest {

    static Path resource(String name) throws Exception {
        return Path.of(LogSummaryViewModelTest.class.getResource("/logs/" + name).toURI());
    }

    static LogAnalysis sendmailCase() throws Exception {
        return new LogAnalyzer(LogAnalyzer.Options.fixed(ZoneOffset.UTC, Instant.parse("2026-11-30T00:00:00Z")))
                .analyze(List.of(resource("sendmail/starttls-no-shared-cipher.log"),
                        resource("exchange/MSGTRK2026112308-1.LOG")), null, null);
    }

    @Test
    void showsDestinationsMostTroubledFirstAndSelectsTheFirst() throws Exception {
        LogSummaryViewModel vm = new LogSummaryViewModel(Runnable::run);
        vm.show(sendmailCase());
        assertThat(vm.destinations()).extracting(LogAnalysis.Destination::domain).startsWith("tailspin.example");
        assertThat(vm.selectedProperty().get().domain()).isEqualTo("tailspin.example");
        assertThat(vm.days()).extracting(LogSummaryViewModel.DayBar::date).containsExactly("2026-11-23", "2026-11-25");
        assertThat(vm.days().get(0).deferred()).isEqualTo(2);
        assertThat(vm.days().get(1).expired()).isEqualTo(1);
        assertThat(vm.statusProperty().get()).isEqualTo("6 recipients: 3 delivered, 1 bounced, 1 expired, 1 still queued — 5 destinations");

        vm.select("fabrikam.example");
        assertThat(vm.days()).hasSize(1);
        assertThat(vm.days().get(0).bounced()).isEqualTo(1);
        vm.select(null);
        assertThat(vm.days()).isEmpty();
    }

    @Test
    void patternsPutThrottlingFirstThenTlsEachWithFileAndLine() throws Exception {
        LogSummaryViewModel vm = new LogSummaryViewModel(Runnable::run);
        vm.show(sendmailCase());
        assertThat(vm.patterns()).extracting(LogSummaryViewModel.Pattern::kind)
                .containsExactly("throttle", "throttle", "tls-inbound", "tls-inbound", "tls-outbound");
        LogSummaryViewModel.Pattern tls = vm.patterns().get(2);
        assertThat(tls.title()).isEqualTo("Inbound TLS handshakes from mail-yw1-f41.google.com [209.85.211.41] fail: "
                + "2 failures — no shared cipher (2×)");
        assertThat(tls.evidence()).hasSize(2);
        assertThat(tls.evidence().get(0)).contains("starttls-no-shared-cipher.log:2: Nov 23 03:12:41 mx1 sm-mta[2231]: "
                + "STARTTLS=server, error: accept failed=-1, reason=no shared cipher");
        assertThat(vm.patterns().get(0).evidence().get(0)).startsWith("onset 2026-11-23 ");
    }
}
