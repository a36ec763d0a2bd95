package org.mailmedic.engine.bounce.mta;

import org.mailmedic.engine.bounce.MailText;

/**
 * Symantec / Broadcom Email Security.cloud, formerly MessageLabs ("X-Msg-Ref:" header,
 * From MAILER-DAEMON@messagelabs.com). Its "542 a@b Rejected" is its refusal of the recipient
 * address, and it asks for SMTP authentication with its own sentence.
 */
final class MessageLabs extends TextRecognizer {

    private static final String[][] WORDS = {
        {"~542 .+ rejected|no such user", "userunknown"},
        {"please turn on smtp authentication in your mail client", "securityerror"},
    };

    MessageLabs() {
        super("messagelabs");
    }

    @Override
    public boolean claims(MailText m) {
        return m.headers().has("X-Msg-Ref") && m.from().toLowerCase(java.util.Locale.ROOT).contains("@messagelabs.com");
    }

    @Override
    String[][] ownWords() {
        return WORDS;
    }
}
