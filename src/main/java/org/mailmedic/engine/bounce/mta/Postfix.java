package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.Headers;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/** Postfix ("This is the mail system at host ..."; RFC 3464 part with X-Postfix-Queue-ID). */
final class Postfix extends TextRecognizer {

    Postfix() {
        super("postfix");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this is the mail system at host") || b.contains("the postfix program") || m.dsn().contains("X-Postfix-Queue-ID") || m.dsn().contains("X-Postfix-Sender");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"this is the mail system at host", "the postfix program"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {};
    }

    /**
     * "--- Delivery report unavailable ---": Postfix lost its per-recipient log, so neither the text
     * nor the DSN names anyone. The returned message's To: is who it was for (what sisimai reports
     * too); no error text is invented.
     */
    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> found = super.decode(m);
        if (!found.isEmpty() || !m.lowerBody().contains("--- delivery report unavailable ---")) {
            return found;
        }
        List<RawRecipient> out = new ArrayList<>();
        for (String a : Text.addresses(Headers.parse(m.originalHeaders()).get("To"))) {
            RawRecipient r = new RawRecipient(a);
            r.action = "failed";
            out.add(r);
        }
        return out;
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
