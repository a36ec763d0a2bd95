package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Postfix ("This is the mail system at host ..."; RFC 3464 part with X-Postfix-Queue-ID). */
final class Postfix extends TextRecognizer {

    Postfix() {
        super("postfix");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this is the mail system at host") || b.contains("the postfix program") || m.dsn().contains("X-Postfix-Queue-ID") || m.dsn().contains("X-Postfix-Sender");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"this is the mail system at host", "the postfix program"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
