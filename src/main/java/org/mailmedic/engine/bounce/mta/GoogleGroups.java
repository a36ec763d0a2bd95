package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;
import org.mailmedic.engine.bounce.MailText;

/** Google Groups refusals (the group does not exist or you may not post). */
final class GoogleGroups extends TextRecognizer {

    GoogleGroups() {
        super("googlegroups");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        String from = m.from().toLowerCase(Locale.ROOT);
        return m.headers().has("X-Failed-Recipients") && (from.contains("googlemail.com") || from.contains("google.com"))
                && !b.contains("delivery to the following recipient") && m.dsn().isBlank();
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

    /** The group named in X-Failed-Recipients refused the post: a sender-side refusal. */
    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> out = new ArrayList<>();
        String body = errorSection(m).strip();
        String diag = Text.fold(body.length() > 600 ? body.substring(0, 600) : body);
        for (String a : Text.addresses(m.headers().get("X-Failed-Recipients"))) {
            RawRecipient r = new RawRecipient(a);
            r.reason = "rejected";
            r.diagnostic = diag;
            out.add(r);
        }
        return out;
    }
}
