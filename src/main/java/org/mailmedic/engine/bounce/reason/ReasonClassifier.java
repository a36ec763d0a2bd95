package org.mailmedic.engine.bounce.reason;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailmedic.engine.bounce.quirks.ReceiverQuirks;

/**
 * Decides <em>why</em> a delivery failed, apart from how the bounce was decoded. In order:
 * statements the format itself makes (feedback, vacation), success codes, receiver quirks
 * (Gmail, Microsoft), then for each reason in a fixed order "does the enhanced code imply it, or
 * does the diagnostic contain one of its phrases", then phrase-only reasons, then the code's class
 * (X.6 content, X.7 security) and the SMTP stage. Phrase lists are resource files, one per reason.
 *
 * <p>Expiry is reported separately from the cause: {@link Decision#expired()} says the sending
 * server gave up after its queue lifetime; {@link Decision#reason()} then still names the cause
 * when the last error shows one ({@code speeding}, {@code failedstarttls}, ...).
 */
public final class ReasonClassifier {

    /** Reasons tested by "code implies it or a phrase matches", most specific first. */
    private static final List<String> FIRST = List.of(
            "failedstarttls", "mailboxfull", "mesgtoobig", "exceedlimit", "suspend", "hasmoved", "norelaying",
            "authfailure", "userunknown", "filtered", "requireptr", "notcompliantrfc", "badreputation", "rejected",
            "hostunknown", "virusdetected", "spamdetected", "toomanyconn", "speeding", "blocked");
    /** Reasons tested by phrase only, when the first pass and the code found nothing. */
    private static final List<String> SECOND = List.of(
            "mailboxfull", "spamdetected", "policyviolation", "virusdetected", "norelaying", "securityerror",
            "systemerror", "notaccept", "networkerror", "suspend", "expired", "contenterror", "systemfull",
            "mailererror", "syntaxerror");
    /** Code-implied reasons too vague to stop at: phrases may say better. */
    private static final Set<String> VAGUE = Set.of(
            "userunknown", "hostunknown", "systemerror", "networkerror", "expired", "syntaxerror", "securityerror");
    /** Causes that, on a temporary failure that finally bounced, mean "gave up after retrying". */
    private static final Set<String> RETRIED_CAUSES = Set.of(
            "", "expired", "speeding", "failedstarttls", "networkerror", "onhold", "undefined");
    /** Causes that explain why a temporary failure (4xx, action failed) ran out the queue lifetime. */
    private static final Set<String> RETRY_TRIGGERS = Set.of("speeding", "failedstarttls");

    private static final Map<String, Phrases> PHRASES = new HashMap<>();

    static {
        for (String r : FIRST) {
            PHRASES.computeIfAbsent(r, Phrases::load);
        }
        for (String r : SECOND) {
            PHRASES.computeIfAbsent(r, Phrases::load);
        }
    }

    /** The decision: the reason and whether the message expired in the queue. */
    public record Decision(String reason, boolean expired) {
    }

    private ReasonClassifier() {
    }

    /**
     * @param status      enhanced status code or ""
     * @param diagnostic  the error text as sent
     * @param action      DSN action (failed, delayed, delivered...) or ""
     * @param command     SMTP command (CONN, EHLO, MAIL, RCPT, DATA) or ""
     * @param diagType    Diagnostic-Code type (smtp, x-unix, ...) or ""
     * @param remoteHost  remote MTA host name, then a space and the recognizer family, optionally then a
     *                    space and the recipient's domain (for receiver quirks)
     * @param stated      a reason the bounce format itself states, or ""
     */
    public static Decision decide(String status, String diagnostic, String action, String command, String diagType,
                                  String remoteHost, String stated) {
        String d = forMatching(diagnostic);
        Map<String, Boolean> memo = new HashMap<>();
        if (stated.equals("feedback") || stated.equals("vacation") || stated.equals("delivered")) {
            return new Decision(stated, false);
        }
        if (status.startsWith("2.") || action.equals("delivered") || action.equals("relayed")
                || action.equals("expanded")) {
            return new Decision("delivered", false);
        }
        String cause = cause(status, d, command, diagType, remoteHost, stated, memo);
        boolean networkNow = cause.equals("networkerror") && (d.contains("dns") || d.contains("name server")
                || d.contains("lookup") || d.contains("name service") || d.contains("wasn't able to establish"));
        boolean gaveUp = (has("expired", d, memo) || status.endsWith(".4.7")) && RETRIED_CAUSES.contains(cause) && !networkNow
                || action.equals("delayed") && RETRIED_CAUSES.contains(cause)
                || status.startsWith("4.") && action.equals("failed") && RETRY_TRIGGERS.contains(cause);
        if (cause.isEmpty()) {
            cause = gaveUp ? "expired" : d.isBlank() ? "undefined" : "onhold";
        }
        return new Decision(cause, gaveUp || cause.equals("expired"));
    }

    /** Reasons whose phrases override an address-status code ("550 5.1.1 ... relay access denied"). */
    private static final List<String> BEFORE_UNKNOWN = List.of(
            "norelaying", "blocked", "mailboxfull", "hasmoved", "rejected", "notaccept", "speeding", "toomanyconn");

    /**
     * "User unknown" is only believed at RCPT time or with an address-status code; the same words
     * after DATA mean the recipient accepted the address and then a filter refused the message,
     * which is {@code filtered} (sisimai draws the same line).
     */
    private static String unknownUser(String byCode, String d, String command, Map<String, Boolean> memo) {
        boolean phrase = has("userunknown", d, memo);
        if (byCode.equals("userunknown")) {
            if (command.equals("MAIL") || command.equals("EHLO") || command.equals("CONN")) {
                return ""; // an address status at MAIL time is about the sender
            }
            for (String o : BEFORE_UNKNOWN) {
                if (has(o, d, memo)) {
                    return "";
                }
            }
            return "userunknown";
        }
        if (!phrase || byCode.equals("suspend") || byCode.equals("mailboxfull")) {
            return "";
        }
        if (byCode.equals("filtered") && !command.equals("RCPT")) {
            return "filtered"; // a mailbox-status code (5.2.x) with no RCPT stage: the mailbox refused it
        }
        switch (command) {
            case "RCPT":
                return "userunknown";
            case "CONN", "EHLO", "HELO", "MAIL":
                return "";
            case "DATA":
                return "filtered";
            default:
                return "filtered"; // when the stage is unknown, the words are taken at face value
        }
    }

    /** Whether {@code reason}'s phrases occur in {@code d}; each list is scanned once per decision. */
    private static boolean has(String reason, String d, Map<String, Boolean> memo) {
        Boolean b = memo.get(reason);
        if (b == null) {
            b = PHRASES.get(reason).matches(d);
            memo.put(reason, b);
        }
        return b;
    }

    /** A temporary (4xx) SMTP reply somewhere in the text. */
    private static final java.util.regex.Pattern TEMPORARY_REPLY = java.util.regex.Pattern.compile("(?<![\\d.])4\\d\\d[ -]");

    /** Continuation prefixes of multi-line replies ("550-5.7.1 ") split phrases apart: drop them. */
    private static final java.util.regex.Pattern CONTINUATION =
            java.util.regex.Pattern.compile("(?<=\\s)[245]\\d\\d[- ](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s)?");

    /** The diagnostic lower-cased, with reply continuation prefixes after the first removed. */
    static String forMatching(String diagnostic) {
        String d = diagnostic.toLowerCase(Locale.ROOT);
        return d.indexOf('-') < 0 && d.indexOf(' ') < 0 ? d : CONTINUATION.matcher(d).replaceAll("");
    }

    private static String cause(String status, String d, String command, String diagType, String remoteHost,
                                String stated, Map<String, Boolean> memo) {
        if (!stated.isEmpty() && !VAGUE.contains(stated)) {
            return stated;
        }
        if (stated.equals("userunknown")) {
            return stated; // the family's own wording says so (Domino "not listed", MessageLabs "542 ... Rejected")
        }
        String quirk = ReceiverQuirks.reason(remoteHost, status, d, command);
        if (!quirk.isEmpty()) {
            return quirk;
        }
        String byCode = StatusCodes.reason(status);
        if (!status.isEmpty() && status.indexOf(".9") == 3 && status.length() > 6) {
            byCode = ""; // private X.0.9xx pseudo codes say nothing
        }
        if (FIRST.contains(byCode) && !VAGUE.contains(byCode) && !byCode.equals("filtered")) {
            return byCode; // a specific enhanced code (5.2.3, 5.7.25, 5.1.8) says it best
        }
        for (String r : FIRST) {
            if (r.equals("hostunknown") && (command.equals("EHLO") || command.equals("MAIL") || command.equals("CONN"))) {
                continue; // "invalid domain" after EHLO or MAIL is about the sender, not the recipient
            }
            if (r.equals("hostunknown") && (d.contains("dns error") || d.contains("try again") && d.contains("name service"))) {
                continue; // a lookup that failed now, not a domain that does not exist
            }
            if (r.equals("spamdetected") && (d.contains("spamhaus") || d.contains("blocked using") || d.contains("dnsbl"))) {
                continue; // a blocklist that happens to have "spam" in its name: the IP is blocked
            }
            if (r.equals("userunknown")) {
                String u = unknownUser(byCode, d, command, memo);
                if (!u.isEmpty()) {
                    return u;
                }
                continue;
            }
            if (r.equals("filtered") && (command.equals("RCPT") || command.equals("MAIL") || command.equals("EHLO")
                    || command.equals("CONN"))) {
                continue; // a filter reads the message, so it refuses after DATA: before that it is something else
            }
            if (r.equals("rejected") && command.equals("MAIL") && d.contains("access denied")) {
                return r; // a bare refusal of MAIL FROM is about the sender's address, not the sending host
            }
            if (r.equals(byCode) && !VAGUE.contains(r) || has(r, d, memo)) {
                return r;
            }
        }
        if (!byCode.isEmpty() && !VAGUE.contains(byCode)) {
            return byCode;
        }
        for (String r : SECOND) {
            if (!r.equals("expired") && has(r, d, memo)) {
                return r;
            }
        }
        boolean retriedOut = (status.startsWith("4") || status.isEmpty() && TEMPORARY_REPLY.matcher(d).find())
                && has("expired", d, memo);
        if ((command.equals("EHLO") || command.equals("CONN")) && !retriedOut) {
            return "blocked"; // refused before any address was given: the sending host itself
        }
        if (command.equals("MAIL") && byCode.equals("userunknown")) {
            return "rejected"; // an address status at MAIL FROM is about the sender's address
        }
        if (!byCode.isEmpty()) {
            return byCode;
        }
        if (!stated.isEmpty()) {
            return stated;
        }
        if (status.length() > 3 && status.charAt(2) == '6') {
            return "contenterror";
        }
        if (status.length() > 3 && status.charAt(2) == '7') {
            return "securityerror";
        }
        if (diagType.equals("x-unix") || diagType.equals("x-postfix")) {
            return "mailererror";
        }
        if (has("expired", d, memo)) {
            return "";
        }
        switch (command) {
            case "CONN", "EHLO", "HELO" -> {
                return "blocked";
            }
            case "MAIL" -> {
                return "rejected";
            }
            default -> {
                return "";
            }
        }
    }
}
