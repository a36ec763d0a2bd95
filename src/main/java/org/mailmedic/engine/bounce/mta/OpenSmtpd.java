package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** OpenSMTPD ("This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail."). */
final class OpenSmtpd extends TextRecognizer {

    OpenSmtpd() {
        super("opensmtpd");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this is the mailer-daemon, please do not reply to this e-mail") || b.contains("this is the mailer-daemon, please do not reply to this email");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"the following list of recipients", "recipients:"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"below is a copy of the original message"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
