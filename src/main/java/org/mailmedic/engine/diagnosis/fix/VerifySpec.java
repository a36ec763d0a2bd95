package org.mailmedic.engine.diagnosis.fix;

import java.util.List;

/**
 * Which live check proves a fix worked, e.g. {@code starttls mail.example.com} or
 * {@code spf 203.0.113.25 example.com}. The verify runner maps {@code check} to a probe.
 *
 * @param check       the check's name
 * @param args        its arguments (names already filled in)
 * @param description what passing means, in words
 * @param missing     plain meanings of the names the check needs but MailMedic does not know
 *                    yet (then it cannot run until the user supplies them)
 */
public record VerifySpec(String check, List<String> args, String description, List<String> missing) {

    public VerifySpec {
        args = List.copyOf(args);
        missing = List.copyOf(missing);
    }

    public VerifySpec(String check, List<String> args, String description) {
        this(check, args, description, List.of());
    }

    public boolean runnable() {
        return missing.isEmpty();
    }
}
