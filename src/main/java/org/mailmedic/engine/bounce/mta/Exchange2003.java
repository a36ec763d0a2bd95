package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Microsoft Exchange 2000/2003 ("Your message did not reach some or all of the intended recipients."). */
final class Exchange2003 extends TextRecognizer {

    Exchange2003() {
        super("exchange2003");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("did not reach some or all of the intended recipients") || b.contains("the following recipient(s) could not be reached");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"the following recipient(s) could not be reached", "could not be reached:"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
