package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Yahoo! Mail ("Sorry, we were unable to deliver your message to the following address."). */
final class Yahoo extends TextRecognizer {

    Yahoo() {
        super("yahoo");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("sorry, we were unable to deliver your message to the following address") || m.headers().has("X-YMailISG") && b.contains("remote host said");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"sorry, we were unable to deliver your message"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"--- below this line is a copy of the message"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
