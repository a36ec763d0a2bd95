package org.mailmedic.ui.evidence;

import java.util.ArrayList;
import java.util.List;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.evidence.Bounce;
import org.mailmedic.engine.evidence.BounceKind;
import org.mailmedic.engine.evidence.BounceRecipient;

/**
 * What the bounce cards show for one file, prepared without the JavaFX toolkit (so it is tested
 * directly): one {@link Card} per recipient, or a single message when the file held none.
 */
public final class BounceCardViewModel {

    /** Characters of message source shown; the rest is summarised (the source view is for reading). */
    static final int MAX_SOURCE_CHARS = 200_000;

    /**
     * One card.
     *
     * @param who        the recipient
     * @param headline   reason in a few words ("Mailbox does not exist")
     * @param plain      the plain-language sentence
     * @param permanence "Temporary", "Permanent", "Expired in the queue", or "" for non-failures
     * @param permanent  true for a permanent failure (styled as such)
     * @param codes      "550 5.1.1 — meaning", "" when none
     * @param diagnostic the raw diagnostic text
     * @param hosts      "remote mx.b.example · reported by mx.a.example · format postfix"
     * @param original   "“Subject” sent Date", "" when the original was not included
     * @param bounce     the message it belongs to (for the source view)
     */
    public record Card(String who, String headline, String plain, String permanence, boolean permanent, String codes,
                       String diagnostic, String hosts, String original, Bounce bounce) {
    }

    private final List<Card> cards = new ArrayList<>();
    private final String message;

    public BounceCardViewModel(BounceFileResult result) {
        for (Bounce b : result.messages()) {
            if (b.kind() == BounceKind.NOT_A_BOUNCE) {
                continue;
            }
            for (BounceRecipient r : b.recipients()) {
                cards.add(card(b, r));
            }
        }
        String name = result.file().getFileName() == null ? result.file().toString() : result.file().getFileName().toString();
        if (result.problem() != null) {
            message = name + ": " + result.problem();
        } else if (cards.isEmpty()) {
            message = name + ": an email, but no bounce information found";
        } else {
            message = name + ": " + cards.size() + (cards.size() == 1 ? " recipient" : " recipients");
        }
    }

    public List<Card> cards() {
        return List.copyOf(cards);
    }

    /** A one-line summary or the file's problem. */
    public String message() {
        return message;
    }

    /** The message source for the "Show message source" view, capped. */
    public static String source(Bounce b) {
        String s = b.rawSource();
        if (s.length() > MAX_SOURCE_CHARS) {
            return s.substring(0, MAX_SOURCE_CHARS) + "\n\n[… " + (s.length() - MAX_SOURCE_CHARS)
                    + " more characters not shown]";
        }
        return s;
    }

    static Card card(Bounce b, BounceRecipient r) {
        String permanence;
        boolean permanent = false;
        switch (b.kind()) {
            case FEEDBACK -> permanence = "Complaint (feedback report)";
            case AUTO_REPLY -> permanence = "Automatic reply";
            default -> {
                if (r.reason().equals("delivered")) {
                    permanence = "Delivered";
                } else if (r.expired()) {
                    permanence = "Expired in the queue — the cause is temporary";
                } else if (r.temporary()) {
                    permanence = "Temporary — the sender keeps retrying";
                } else {
                    permanence = "Permanent";
                    permanent = true;
                }
            }
        }
        String codes = (r.replyCode() + " " + r.status()).strip();
        if (!r.statusMeaning().isEmpty()) {
            codes = codes + " — " + r.statusMeaning();
        }
        List<String> hosts = new ArrayList<>();
        if (!r.remoteMta().isEmpty()) {
            hosts.add("remote " + r.remoteMta());
        }
        if (!r.reportingMta().isEmpty()) {
            hosts.add("reported by " + r.reportingMta());
        }
        if (!r.mta().isEmpty()) {
            hosts.add("format " + r.mta());
        }
        String original = "";
        if (!b.original().subject().isEmpty() || !b.original().date().isEmpty()) {
            original = "Original message: “" + b.original().subject() + "”"
                    + (b.original().date().isEmpty() ? "" : ", sent " + b.original().date());
        }
        return new Card(r.recipient(), headline(r.reason(), r.expired()), r.plain(), permanence, permanent, codes,
                r.diagnostic(), String.join(" · ", hosts), original, b);
    }

    /** A few words for the reason, as a card title. */
    static String headline(String reason, boolean expired) {
        String h = switch (reason) {
            case "userunknown" -> "Mailbox does not exist";
            case "mailboxfull" -> "Mailbox full";
            case "mesgtoobig", "exceedlimit" -> "Message too large";
            case "suspend" -> "Account disabled";
            case "hasmoved" -> "Mailbox moved";
            case "norelaying" -> "Relaying refused";
            case "authfailure" -> "SPF / DKIM / DMARC failed";
            case "filtered" -> "Refused by the recipient's filter";
            case "requireptr" -> "Missing reverse DNS";
            case "notcompliantrfc" -> "Message format not standard";
            case "badreputation" -> "Poor sender reputation";
            case "rejected" -> "Sender refused";
            case "hostunknown" -> "Domain does not exist";
            case "spamdetected" -> "Judged as spam";
            case "speeding" -> "Rate limited";
            case "toomanyconn" -> "Too many connections";
            case "blocked" -> "Sending server blocked";
            case "policyviolation" -> "Policy violation";
            case "virusdetected" -> "Virus detected";
            case "securityerror" -> "Security requirement not met";
            case "systemerror" -> "Receiving system error";
            case "networkerror" -> "Network or DNS problem";
            case "expired" -> "Gave up after retrying";
            case "contenterror" -> "Headers or encoding refused";
            case "systemfull" -> "Receiving server out of space";
            case "notaccept" -> "Domain accepts no email";
            case "mailererror" -> "Delivery program failed";
            case "syntaxerror" -> "Command refused";
            case "failedstarttls" -> "Encryption (STARTTLS) failed";
            case "delivered" -> "Delivered";
            case "vacation" -> "Away / out of office";
            case "feedback" -> "Spam complaint";
            default -> "Not delivered (cause unclear)";
        };
        return expired && !reason.equals("expired") ? h + " — message expired" : h;
    }
}
