package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** IBM/HCL Notes and Domino ("Your message ... was not delivered to:"). */
final class Notes extends TextRecognizer {

    Notes() {
        super("notes");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        String subject = m.subject().strip();
        return b.contains("was not delivered to:") || b.contains("delivery failure report") || m.headers().has("X-Notes-Item")
                || b.contains("lotus domino") || subject.startsWith("Undeliverable message")
                || subject.startsWith("DELIVERY FAILURE:") || subject.startsWith("DELIVERY_FAILURE:");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"was not delivered to:"};
    }

    /** The router's own verdicts, in the languages Domino ships (English, French, Japanese). */
    private static final String[][] WORDS = {
        {"not listed in domino directory", "userunknown"},
        {"not listed in public name & address book", "userunknown"},
        {"non répertorié dans l'annuaire domino", "userunknown"},
        {"domino ディレクトリには見つかりません", "userunknown"},
        {"ディレクトリのリストにありません", "userunknown"},
        {"cannot route mail to user", "filtered"},
        {"several matches found in domino directory", "systemerror"},
        {"message has exceeded maximum hop count", "networkerror"},
    };

    @Override
    String[][] ownWords() {
        return WORDS;
    }

    @Override
    String[] endMarkers() {
        return new String[] {};
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
