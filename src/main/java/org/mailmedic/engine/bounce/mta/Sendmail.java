package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Sendmail ("----- The following addresses had permanent fatal errors -----", "Transcript of session follows"). */
final class Sendmail extends TextRecognizer {

    Sendmail() {
        super("sendmail");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("----- the following addresses had permanent fatal errors -----") || b.contains("----- transcript of session follows -----") || subject(m).startsWith("returned mail:");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"----- the following addresses had permanent fatal errors -----", "----- the following addresses had transient non-fatal errors -----"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"----- original message follows", "----- message header follows"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
