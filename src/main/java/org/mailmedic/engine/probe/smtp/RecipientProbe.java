package org.mailmedic.engine.probe.smtp;

/**
 * The opt-in recipient probe: MAIL FROM:&lt;&gt;, RCPT TO, RSET — never DATA.
 *
 * @param recipient the address asked about
 * @param mailFrom  the reply to MAIL FROM:&lt;&gt; (null when the dialogue ended before)
 * @param rcptTo    the reply to RCPT TO (null when MAIL was refused)
 * @param outcome   accepted, rejected, deferred, or not-asked
 */
public record RecipientProbe(String recipient, SmtpReply mailFrom, SmtpReply rcptTo, String outcome) {
}
