package org.mailmedic.engine.bounce.quirks;

/**
 * NTT docomo (mfsmax.docomo.ne.jp). Its "550 Unknown user" means different things by SMTP
 * stage: at RCPT the address does not exist; after DATA it is the subscriber's reception filter
 * refusing this sender (docomo checks the sender only once it has the message), which sisimai
 * and docomo's own guidance call a rejection. 5.2.0 is its filter's code.
 */
final class NttDocomo implements ReceiverQuirks.Quirk {

    @Override
    public boolean owns(String host, String family, String diag) {
        return host.endsWith("mfsmax.docomo.ne.jp");
    }

    @Override
    public String reason(String status, String d) {
        return reason(status, d, "");
    }

    @Override
    public String reason(String status, String d, String command) {
        if (status.equals("5.1.1")) {
            return "userunknown";
        }
        if (status.equals("5.2.0")) {
            return "filtered";
        }
        if (d.contains("552 too much mail data")) {
            return "mailboxfull";
        }
        if (d.contains("552 too many recipients")) {
            return "toomanyconn";
        }
        if (d.contains("503 bad sequence of commands") || d.contains("504 command parameter not implemented")) {
            return "syntaxerror";
        }
        if (status.isEmpty() || status.equals("5.0.0")) {
            if (command.equals("RCPT")) {
                return "userunknown";
            }
            if (command.equals("DATA")) {
                return "rejected";
            }
        }
        return "";
    }
}
