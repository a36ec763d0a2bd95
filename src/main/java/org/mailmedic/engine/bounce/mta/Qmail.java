package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** qmail and its descendants ("Hi. This is the qmail-send program at ..."). */
final class Qmail extends TextRecognizer {

    Qmail() {
        super("qmail");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this is the qmail-send program") || b.contains("qmail-send program at") || b.contains("i'm afraid i wasn't able to deliver your message");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"i'm afraid i wasn't able to deliver your message", "i wasn't able to deliver"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"--- below this line is a copy of the message", "--- enclosed are the original headers"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
