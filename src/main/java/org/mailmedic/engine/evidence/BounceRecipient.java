package org.mailmedic.engine.evidence;

/**
 * One recipient of one bounce (or feedback report / automatic reply): who, what happened, why,
 * and who said so. Strings are never null (empty when unknown).
 *
 * <p><b>Reason and expiry.</b> {@code reason} uses the sisimai reason vocabulary
 * ({@code userunknown}, {@code mailboxfull}, {@code expired}, ...), extended with
 * {@code failedstarttls}. Rate limiting ("421 Too many messages") is {@code speeding}, sisimai's
 * name for it (MailMedic's issue calls it "ratelimited"). When a message gave up after its queue
 * lifetime, {@code expired} is {@code true} and {@code reason} names the <em>underlying cause</em>
 * when the last error shows one (e.g. {@code speeding} or {@code failedstarttls}); only when no
 * cause is visible is {@code reason} itself {@code "expired"}. The plain sentence always says both.
 * For corpus comparison with sisimai (which reports {@code expired} there), use
 * {@link #sisimaiReason()}.
 *
 * @param recipient     final recipient address (lower-case domain)
 * @param action        DSN Action: failed, delayed, delivered, relayed, expanded; "" for feedback/auto-replies
 * @param status        RFC 3463 enhanced status code ("5.1.1"), "" when the bounce carries none
 * @param replyCode     SMTP reply code ("550"), "" when none
 * @param reason        why, in the sisimai vocabulary (see above)
 * @param expired       the message stayed in the queue until its lifetime ran out
 * @param temporary     whether the failure is temporary (retrying can help) rather than permanent
 * @param remoteMta     the host that refused or could not be reached, "" when unknown
 * @param reportingMta  the host that wrote the bounce, "" when unknown
 * @param diagnostic    the error text exactly as sent (whitespace folded to single spaces)
 * @param smtpCommand   SMTP command the error answered (CONN, EHLO, MAIL, RCPT, DATA), "" when unknown
 * @param mta           the recognizer (MTA/ESP family) that decoded the bounce
 * @param date          when it happened, ISO-8601 UTC when parseable, else as written, "" when unknown
 * @param feedbackType  ARF Feedback-Type for feedback reports, else ""
 * @param plain         one sentence for a non-expert
 * @param statusMeaning what the enhanced status code means (RFC 3463), "" when no code
 */
public record BounceRecipient(String recipient, String action, String status, String replyCode, String reason,
                              boolean expired, boolean temporary, String remoteMta, String reportingMta,
                              String diagnostic, String smtpCommand, String mta, String date, String feedbackType,
                              String plain, String statusMeaning) {

    public BounceRecipient {
        recipient = nz(recipient);
        action = nz(action);
        status = nz(status);
        replyCode = nz(replyCode);
        reason = nz(reason);
        remoteMta = nz(remoteMta);
        reportingMta = nz(reportingMta);
        diagnostic = nz(diagnostic);
        smtpCommand = nz(smtpCommand);
        mta = nz(mta);
        date = nz(date);
        feedbackType = nz(feedbackType);
        plain = nz(plain);
        statusMeaning = nz(statusMeaning);
    }

    /** The reason as sisimai would name it: {@code expired} wins over the underlying cause. */
    public String sisimaiReason() {
        return expired && !"expired".equals(reason) ? "expired" : reason;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
