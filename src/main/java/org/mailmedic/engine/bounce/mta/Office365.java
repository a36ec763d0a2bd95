package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Microsoft 365 / Exchange Online and Outlook.com ("Your message to ... couldn't be delivered", X-MS-Exchange headers). */
final class Office365 extends TextRecognizer {

    Office365() {
        super("office365");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return isO365(m);
    }

    @Override
    String[] startMarkers() {
        return new String[] {"diagnostic information for administrators"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"original message headers"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
