package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Microsoft Exchange 2007-2019 on premises ("Diagnostic information for administrators"). */
final class Exchange2007 extends TextRecognizer {

    Exchange2007() {
        super("exchange2007");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("diagnostic information for administrators") && !isO365(m)
                || b.contains("remote server returned") && m.headers().has("X-MS-Exchange-Message-Is-Ndr") && !isO365(m);
    }

    @Override
    String[] startMarkers() {
        return new String[] {"diagnostic information for administrators"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"original message headers"};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
