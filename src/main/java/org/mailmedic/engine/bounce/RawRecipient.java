package org.mailmedic.engine.bounce;

/**
 * What a recognizer found for one recipient, before the reason is decided. Mutable on purpose:
 * recognizers fill in what their format shows; {@link BounceDecoder} completes the rest.
 */
public final class RawRecipient {

    public String recipient = "";
    public String action = "";
    public String status = "";
    public String replyCode = "";
    public String diagnostic = "";
    /** Diagnostic-Code type (smtp, x-unix, x-postfix), lower-case, "" when unknown. */
    public String diagnosticType = "";
    public String remoteMta = "";
    public String reportingMta = "";
    public String command = "";
    public String date = "";
    /** A reason the format itself states (e.g. qmail's "no mailbox here"), or "". */
    public String reason = "";
    public String feedbackType = "";
    /** The message gave up after its queue lifetime. */
    public boolean expired;

    public RawRecipient() {
    }

    public RawRecipient(String recipient) {
        this.recipient = recipient == null ? "" : recipient;
    }

    @Override
    public String toString() {
        return recipient + " [" + action + " " + status + " " + replyCode + " " + reason + "] " + diagnostic;
    }
}
