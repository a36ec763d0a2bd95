package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Google Groups refusals (the group does not exist or you may not post). */
final class GoogleGroups extends TextRecognizer {

    GoogleGroups() {
        super("googlegroups");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return m.headers().get("X-Failed-Recipients").length() > 0 && m.from().toLowerCase(Locale.ROOT).contains("googlegroups") || m.headers().has("X-Google-Group-Id") && b.contains("googlegroups");
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
