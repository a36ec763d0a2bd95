package org.mailmedic.engine.bounce.mta;

import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;
import org.mailmedic.engine.bounce.MailText;

/**
 * Gmail's bounces: the old non-RFC text ("Delivery to the following recipient failed permanently:")
 * and today's RFC 3464 reports from mailer-daemon@googlemail.com.
 */
final class Gmail extends TextRecognizer {

    Gmail() {
        super("gmail");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("delivery to the following recipient failed permanently") || b.contains("delivery to the following recipient has been delayed") || b.contains("delivery to the following recipients failed permanently")
                || m.from().toLowerCase(Locale.ROOT).contains("mailer-daemon@googlemail.com") && !m.dsn().isBlank();
    }

    @Override
    String[] startMarkers() {
        return new String[] {"delivery to the following recipient", "delivery to the following recipients"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"----- original message -----", "----- message header follows -----"};
    }

    /**
     * Google's documented answers (support.google.com/a/answer/3726730) and, for the classic
     * text, the SMTP session state Gmail reports as "(state N)": 14 is RCPT (the address was
     * refused), 15/17/18 are DATA and after (the message was refused).
     */
    private static final String[][] WORDS = {
        {"because the address couldn't be found. check for typos or unnecessary spaces and try again.", "userunknown"},
        {"null mx", "notaccept"},
        {" had no relevant answers.", "networkerror"},
        {" responded with code nxdomain", "networkerror"},
        {"~\\(state 1[578]\\)", "filtered"},
    };

    @Override
    String[][] ownWords() {
        return WORDS;
    }

    @Override
    String ownCommand(String d) {
        int i = d.indexOf("(state ");
        if (i < 0) {
            return "";
        }
        String n = d.substring(i + 7, Math.min(d.length(), i + 10));
        n = n.substring(0, Math.max(0, n.indexOf(')')));
        return switch (n) {
            case "6" -> "MAIL";
            case "13" -> "EHLO";
            case "14" -> "RCPT";
            case "15", "17", "18" -> "DATA";
            default -> "";
        };
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }

    /**
     * "Delivery to the following recipient failed permanently:\n\n     a@b\n\nTechnical details of
     * permanent failure: ...": the addresses come first, the error in the paragraphs after.
     */
    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> found = super.decode(m);
        String section = errorSection(m);
        String lower = section.toLowerCase(Locale.ROOT);
        int t = lower.indexOf("technical details of");
        if (t >= 0) {
            String diag = Text.fold(section.substring(t));
            for (RawRecipient r : found) {
                r.diagnostic = diag;
                if (lower.contains("has been delayed") || lower.contains("temporary failure")) {
                    r.action = "delayed";
                }
            }
            applyOwnWords(found);
        }
        return found;
    }
}
