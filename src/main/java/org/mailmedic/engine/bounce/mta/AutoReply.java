package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/**
 * Automatic replies (RFC 3834 Auto-Submitted: auto-replied, vacation and out-of-office
 * messages): the message was delivered; the person is away. Reported as reason
 * {@code vacation} for the replying address, never as a failure.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3834">RFC 3834</a>
 */
final class AutoReply implements Recognizer {

    private static final String[] SUBJECTS = {
        "auto:", "auto reply", "autoreply", "automatic reply", "auto-reply", "out of office", "out of the office",
        "away until", "vacation", "abwesenheit", "absence", "réponse automatique", "automatische antwort",
        "respuesta automática", "fuori sede", "不在",
    };

    @Override
    public String name() {
        return "rfc3834";
    }

    @Override
    public boolean claims(MailText m) {
        if (!m.dsn().isBlank() || !m.feedback().isBlank()) {
            return false;
        }
        String from = m.from().toLowerCase(Locale.ROOT);
        // Exchange sends its NDRs from the MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@ system
        // mailbox with "Auto-Submitted: auto-replied"; an NDR saved from Outlook as .msg has lost its
        // DSN part, so only the sender tells it from an out-of-office reply
        if (from.contains("mailer-daemon") || from.contains("postmaster") || from.contains("microsoftexchange")) {
            return false;
        }
        String auto = m.headers().lower("Auto-Submitted");
        if (auto.startsWith("auto-replied")) {
            return true;
        }
        String subject = m.subject().toLowerCase(Locale.ROOT);
        boolean subjectSaysSo = false;
        for (String s : SUBJECTS) {
            if (subject.startsWith(s) || subject.contains(s)) {
                subjectSaysSo = true;
                break;
            }
        }
        return subjectSaysSo && (m.headers().has("X-Auto-Response-Suppress") || m.headers().has("X-Autoreply")
                || m.headers().has("X-Autorespond") || m.headers().lower("Precedence").contains("auto_reply")
                || m.headers().lower("Precedence").contains("bulk") || m.headers().has("In-Reply-To")
                || auto.startsWith("auto-generated"));
    }

    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> out = new ArrayList<>();
        String who = Text.firstAddress(m.headers().get("From"));
        if (who.isEmpty()) {
            return out;
        }
        RawRecipient r = new RawRecipient(who);
        r.reason = "vacation";
        String body = m.body().strip();
        int p = body.indexOf("\n\n");
        String first = Text.fold(p > 0 ? body.substring(0, p) : body);
        r.diagnostic = first.length() > 500 ? first.substring(0, 500) : first;
        r.date = m.headers().get("Date");
        out.add(r);
        return out;
    }
}
