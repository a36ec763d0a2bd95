package org.mailmedic.engine.diagnosis.fix;

import java.util.List;

/**
 * Which live check proves a fix worked, e.g. {@code starttls mail.example.com} or
 * {@code spf 203.0.113.25 example.com}. The verify runner maps {@code check} to a probe.
 *
 * @param check       the check's name
 * @param args        its arguments (names already filled in)
 * @param description what passing means, in words
 */
public record VerifySpec(String check, List<String> args, String description) {

    public VerifySpec {
        args = List.copyOf(args);
    }
}
