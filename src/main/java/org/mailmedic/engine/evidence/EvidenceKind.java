package org.mailmedic.engine.evidence;

/**
 * What a file dropped into MailMedic turned out to be, decided from its content (never from
 * its name alone). {@link #label()} is the wording users see in the evidence list.
 */
public enum EvidenceKind {
    BOUNCE("bounce"),
    MBOX("mailbox of messages"),
    POSTFIX_LOG("Postfix log"),
    SENDMAIL_LOG("Sendmail log"),
    EXIM_LOG("Exim log"),
    EXCHANGE_LOG("Exchange tracking log"),
    M365_TRACE("Microsoft 365 message trace"),
    EMAIL("email (not a bounce)"),
    UNKNOWN("unknown");

    private final String label;

    EvidenceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isLog() {
        return this == POSTFIX_LOG || this == SENDMAIL_LOG || this == EXIM_LOG
                || this == EXCHANGE_LOG || this == M365_TRACE;
    }

    public boolean isMessage() {
        return this == BOUNCE || this == MBOX || this == EMAIL;
    }
}
