package org.mailmedic.engine.evidence;

/** What kind of automatic message one message of a bounce file turned out to be. */
public enum BounceKind {
    /** A delivery status notification or non-delivery report (standard or not). */
    BOUNCE("bounce"),
    /** An ARF (RFC 5965) feedback-loop report: a complaint, not a delivery failure. */
    FEEDBACK("feedback report"),
    /** An automatic reply (RFC 3834: vacation, out of office): the message was delivered. */
    AUTO_REPLY("automatic reply"),
    /** An email, but no bounce information found in it. */
    NOT_A_BOUNCE("not a bounce");

    private final String label;

    BounceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
