package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Exim ("This message was created automatically by mail delivery software.", X-Failed-Recipients). */
final class Exim extends TextRecognizer {

    Exim() {
        super("exim");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this message was created automatically by mail delivery software") || m.headers().has("X-Failed-Recipients") && !b.contains("google");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"the following address(es) failed:", "the following address(es) have yet to be delivered:", "could not be delivered to one or more of its"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"------ this is a copy of the message", "------ this is a copy of the body of the message", "------ the body of the message is"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
