package org.mailmedic.engine.bounce.quirks;

/**
 * Gmail / Google Workspace replies: each text is documented at support.google.com/mail/answer/3726730
 * and ends in "- gsmtp". Example: "550-5.7.26 Unauthenticated email from example.jp is not accepted
 * due to domain's DMARC policy".
 */
final class Google implements ReceiverQuirks.Quirk {

    @Override
    public boolean owns(String host, String family, String diag) {
        return host.endsWith("google.com") || family.equals("gmail") || host.endsWith("googlemail.com") || diag.contains("gsmtp")
                || diag.contains("support.google.com");
    }

    @Override
    public String reason(String status, String d) {
        if (d.contains("tls negotiation failed") || d.contains("starttls")) {
            return "failedstarttls";
        }
        if (d.contains("due to spam classification")) {
            return "spamdetected"; // Google Groups; its advice mentions SPF, which is not the cause
        }
        if (d.contains("the email account that you tried to reach does not exist")) {
            return "userunknown";
        }
        if (d.contains("the email account that you tried to reach is disabled")) {
            return "suspend";
        }
        if (d.contains("is over quota") || d.contains("out of storage space") || d.contains("inbox is out of storage")) {
            return "mailboxfull";
        }
        if (d.contains("receiving mail at a rate that prevents") || d.contains("receiving mail too quickly")
                || d.contains("unusual rate of")) {
            return "speeding";
        }
        if (d.contains("very low reputation") || d.contains("low reputation of the sending")) {
            return "badreputation";
        }
        if (d.contains("multiple addresses in from") || d.contains("not rfc 5322 compliant")) {
            return "notcompliantrfc";
        }
        if (d.contains("unauthenticated") || d.contains("dmarc") || d.contains("spf record")
                || d.contains("5.7.26") || d.contains("requires all senders to authenticate")) {
            return "authfailure";
        }
        if (d.contains("ptr record") || d.contains("reverse dns")) {
            return "requireptr";
        }
        if (d.contains("content presents a potential security issue")) {
            return "policyviolation";
        }
        return "";
    }
}
