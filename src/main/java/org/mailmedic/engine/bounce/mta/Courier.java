package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Courier MTA ("This is a delivery status notification from ... running the Courier mail server"). */
final class Courier extends TextRecognizer {

    Courier() {
        super("courier");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("courier mail server") || m.dsn().contains("Courier");
    }

    @Override
    String[] startMarkers() {
        return new String[] {};
    }

    @Override
    String[] endMarkers() {
        return new String[] {};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
