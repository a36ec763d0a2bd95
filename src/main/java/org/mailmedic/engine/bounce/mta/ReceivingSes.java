package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/**
 * Amazon SES receiving (inbound) bounces: a domain that receives its mail through SES answers
 * with a receipt rule's Bounce action (X-SES-Outgoing header, From the domain's own postmaster
 * rather than amazonses.com). The texts are the action's templates ("Mailbox does not exist",
 * "Message too large", "Mailbox full", "Message content rejected"): they say which rule the
 * domain's administrator configured, so "Mailbox does not exist" is that rule refusing the
 * message, not a mailbox lookup.
 *
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-bounce.html">Bounce action</a>
 */
final class ReceivingSes extends TextRecognizer {

    private static final String[][] WORDS = {
        {"mailbox does not exist", "filtered"},
        {"message too large", "mesgtoobig"},
        {"mailbox full", "mailboxfull"},
        {"message content rejected", "contenterror"},
    };

    ReceivingSes() {
        super("receivingses");
    }

    @Override
    public boolean claims(MailText m) {
        // X-SES-Outgoing is on everything SES sends; a receipt rule's bounce is a DSN from the domain
        String from = m.from().toLowerCase(Locale.ROOT);
        return m.headers().has("X-SES-Outgoing") && !from.contains("amazonses.com") && !m.dsn().isBlank()
                && (from.contains("postmaster") || from.contains("mailer-daemon")
                        || m.subject().startsWith("Delivery Status Notification"));
    }

    @Override
    String[][] ownWords() {
        return WORDS;
    }
}
