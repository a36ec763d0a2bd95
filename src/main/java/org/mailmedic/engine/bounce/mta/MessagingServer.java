package org.mailmedic.engine.bounce.mta;

import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/** Oracle/Sun Java System Messaging Server ("This report relates to a message you sent"). */
final class MessagingServer extends TextRecognizer {

    MessagingServer() {
        super("messagingserver");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this report relates to a message you sent") || b.contains("messaging server");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"recipient address:"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }

    /**
     * Each recipient has a block "Recipient address: a@b / Reason: ... / Diagnostic code: ...".
     * When the remote server said nothing (a message that timed out in the queue), the block has
     * no diagnostic code and its Reason line ("unable to deliver this message after 1 day") is
     * the only statement of what happened; the delivery history after it is not.
     */
    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> found = super.decode(m);
        String body = m.body();
        String lower = m.lowerBody();
        if (body.length() != lower.length()) {
            return found;
        }
        for (RawRecipient r : found) {
            int at = lower.indexOf("recipient address: " + r.recipient.toLowerCase(Locale.ROOT));
            if (at < 0) {
                continue;
            }
            int end = lower.indexOf("\n\n", at);
            String block = lower.substring(at, end < 0 ? lower.length() : end);
            if (block.contains("diagnostic code:")) {
                continue;
            }
            int reason = block.indexOf("\n  reason: ");
            if (reason < 0) {
                reason = block.indexOf("\nreason: ");
            }
            if (reason < 0) {
                continue;
            }
            int from = at + block.indexOf(':', reason) + 1;
            int nl = lower.indexOf('\n', from);
            String said = Text.fold(body.substring(from, nl < 0 ? body.length() : nl)).strip();
            if (!said.isEmpty() && Text.reply(r.diagnostic).isEmpty()) {
                r.diagnostic = said;
                applyOwnWords(List.of(r));
            }
        }
        return found;
    }
}
