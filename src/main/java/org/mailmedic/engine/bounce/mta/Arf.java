package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.Headers;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Scan;
import org.mailmedic.engine.bounce.Text;

/**
 * ARF feedback-loop reports (RFC 5965: multipart/report; report-type=feedback-report): a
 * complaint about a message, not a delivery failure. The "recipient" is the complaining
 * mailbox, from Removal-Recipient / Original-Rcpt-To or the original message's To.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5965">RFC 5965</a>
 */
final class Arf implements Recognizer {

    /** Used when a report names no recipient at all (as sisimai does). */
    static final String NO_RECIPIENT = "undisclosed-recipient-in-headers@libsisimai.org.invalid";

    @Override
    public String name() {
        return "arf";
    }

    @Override
    public boolean claims(MailText m) {
        return m.reportType().equals("feedback-report") || !m.feedback().isBlank()
                || m.headers().has("X-HmXmrOriginalRecipient")
                || m.originalHeaders().contains("X-HmXmrOriginalRecipient:")
                || m.headers().lower("X-Apple-Unsubscribe").equals("true");
    }

    @Override
    public List<RawRecipient> decode(MailText m) {
        String fb = m.feedback();
        if (fb.isBlank()) {
            // some providers put the report fields in the body
            fb = m.body();
        }
        Headers f = Headers.parse(fb.replace("\n\n", "\n"));
        String type = f.get("Feedback-Type").toLowerCase(Locale.ROOT).strip();
        if (type.isEmpty()) {
            type = m.headers().lower("X-Apple-Unsubscribe").equals("true") ? "opt-out" : "abuse";
        }
        List<String> rcpts = new ArrayList<>();
        for (String h : new String[] {"Removal-Recipient", "Original-Rcpt-To"}) {
            for (String v : f.all(h)) {
                for (String a : Text.addresses(v)) {
                    if (!rcpts.contains(a)) {
                        rcpts.add(a);
                    }
                }
            }
        }
        if (rcpts.isEmpty()) {
            String hm = Text.firstAddress(m.headers().get("X-HmXmrOriginalRecipient"));
            if (hm.isEmpty()) {
                hm = Text.firstAddress(Headers.parse(m.originalHeaders()).get("X-HmXmrOriginalRecipient"));
            }
            if (!hm.isEmpty()) {
                rcpts.add(hm);
            }
        }
        if (rcpts.isEmpty()) {
            Headers orig = Headers.parse(m.originalHeaders());
            if (orig.isEmpty()) {
                int at = Scan.inlineOriginal(m.body(), m.lowerBody());
                if (at >= 0) {
                    orig = Headers.parse(m.body().substring(at));
                }
            }
            rcpts.addAll(Text.addresses(orig.get("To")));
        }
        if (rcpts.isEmpty() && m.headers().lower("X-Apple-Unsubscribe").equals("true")) {
            rcpts.addAll(Text.addresses(m.headers().get("From")));
        }
        if (rcpts.isEmpty()) {
            rcpts.add(NO_RECIPIENT);
        }
        String body = m.body().strip();
        int p = body.indexOf("\n\n");
        String diag = Text.fold(p > 0 ? body.substring(0, p) : body);
        String source = Text.firstAddress(f.get("Reported-Domain"));
        List<RawRecipient> out = new ArrayList<>();
        for (String a : rcpts) {
            RawRecipient r = new RawRecipient(a);
            r.reason = "feedback";
            r.feedbackType = type;
            r.diagnostic = diag.length() > 500 ? diag.substring(0, 500) : diag;
            r.remoteMta = f.get("Source-IP").strip();
            r.date = f.get("Arrival-Date");
            out.add(r);
        }
        return out;
    }
}
