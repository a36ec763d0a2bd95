package org.mailmedic.engine.bounce.mta;

import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;

/**
 * Trend Micro InterScan Messaging Security Suite ("****** Message from InterScan Messaging
 * Security Suite ******", From "InterScan MSS"/"InterScan Notification"). Its "Unable to deliver
 * message to &lt;a@b&gt;" is written when the receiving server refused that recipient; a
 * "&gt;&gt;&gt; RCPT TO" transcript line names the stage.
 */
final class InterScanMss extends TextRecognizer {

    private static final String[][] WORDS = {
        {"unable to deliver message to", "userunknown"},
    };

    InterScanMss() {
        super("interscanmss");
    }

    @Override
    public boolean claims(MailText m) {
        String from = m.from().toLowerCase(Locale.ROOT);
        String subject = m.subject().strip();
        return from.contains("interscan mss") || from.contains("interscan notification")
                || m.lowerBody().contains("message from interscan messaging security suite")
                || subject.equals("Mail could not be delivered") || subject.equals("メッセージを配信できません。")
                || subject.equals("メール配信に失敗しました");
    }

    @Override
    String[][] ownWords() {
        return WORDS;
    }
}
