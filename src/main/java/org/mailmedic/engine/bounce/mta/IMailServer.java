package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/**
 * Ipswitch IMail Server ("X-Mailer: &lt;SMTP32 vN&gt;", subject "Undeliverable Mail"). It writes
 * its own one-line verdicts ("Unknown user: a@b", "Invalid final delivery userid: a@b",
 * "User mailbox exceeds allowed size: a@b") and names the command of a remote refusal
 * ("Additional RCPT TO generated following response:", "DATA command generated response:").
 */
final class IMailServer extends TextRecognizer {

    private static final String[][] WORDS = {
        {"unknown host", "hostunknown"},
        {"~(?:^|\\s)(?:unknown user|invalid final delivery userid)", "userunknown"},
        {"user mailbox exceeds allowed size", "mailboxfull"},
        {"requested action not taken: virus detected", "virusdetected"},
        {"~delivery failed \\d+ attempts", "expired"},
    };

    IMailServer() {
        super("imailserver");
    }

    @Override
    public boolean claims(MailText m) {
        // every message IMail sends has the X-Mailer; its bounces also have this subject
        return m.subject().strip().toLowerCase(Locale.ROOT).equals("undeliverable mail")
                && (m.headers().get("X-Mailer").strip().startsWith("<SMTP32 v")
                        || m.from().toLowerCase(Locale.ROOT).contains("postmaster"));
    }

    @Override
    String[][] ownWords() {
        return WORDS;
    }

    @Override
    String ownCommand(String d) {
        if (d.contains("additional rcpt to generated following response")) {
            return "RCPT";
        }
        return d.contains("data command generated response") ? "DATA" : "";
    }
}
