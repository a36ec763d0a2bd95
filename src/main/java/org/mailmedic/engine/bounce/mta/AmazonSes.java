package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Amazon SES (From MAILER-DAEMON@amazonses.com, X-SES-Outgoing). */
final class AmazonSes extends TextRecognizer {

    AmazonSes() {
        super("amazonses");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        // X-SES-Outgoing is on every message SES sends, so on its own it does not make a bounce
        String from = m.from().toLowerCase(Locale.ROOT);
        boolean daemon = from.contains("mailer-daemon") || from.contains("postmaster") || !m.dsn().isBlank();
        return from.contains("amazonses.com") || daemon && (m.headers().has("X-SES-Outgoing") || b.contains("amazon ses"));
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
