package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** qmail and its descendants ("Hi. This is the qmail-send program at ..."). */
final class Qmail extends TextRecognizer {

    Qmail() {
        super("qmail");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this is the qmail-send program") || b.contains("qmail-send program at") || b.contains("i'm afraid i wasn't able to deliver your message");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"i'm afraid i wasn't able to deliver your message", "i wasn't able to deliver"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"--- below this line is a copy of the message", "--- enclosed are the original headers"};
    }

    /**
     * qmail-local's own unknown user ("Sorry, no mailbox here by that name."); the stage of a
     * remote refusal is in qmail-remote's sentences (qmail-remote.c): "Connected to H but sender
     * was rejected." is MAIL FROM, "but my name was rejected" is HELO.
     */
    private static final String[][] WORDS = {
        {"no mailbox here by that name", "userunknown"},
    };

    @Override
    String[][] ownWords() {
        return WORDS;
    }

    @Override
    String ownCommand(String d) {
        if (d.contains("but my name was rejected")) {
            return "EHLO";
        }
        if (d.contains("but sender was rejected")) {
            return "MAIL";
        }
        if (d.contains("does not like recipient")) {
            return "RCPT";
        }
        return d.contains("failed after i sent the message") ? "DATA" : "";
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
