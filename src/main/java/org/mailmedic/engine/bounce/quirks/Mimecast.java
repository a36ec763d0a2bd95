package org.mailmedic.engine.bounce.quirks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mimecast (*.mimecast.com). Its rejection texts are documented per reply code at
 * community.mimecast.com ("Mimecast SMTP error codes"): "554 email rejected due to security
 * policies" is its antivirus/attachment verdict, not spam; "550 envelope blocked - user entry"
 * is the recipient's personal block list. A text only counts with the reply code it is
 * documented with.
 */
final class Mimecast implements ReceiverQuirks.Quirk {

    private static final Pattern REPLY = Pattern.compile("\\b([245]\\d\\d)[ -]");

    /** Reply code, lower-case text, reason. */
    private static final String[][] TABLE = {
        {"421", "sender address blocked", "blocked"},
        {"451", "recipient temporarily unavailable", "blocked"},
        {"451", "ip temporarily blacklisted", "blocked"},
        {"451", "internal resources are temporarily unavailable", "blocked"},
        {"550", "local ct ip reputation - (reject)", "blocked"},
        {"550", "spf sender invalid - envelope rejected", "blocked"},
        {"550", "dkim sender invalid - envelope rejected", "blocked"},
        {"550", "dmarc sender invalid - envelope rejected", "blocked"},
        {"554", "maximum email size exceeded", "mesgtoobig"},
        {"554", "mail loop detected", "networkerror"},
        {"451", "open relay not allowed", "norelaying"},
        {"451", "account inbounds disabled", "notaccept"},
        {"550", "anti-spoofing policy - inbound not allowed", "policyviolation"},
        {"550", "rejected by header-based anti-spoofing policy", "policyviolation"},
        {"550", "message bounced due to content examination policy", "policyviolation"},
        {"554", "host network not allowed", "policyviolation"},
        {"550", "administrative prohibition envelope blocked", "rejected"},
        {"550", "envelope blocked - user entry", "rejected"},
        {"550", "envelope blocked - user domain entry", "rejected"},
        {"550", "envelope blocked – user entry", "rejected"},
        {"550", "envelope blocked – user domain entry", "rejected"},
        {"550", "rejected by header-based manually blocked senders", "rejected"},
        {"550", "rejected by header-based blocked senders", "rejected"},
        {"550", "envelope rejected - block policy for envelope from address", "rejected"},
        {"535", "incorrect authentication data", "securityerror"},
        {"553", "this route requires encryption (tls)", "securityerror"},
        {"553", "this route requires tls version 1.2 or greater", "securityerror"},
        {"553", "this route requires high-strength ciphers", "securityerror"},
        {"554", "configuration is invalid for this certificate", "securityerror"},
        {"451", "unable to process connection at this time", "systemerror"},
        {"451", "message ended early", "systemerror"},
        {"451", "unable to process command", "systemerror"},
        {"451", "account service is temporarily unavailable", "toomanyconn"},
        {"452", "too many recipients", "toomanyconn"},
        {"550", "exceeding outbound thread limit", "toomanyconn"},
        {"501", "invalid address", "userunknown"},
        {"503", "user unknown", "userunknown"},
        {"550", "invalid recipient", "userunknown"},
        {"554", "email rejected due to security policies", "virusdetected"},
    };

    @Override
    public boolean owns(String host, String family, String diag) {
        return host.endsWith(".mimecast.com") || diag.contains(".mimecast.com[") || diag.contains(".mimecast.com ");
    }

    @Override
    public String reason(String status, String d) {
        Matcher m = REPLY.matcher(d);
        java.util.Set<String> codes = new java.util.HashSet<>();
        while (m.find()) {
            codes.add(m.group(1));
        }
        for (String[] row : TABLE) {
            if (codes.contains(row[0]) && d.contains(row[1])) {
                return row[2];
            }
        }
        return "";
    }
}
