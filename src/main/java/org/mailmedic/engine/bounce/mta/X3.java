package org.mailmedic.engine.bounce.mta;

import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.MailText;

/**
 * An unnamed MTA sisimai calls "X3" (From "Mail Delivery System", subject "Delivery status
 * notification", a "Technical details:" box). It names the refused command in its own notation:
 * "SMTP:RCPT host 192.0.2.8: 553 5.3.0 &lt;a@b&gt;... No such user here".
 */
final class X3 extends TextRecognizer {

    X3() {
        super("x3");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return m.from().strip().toLowerCase(Locale.ROOT).startsWith("mail delivery system")
                && m.subject().strip().toLowerCase(Locale.ROOT).startsWith("delivery status notification")
                && (b.contains("technical details:") || b.contains("this is an automatically generated delivery status notification"));
    }

    /**
     * Its fixed opening and recipient list ("   * a@b") are not error text: a notice with no
     * "Technical details" states no cause.
     */
    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> found = super.decode(m);
        for (RawRecipient r : found) {
            String rest = r.diagnostic.replace(r.recipient, "").replace("*", "")
                    .replace("This is an automatically generated Delivery Status Notification.", "")
                    .replace("Delivery to the following recipients failed permanently:", "")
                    .replace("Delivery to the following recipient failed permanently:", "").strip();
            if (rest.isEmpty()) {
                r.diagnostic = "";
            }
        }
        return found;
    }

    @Override
    String ownCommand(String d) {
        int i = d.indexOf("smtp:");
        if (i < 0) {
            return "";
        }
        String c = d.substring(i + 5, Math.min(d.length(), i + 9));
        return switch (c) {
            case "rcpt" -> "RCPT";
            case "mail" -> "MAIL";
            case "data" -> "DATA";
            case "ehlo", "helo" -> "EHLO";
            default -> "";
        };
    }
}
