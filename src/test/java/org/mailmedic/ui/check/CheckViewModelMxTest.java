package org.mailmedic.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.Status;

/** Which servers the SMTP stage connects to, read from the MX row's facts (no toolkit). */
class CheckViewModelMxTest {

    private static DomainCheckResult withMx(String domain, Map<String, String> facts) {
        CheckResult mx = new CheckResult("mx", "Mail servers (MX)", Status.PASS, "ok", List.of(), facts, List.of(), null);
        return new DomainCheckResult(domain, domain, domain, "test", Instant.EPOCH, 1, 1, false, Status.PASS, List.of(mx));
    }

    @Test
    void mxHostsInPreferenceOrderTheDomainItselfForAnImplicitMxAndNothingOtherwise() {
        assertThat(CheckViewModel.mxNames(withMx("shop.example",
                Map.of("mx.state", "ok", "mx.hosts", "mx1.shop.example mx2.shop.example"))))
                .containsExactly("mx1.shop.example", "mx2.shop.example");
        assertThat(CheckViewModel.mxNames(withMx("shop.example", Map.of("mx.state", "implicit"))))
                .containsExactly("shop.example");
        assertThat(CheckViewModel.mxNames(withMx("shop.example", Map.of("mx.state", "null", "mx.hosts", ""))))
                .isEmpty();
        assertThat(CheckViewModel.mxNames(withMx(null, Map.of()))).isEmpty();
    }
}
