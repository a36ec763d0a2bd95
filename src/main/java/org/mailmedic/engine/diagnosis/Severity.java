package org.mailmedic.engine.diagnosis;

/** How much a finding hurts, most serious first (the order findings are listed in). */
public enum Severity {
    /** Mail is not getting through. */
    BLOCKING("blocking"),
    /** Mail gets through late, sometimes, or lands in spam. */
    DEGRADING("degrading"),
    /** Nothing fails today, but something should be improved. */
    ADVICE("advice");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
