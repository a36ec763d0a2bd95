package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Gmail's own non-RFC bounces ("Delivery to the following recipient failed permanently:"). */
final class Gmail extends TextRecognizer {

    Gmail() {
        super("gmail");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("delivery to the following recipient failed permanently") || b.contains("delivery to the following recipient has been delayed") || b.contains("delivery to the following recipients failed permanently");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"delivery to the following recipient", "delivery to the following recipients"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"----- original message -----", "----- message header follows -----"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
