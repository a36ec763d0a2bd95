package org.mailmedic.engine.diagnosis.fix;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of running a fix's verify step.
 *
 * @param spec     what was run
 * @param outcome  passed, failed, or could not run (e.g. no log newer than the fix)
 * @param summary  one plain sentence ("mail.example.com now completes STARTTLS with a trusted certificate")
 * @param details  the facts behind it (check lines, transcript excerpts)
 * @param at       when it ran
 */
public record VerifyResult(VerifySpec spec, Outcome outcome, String summary, List<String> details, Instant at) {

    public enum Outcome { PASSED, FAILED, NOT_RUN }

    public VerifyResult {
        details = List.copyOf(details);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
