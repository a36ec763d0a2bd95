package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** IBM/HCL Notes and Domino ("Your message ... was not delivered to:"). */
final class Notes extends TextRecognizer {

    Notes() {
        super("notes");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("was not delivered to:") || b.contains("delivery failure report") || m.headers().has("X-Notes-Item") || b.contains("lotus domino");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"was not delivered to:"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
