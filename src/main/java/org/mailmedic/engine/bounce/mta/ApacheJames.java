package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/**
 * Apache James (its AbstractNotify mailet): a plain-text notice with the error and then the
 * returned message's envelope, no DSN part:
 *
 * <pre>
 * Error message below:
 * 550 - Requested action not taken: no such user here
 *
 * Message details:
 *   Subject: Test message
 *   Sent date: Wed Jun 12 02:21:53 GMT 2013
 *   MAIL FROM: kijitora@example.com
 *   RCPT TO: 000000000000@vtext.example.com
 * </pre>
 *
 * Recognised as sisimai's ApacheJames module does: Subject "[BOUNCE]", a JavaMail Message-ID or a
 * "JAMES SMTP Server" Received line, plus the notice's own "Error message below:" heading.
 */
final class ApacheJames implements Recognizer {

    @Override
    public String name() {
        return "apachejames";
    }

    @Override
    public boolean claims(MailText m) {
        boolean james = m.subject().equals("[BOUNCE]") || m.headers().get("Message-ID").contains(".JavaMail.")
                || m.headers().all("Received").stream().anyMatch(r -> r.contains("JAMES SMTP Server"));
        return james && m.dsn().isBlank() && m.body().contains("Error message below:");
    }

    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> out = new ArrayList<>();
        String body = m.body();
        int err = body.indexOf("Error message below:");
        int details = body.indexOf("\nMessage details:", err);
        String error = Text.fold(body.substring(err + "Error message below:".length(),
                details < 0 ? Math.min(body.length(), err + 2000) : details));
        if (details < 0) {
            return out;
        }
        String date = "";
        for (String line : body.substring(details + 1).split("\n")) {
            if (line.startsWith("  RCPT TO: ")) {
                RawRecipient r = new RawRecipient(Text.firstAddress(line.substring(11)));
                r.diagnostic = error;
                r.action = "failed";
                out.add(r);
            } else if (line.startsWith("  Sent date: ")) {
                date = line.substring(13).strip();
            } else if (!line.startsWith("  ") && !line.isBlank() && !line.startsWith("Message details:")) {
                break; // the end of the details block
            }
        }
        for (RawRecipient r : out) {
            r.date = date;
        }
        out.removeIf(r -> r.recipient.isEmpty());
        return out;
    }
}
