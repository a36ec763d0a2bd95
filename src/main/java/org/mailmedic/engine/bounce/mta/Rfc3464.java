package org.mailmedic.engine.bounce.mta;

import org.mailmedic.engine.bounce.MailText;

/**
 * Any standard delivery status notification (RFC 3464 multipart/report with a
 * message/delivery-status part) from a system no more specific recognizer claimed.
 */
final class Rfc3464 extends TextRecognizer {

    Rfc3464() {
        super("rfc3464");
    }

    @Override
    public boolean claims(MailText m) {
        return !m.dsn().isBlank();
    }
}
