package org.mailmedic.engine.bounce.quirks;

/**
 * Exchange Online / Outlook.com: private enhanced codes documented at learn.microsoft.com
 * ("550 5.7.606 Access denied, banned sending IP [192.0.2.1]", "451 4.7.650 The mail server
 * [192.0.2.25] has been temporarily rate limited due to IP reputation").
 */
final class Microsoft implements ReceiverQuirks.Quirk {

    @Override
    public boolean owns(String host, String family, String diag) {
        return host.endsWith("outlook.com") || host.endsWith("hotmail.com") || host.endsWith("office365.com")
                || family.equals("office365") || family.equals("exchange2007")
                || diag.contains("protection.outlook.com") || diag.contains("sender.office.com")
                || diag.contains("prod.outlook.com");
    }

    @Override
    public String reason(String status, String d) {
        if (status.length() < 5) {
            return "";
        }
        int detail;
        try {
            detail = Integer.parseInt(status.substring(4));
        } catch (NumberFormatException e) {
            return "";
        }
        if (status.startsWith("5.7.") && detail >= 606 && detail <= 649) {
            return "blocked";
        }
        if (status.startsWith("4.7.") && (detail == 650 || detail == 651)) {
            return "badreputation";
        }
        if (status.startsWith("5.7.") && (detail == 509 || detail == 510 || detail == 515)) {
            return "authfailure";
        }
        if (status.equals("5.4.312") || status.equals("5.4.316")) {
            return "networkerror";
        }
        if (d.contains("recipientnotfound") || d.contains("recipient not found") || d.contains("unknown recipient")
                || d.contains("requested action not taken: mailbox unavailable")) {
            return "userunknown";
        }
        if (status.equals("5.4.310") || status.equals("5.4.1") && d.contains("recipient address rejected: access denied")) {
            return "userunknown";
        }
        return "";
    }
}
