package org.mailmedic.engine.bounce.mta;

import org.mailmedic.engine.bounce.MailText;

/**
 * McAfee Email Gateway / Email and Web Security appliances ("X-NAI-Header: Modified by McAfee",
 * subject "Delivery Status"). The appliance relays the receiving server's refusal of the
 * recipient ("550 Unknown user a@b", "No such user"), always answered at RCPT time.
 */
final class McAfee extends TextRecognizer {

    private static final String[][] WORDS = {
        {"~ user \\(.+@.+\\) unknown\\. |550 unknown user [^ ]+@[^ ]+|550 <.+?@.+?>\\.+ user not exist|no such user", "userunknown"},
    };

    McAfee() {
        super("mcafee");
    }

    @Override
    public boolean claims(MailText m) {
        // the header is on all mail the appliance passes; its notices are titled "Delivery Status"
        return m.headers().get("X-NAI-Header").contains("Modified by McAfee") && m.subject().strip().equals("Delivery Status");
    }

    @Override
    String[][] ownWords() {
        return WORDS;
    }
}
