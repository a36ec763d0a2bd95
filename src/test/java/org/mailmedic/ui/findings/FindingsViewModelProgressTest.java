package org.mailmedic.ui.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;

/** Fix progress and verify results per finding, kept across selections and put back by restore; no toolkit. */
class FindingsViewModelProgressTest {

    private static FindingsViewModel model() {
        // No verify runs here: the executor is never used.
        return new FindingsViewModel(Runnable::run, null);
    }

    @Test
    void eachFindingKeepsItsOwnStepAndTicksWhenTheUserLooksAtAnother() {
        FindingsViewModel m = model();
        m.setFindings(List.of(FindingsViewTest.ADVICE, FindingsViewTest.THROTTLE));
        assertThat(m.selectedProperty().get()).isEqualTo(FindingsViewTest.THROTTLE);
        m.stepProperty().set(3);
        m.setStepDone(0, true);
        m.setStepDone(1, true);
        m.setStepDone(1, false);
        m.setStepDone(2, true);

        m.selectedProperty().set(FindingsViewTest.ADVICE);
        assertThat(m.stepProperty().get()).isZero();
        assertThat(m.doneSteps()).isEmpty();
        m.stepProperty().set(1);

        m.selectedProperty().set(FindingsViewTest.THROTTLE);
        assertThat(m.stepProperty().get()).isEqualTo(3);
        assertThat(m.doneSteps()).containsExactlyInAnyOrder(0, 2);
        assertThat(m.progress()).containsOnlyKeys("throttling", "downgrade-risk");
        assertThat(m.progress().get("downgrade-risk").step()).isEqualTo(1);
    }

    @Test
    void anotherMailServerStartsItsGuideAfresh() {
        FindingsViewModel m = model();
        m.setFindings(List.of(FindingsViewTest.THROTTLE));
        m.serverProperty().set(MailServer.POSTFIX);
        m.stepProperty().set(2);
        m.setStepDone(0, true);
        m.serverProperty().set(MailServer.EXIM);
        assertThat(m.stepProperty().get()).isZero();
        assertThat(m.doneSteps()).isEmpty();
    }

    @Test
    void restorePutsBackFindingsServerProgressAndVerifyResults() {
        FindingsViewModel m = model();
        m.setFindings(List.of(FindingsViewTest.ADVICE));
        m.stepProperty().set(4);
        Instant at = Instant.parse("2026-11-27T09:30:00Z");
        VerifyResult failed = new VerifyResult(null, VerifyResult.Outcome.FAILED, "still 421", List.of(), at);
        m.restore(List.of(FindingsViewTest.ADVICE, FindingsViewTest.THROTTLE), MailServer.SENDMAIL, true,
                Map.of("throttling", failed),
                Map.of("throttling", new FindingsViewModel.Progress(2, new TreeSet<>(List.of(0, 1)))));
        assertThat(m.findings()).containsExactly(FindingsViewTest.THROTTLE, FindingsViewTest.ADVICE);
        assertThat(m.serverProperty().get()).isEqualTo(MailServer.SENDMAIL);
        assertThat(m.serverDetectedProperty().get()).isTrue();
        assertThat(m.selectedProperty().get()).isEqualTo(FindingsViewTest.THROTTLE);
        assertThat(m.stepProperty().get()).isEqualTo(2);
        assertThat(m.doneSteps()).containsExactly(0, 1);
        assertThat(m.verifyResultProperty().get()).isEqualTo(failed);
        // The earlier window's progress for the advice is gone: the session replaced it.
        m.selectedProperty().set(FindingsViewTest.ADVICE);
        assertThat(m.stepProperty().get()).isZero();
        assertThat(m.verifyResultProperty().get()).isNull();
        assertThat(m.verifyResults()).containsOnlyKeys("throttling");
    }
}
