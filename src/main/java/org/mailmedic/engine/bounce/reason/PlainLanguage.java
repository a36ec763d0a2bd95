package org.mailmedic.engine.bounce.reason;

import java.util.Map;

/**
 * One sentence a non-expert can act on, built from the decoded facts: who refused or failed,
 * for which recipient, why in plain words, whether retrying can help, and — for a message that
 * expired in the queue — both that it expired and what kept it from being delivered.
 */
public final class PlainLanguage {

    /** What happened, phrased to follow "because". */
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("userunknown", "the mailbox does not exist there (check the address for typos)"),
            Map.entry("mailboxfull", "the recipient's mailbox is full"),
            Map.entry("mesgtoobig", "the message is larger than that server accepts"),
            Map.entry("exceedlimit", "the message exceeds a size limit set for that recipient"),
            Map.entry("suspend", "the recipient's account is disabled or suspended"),
            Map.entry("hasmoved", "the recipient's mailbox has moved and mail is not forwarded"),
            Map.entry("norelaying", "the server refused to relay (pass on) mail for your server"),
            Map.entry("authfailure", "your domain's SPF, DKIM or DMARC check failed, so the message could not be "
                    + "proven to come from you"),
            Map.entry("filtered", "the recipient's own settings or filters refused it"),
            Map.entry("requireptr", "your sending server's IP address has no proper reverse DNS (PTR) name"),
            Map.entry("notcompliantrfc", "the message's format breaks the email standard (RFC 5322)"),
            Map.entry("badreputation", "your sending IP address or domain has a poor reputation with that provider"),
            Map.entry("rejected", "the sender address was refused"),
            Map.entry("hostunknown", "the recipient's domain does not exist"),
            Map.entry("spamdetected", "a spam filter judged the message to be spam"),
            Map.entry("speeding", "the receiving server limits how many messages it accepts from your server "
                    + "(rate limiting)"),
            Map.entry("toomanyconn", "your server opened too many connections to it at once"),
            Map.entry("blocked", "your sending server's IP address or name is blocked there (often a blocklist)"),
            Map.entry("policyviolation", "the message breaks a policy of the receiving system"),
            Map.entry("virusdetected", "a virus scanner flagged the message"),
            Map.entry("securityerror", "a security requirement of the receiving server was not met"),
            Map.entry("systemerror", "the receiving system had an internal error"),
            Map.entry("networkerror", "of a network or DNS problem on the way"),
            Map.entry("expired", "it could not be delivered before the sending server gave up retrying"),
            Map.entry("contenterror", "the message's headers or encoding were refused"),
            Map.entry("systemfull", "the receiving server is out of disk space"),
            Map.entry("notaccept", "that domain does not accept email at all"),
            Map.entry("mailererror", "a local delivery program on the receiving side failed"),
            Map.entry("syntaxerror", "the receiving server refused a malformed command"),
            Map.entry("failedstarttls", "an encrypted connection (STARTTLS) could not be set up"),
            Map.entry("onhold", "of an error the bounce does not explain clearly"),
            Map.entry("undefined", "of an error the bounce does not explain"));

    private PlainLanguage() {
    }

    /**
     * @param who        who reported it ("Gmail", a host name) or ""
     * @param remote     the remote host involved or ""
     */
    public static String sentence(String recipient, String reason, boolean expired, boolean temporary, String who,
                                  String remote) {
        return sentence(recipient, reason, expired, temporary, who, remote, "");
    }

    /** "Filtered" words that also name an unknown mailbox: the server refused, and did not say at which step. */
    private static final String FILTERED_UNKNOWN = "the receiving system answered \"no such mailbox\" without saying "
            + "so when the address was given, which is also how filters and a recipient's own sender settings refuse "
            + "mail: check the address, and if it is right, a filter there is refusing your messages";

    private static final Phrases UNKNOWN_WORDS = Phrases.load("userunknown");

    /**
     * As {@link #sentence(String, String, boolean, boolean, String, String)}, with the diagnostic
     * text so that a {@code filtered} verdict worded as "user unknown" is explained honestly.
     */
    public static String sentence(String recipient, String reason, boolean expired, boolean temporary, String who,
                                  String remote, String diagnostic) {
        String rcpt = recipient.isEmpty() ? "the recipient" : recipient;
        switch (reason) {
            case "delivered":
                return "Your message to " + rcpt + " was delivered; this is only a delivery confirmation.";
            case "vacation":
                return rcpt + " replied automatically (away or out of office); your message was delivered.";
            case "feedback":
                return "Someone at " + rcpt + " reported your message as unwanted (a feedback-loop complaint); "
                        + "it was delivered, but keep sending like this and your mail may be blocked.";
            default:
                break;
        }
        String why = WHY.getOrDefault(reason, "of an error the bounce does not explain clearly");
        if (reason.equals("filtered") && !diagnostic.isEmpty()
                && UNKNOWN_WORDS.matches(ReasonClassifier.forMatching(diagnostic))) {
            why = FILTERED_UNKNOWN;
        }
        String by = who.isEmpty() ? "" : who + " ";
        String at = remote.isEmpty() ? "" : " (" + remote + ")";
        StringBuilder s = new StringBuilder();
        if (reason.equals("failedstarttls")) {
            s.append(by.isEmpty() ? "The sending server" : who).append(" could not set up an encrypted connection ")
                    .append("(STARTTLS) to the server").append(at.isEmpty() ? "" : " " + remote.strip())
                    .append(" for ").append(rcpt);
            s.append(expired ? ", kept retrying until the message expired, and then gave up." : ", so it gave up.");
        } else if (expired && !reason.equals("expired")) {
            s.append(by.isEmpty() ? "Your server" : who).append(" kept retrying delivery to ").append(rcpt)
                    .append(" until the message expired in its queue, then gave up: the last attempts failed because ")
                    .append(why).append(at).append('.');
        } else if (expired) {
            s.append(by.isEmpty() ? "Your server" : who).append(" gave up delivering to ").append(rcpt)
                    .append(at).append(" after retrying until the message expired in its queue.");
        } else {
            s.append("Your message to ").append(rcpt).append(" was not delivered because ").append(why).append('.');
            if (!remote.isEmpty()) {
                s.append(" The refusal came from ").append(remote);
                s.append(who.isEmpty() || who.equals(remote) ? "." : " and was reported by " + who + ".");
            } else if (!who.isEmpty()) {
                s.append(" Reported by ").append(who).append('.');
            }
        }
        if (expired) {
            s.append(" The cause is temporary: once it is fixed, sending again will work.");
        } else if (temporary) {
            s.append(" This is temporary: the sending server keeps retrying for a while.");
        } else {
            s.append(" This is permanent: sending the same message again will not help until the cause is fixed.");
        }
        return s.toString();
    }
}
