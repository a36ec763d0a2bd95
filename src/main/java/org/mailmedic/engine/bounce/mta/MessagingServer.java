package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

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
}
