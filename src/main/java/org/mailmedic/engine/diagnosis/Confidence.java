package org.mailmedic.engine.diagnosis;

/** How sure MailMedic is that a finding's cause is the right one. */
public enum Confidence {
    /** The evidence states it outright (a reply text, a live check result). */
    CERTAIN("certain"),
    /** Strong circumstantial evidence (a pattern across many lines). */
    LIKELY("likely"),
    /** Consistent with the evidence, but other causes remain possible. */
    POSSIBLE("possible");

    private final String label;

    Confidence(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
