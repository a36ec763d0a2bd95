package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** DragonFly Mail Agent ("This is the DragonFly Mail Agent ... There was an error delivering your mail to &lt;a@b&gt;."). */
final class Dragonfly extends TextRecognizer {

    Dragonfly() {
        super("dragonfly");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this is the dragonfly mail agent");
    }

    @Override
    String[] startMarkers() {
        return new String[] {};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"message headers follow"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
