package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/** Microsoft Exchange 2000/2003 ("Your message did not reach some or all of the intended recipients."). */
final class Exchange2003 extends TextRecognizer {

    Exchange2003() {
        super("exchange2003");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("did not reach some or all of the intended recipients") || b.contains("the following recipient(s) could not be reached")
                || b.contains("did not reach the following recipient(s)") && b.contains("msexch:")
                || fromExchange(m) && (b.contains("did not reach the following recipient")
                        || m.subject().strip().toLowerCase(Locale.ROOT).startsWith("undeliverable"));
    }

    /** Headers every message from an Exchange 5.5-2003 server carries (so a bounce needs its words too). */
    private static boolean fromExchange(MailText m) {
        return m.headers().has("X-MS-Embedded-Report") || m.headers().get("X-MimeOLE").startsWith("Produced By Microsoft Exchange")
                || m.headers().get("X-Mailer").startsWith("Internet Mail Service (")
                || m.headers().get("X-Mailer").startsWith("Microsoft Exchange Server Internet Mail Connector");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"the following recipient(s) could not be reached", "could not be reached:"};
    }

    /**
     * The connector's own error numbers ("MSEXCH:IMS:... 0 (000C05A6) Unknown Recipient"), as
     * Microsoft's Internet Mail Service documents them; the ones meaning "could be anything"
     * (000B099C, 000B09AA, 000B09B6: the remote server's text follows) are left to that text.
     */
    private static final String[][] WORDS = {
        {"(000c05a6)", "userunknown"},
        {"(000c0595)", "filtered"},
        {"(00010256)", "systemerror"},
        {"(000d06b5)", "systemerror"},
        {"(00120270)", "networkerror"},
        {"(00050311)", "contenterror"},
        {"(000502cc)", "contenterror"},
        {"(000b0981)", "securityerror"},
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
