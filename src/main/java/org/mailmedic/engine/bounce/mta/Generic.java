package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Last resort: any message with bounce markers; recipients from lines starting with an address. */
final class Generic extends TextRecognizer {

    Generic() {
        super("unknown");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return true;
    }

    @Override
    String[] startMarkers() {
        return new String[] {};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"------------------------- message text follows"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
