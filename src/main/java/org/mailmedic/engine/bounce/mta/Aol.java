package org.mailmedic.engine.bounce.mta;

import org.mailmedic.engine.bounce.MailText;

/**
 * AOL's outbound relays (X-AOL-IP header; Postfix-based, "X-Outbound-Mail-Relay" DSN fields).
 * Their own DNS verdicts: "Host or domain name not found" is a domain that does not exist;
 * "type=MX: Malformed or unexpected name server reply" is what they write when the domain's MX
 * answer yields no usable mail exchanger, i.e. the domain cannot take mail (notaccept, as
 * sisimai's AOL table also reads it).
 */
final class Aol extends TextRecognizer {

    private static final String[][] WORDS = {
        {"host or domain name not found", "hostunknown"},
        {"type=mx: malformed or unexpected name server reply", "notaccept"},
    };

    Aol() {
        super("aol");
    }

    @Override
    public boolean claims(MailText m) {
        // X-AOL-IP is on all AOL mail; its bounces come from MAILER-DAEMON@ or Postmaster@aol.com
        String from = m.from().toLowerCase(java.util.Locale.ROOT);
        return m.headers().has("X-AOL-IP") && (from.contains("mailer-daemon@aol.com") || from.contains("postmaster@aol.com"));
    }

    @Override
    String[][] ownWords() {
        return WORDS;
    }
}
