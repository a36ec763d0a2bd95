package org.mailmedic.engine.evidence;

import java.util.List;

/**
 * Headers of the message that bounced, when the bounce included them (as a message/rfc822 or
 * text/rfc822-headers part, or inline below a "copy of the message" line). Absent fields are
 * empty strings; nothing here is ever null.
 *
 * @param from                  From header (decoded)
 * @param to                    To header (decoded)
 * @param subject               Subject header (decoded)
 * @param date                  Date header as written
 * @param messageId             Message-ID
 * @param authenticationResults every Authentication-Results header, in order
 * @param dkimDomain            d= of the first DKIM-Signature
 * @param dkimSelector          s= of the first DKIM-Signature
 * @param received              the Received chain, newest first as in the message
 */
public record OriginalMessage(String from, String to, String subject, String date, String messageId,
                              List<String> authenticationResults, String dkimDomain, String dkimSelector,
                              List<String> received) {

    /** No original message was included. */
    public static final OriginalMessage NONE = new OriginalMessage("", "", "", "", "", List.of(), "", "", List.of());

    public OriginalMessage {
        from = nz(from);
        to = nz(to);
        subject = nz(subject);
        date = nz(date);
        messageId = nz(messageId);
        dkimDomain = nz(dkimDomain);
        dkimSelector = nz(dkimSelector);
        authenticationResults = List.copyOf(authenticationResults);
        received = List.copyOf(received);
    }

    public boolean isEmpty() {
        return from.isEmpty() && to.isEmpty() && subject.isEmpty() && messageId.isEmpty() && received.isEmpty();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
