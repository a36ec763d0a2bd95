package org.mailmedic.engine.bounce.quirks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spectrum / Charter (charter.net, spectrum.net): replies end with "AUP#In-1310" or "AUP#O-1000",
 * a four-digit code documented at spectrum.net/support/internet/understanding-email-error-codes.
 * Ranges after that page (and sisimai's Rhost::Spectrum, BSD-2-Clause).
 */
final class Spectrum implements ReceiverQuirks.Quirk {

    private static final Pattern AUP = Pattern.compile("aup#[a-z-]{0,4}(\\d{4})");

    @Override
    public boolean owns(String host, String family, String diag) {
        return host.endsWith("charter.net") || host.endsWith("spectrum.net") || diag.contains("www.spectrum.net/")
                || diag.contains("spectrumbusiness.net/");
    }

    @Override
    public String reason(String status, String d) {
        Matcher m = AUP.matcher(d);
        if (!m.find()) {
            return "";
        }
        int c = Integer.parseInt(m.group(1));
        if (c == 1000 || c >= 1200 && c <= 1250) {
            return "blocked"; // the sending IP is blocked (suspicious activity, Cloudmark, Spamhaus)
        }
        if (c >= 1010 && c <= 1080 || c == 1500 || c == 1520) {
            return "rejected"; // the sending account or address is refused
        }
        if (c == 1090) {
            return "systemerror";
        }
        if (c >= 1100 && c <= 1150) {
            return "requireptr"; // no full-circle reverse DNS
        }
        if (c >= 1160 && c <= 1190 || c == 1560) {
            return "policyviolation";
        }
        if (c == 1260) {
            return "networkerror"; // IPv6 not accepted
        }
        if (c >= 1300 && c <= 1340) {
            return "toomanyconn"; // too many concurrent connections
        }
        if (c >= 1350 && c <= 1490 || c == 1540 || c == 1550 || c == 1580) {
            return "speeding"; // too many messages or recipients: a rate limit
        }
        if (c == 1530) {
            return "mesgtoobig";
        }
        return "";
    }
}
