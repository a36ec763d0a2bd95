package org.mailmedic.engine.bounce.quirks;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cox (cox.net, its MX at cloudfilter.net): replies end with a private code "AUP#CDRBL" documented
 * at cox.com/residential/support/email-error-codes.html. The code decides; without one, Cox's
 * fixed wordings. Mapping after that page (and sisimai's Rhost::Cox, BSD-2-Clause).
 */
final class Cox implements ReceiverQuirks.Quirk {

    private static final Pattern AUP = Pattern.compile("aup#([0-9a-z]{2,12})");
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("cxbl", "blocked"), // sending IP blocked for spam-like behaviour
            Map.entry("cdrbl", "blocked"), // sending IP temporarily blocked (up to 24 h)
            Map.entry("cxdns", "requireptr"), // reverse DNS of the sending IP fails
            Map.entry("cxsndr", "authfailure"), // SPF / DKIM failed for the sending domain
            Map.entry("cxsmtp", "rejected"), // SMTP protocol violation
            Map.entry("cxcnct", "toomanyconn"), // too many concurrent connections
            Map.entry("cxmxrt", "toomanyconn"), // too many recipients: wait before sending more
            Map.entry("cxthrt", "securityerror"), // sending limited: suspicious account activity
            Map.entry("cxmj", "securityerror"));

    @Override
    public boolean owns(String host, String family, String diag) {
        return host.endsWith("cox.net") || host.endsWith("cloudfilter.net") || diag.contains("www.cox.com/");
    }

    @Override
    public String reason(String status, String d) {
        Matcher m = AUP.matcher(d);
        if (m.find()) {
            String code = m.group(1);
            if (code.startsWith("ipbl")) {
                return "blocked"; // the sending IP is on a DNS blocklist
            }
            if (code.startsWith("urlbl")) {
                return "spamdetected"; // a URL in the body is on a blocklist
            }
            String r = CODES.get(code);
            if (r != null) {
                return r;
            }
        }
        if (d.contains("too many bad commands from") || d.contains("too many invalid recipients")) {
            return "blocked";
        }
        if (d.contains("rejected - no rdns") || d.contains("dns check failure - try again later")) {
            return "requireptr";
        }
        if (d.contains("too many sessions from") || d.contains("message threshold exceeded")) {
            return "toomanyconn";
        }
        return "";
    }
}
