package org.mailmedic.engine.bounce.mta;

import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;

/**
 * au by KDDI's mobile mail (ezweb.ne.jp, au.com): "Mail System Error - Returned Mail" from
 * Postmaster@ezweb.ne.jp. Its notification opens with its own verdict ("The user(s) account is
 * disabled.", "... is temporarily over quota.") before the SMTP text, and marks a message its
 * subscriber's sender filter refused with the header {@code X-SPASIGN: NG}.
 */
final class EzWeb extends TextRecognizer {

    /** The notification's first-line verdicts. */
    private static final String[][] VERDICTS = {
        {"the user(s) account is temporarily over quota", "mailboxfull"},
        {"the user(s) account is disabled.", "suspend"},
        {"the user(s) account is temporarily limited.", "suspend"},
        {"your message was not delivered within ", "expired"},
    };

    EzWeb() {
        super("ezweb");
    }

    @Override
    public boolean claims(MailText m) {
        int marks = 0;
        String from = m.from().toLowerCase(Locale.ROOT);
        if (from.contains("postmaster@ezweb.ne.jp") || from.contains("postmaster@au.com")) {
            marks++;
        }
        if (m.subject().strip().equals("Mail System Error - Returned Mail")) {
            marks++;
        }
        String received = m.headers().get("Received");
        if (received.contains("ezweb.ne.jp (EZweb Mail) with") || received.contains(".au.com (")) {
            marks++;
        }
        String id = m.headers().get("Message-ID").strip();
        if (id.endsWith(".ezweb.ne.jp>") || id.endsWith(".au.com>")) {
            marks++;
        }
        // Received and Message-ID alone are on every au message: one of the first two must be there
        boolean bounceMark = from.contains("postmaster@ezweb.ne.jp") || from.contains("postmaster@au.com")
                || m.subject().strip().equals("Mail System Error - Returned Mail");
        return marks >= 2 && bounceMark;
    }

    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> found = super.decode(m);
        boolean spasign = m.headers().get("X-SPASIGN").strip().equalsIgnoreCase("NG");
        String lower = m.lowerBody();
        String verdict = "";
        String said = "";
        for (String[] v : VERDICTS) {
            int i = lower.indexOf(v[0]);
            if (i >= 0) {
                verdict = v[1];
                int nl = lower.indexOf('\n', i);
                String text = m.body().length() == lower.length() ? m.body() : lower;
                said = text.substring(i, nl < 0 ? lower.length() : nl).strip();
                break;
            }
        }
        for (RawRecipient r : found) {
            if (spasign) {
                r.reason = "filtered"; // the subscriber's sender filter ("designated reception") refused it
            } else if (!verdict.isEmpty()) {
                r.reason = verdict;
                if (!r.diagnostic.contains(said)) {
                    r.diagnostic = r.diagnostic.isEmpty() ? said : said + " " + r.diagnostic;
                }
            }
        }
        return found;
    }
}
