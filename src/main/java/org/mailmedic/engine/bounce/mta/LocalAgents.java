package org.mailmedic.engine.bounce.mta;

import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;

/**
 * Local delivery agents (mail.local, procmail, maildrop, vpopmail, vmailmgr, Dovecot LDA) write
 * their own line into the bounce their MTA sends: "mail.local: unknown user: kijitora",
 * "Your message to a@b was automatically rejected: Not enough disk space". That line is the real
 * cause (the MTA's own status is often a generic 5.x.0), so when a bounce from a mailer daemon
 * carries one, the agent's words decide the reason. Wordings are those the agents' sources use
 * (sisimai's MDA table lists the same).
 */
final class LocalAgents {

    /** Agent, the line prefix it writes, then pairs of lower-case phrase and reason. */
    private static final String[][][] AGENTS = {
        {{"dovecot", "your message to "}, {"mailbox doesn't exist: ", "userunknown"}, {"quota exceeded", "mailboxfull"},
            {"not enough disk space", "mailboxfull"}},
        {{"mail.local", "mail.local: "}, {": unknown user:", "userunknown"}, {": user unknown", "userunknown"},
            {": invalid mailbox path", "userunknown"}, {": user missing home directory", "userunknown"},
            {"disc quota exceeded", "mailboxfull"}, {"mailbox full or quota exceeded", "mailboxfull"},
            {"temporary file write error", "systemerror"}},
        {{"procmail", "procmail: "}, {"quota exceeded while writing", "mailboxfull"},
            {"no space left to finish writing", "systemfull"}},
        {{"maildrop", "maildrop: "}, {"invalid user specified.", "userunknown"}, {"cannot find system user", "userunknown"},
            {"maildir over quota.", "mailboxfull"}},
        {{"vpopmail", "vdelivermail: "}, {"sorry, no mailbox here by that name.", "userunknown"},
            {"account is locked email bounced", "filtered"}, {"user does not exist, but will deliver to ", "filtered"},
            {"domain is over quota", "mailboxfull"}, {"user is over quota", "mailboxfull"}},
        {{"vmailmgr", "vdeliver: "}, {"invalid or unknown base user or domain", "userunknown"},
            {"invalid or unknown virtual user", "userunknown"}, {"user name does not refer to a virtual user", "userunknown"},
            {"delivery failed due to system quota violation", "mailboxfull"}},
    };

    private LocalAgents() {
    }

    /**
     * Sets the agent's reason (and adds its line to the diagnostic) on the recipients. A family
     * that states its own error ({@code authoritative} false) keeps it unless that error is only
     * the MTA's generic "Service unavailable" or a bare code: Sendmail's "(reason: Insufficient
     * permission)" after a "maildrop:" line is Sendmail's own verdict about the delivery.
     */
    static void apply(MailText m, List<RawRecipient> found, boolean authoritative) {
        if (found.isEmpty()) {
            return;
        }
        String from = m.from().toLowerCase(Locale.ROOT);
        if (!(from.contains("mailer-daemon") || from.contains("mail delivery subsystem") || from.contains("postmaster"))) {
            return;
        }
        String lower = m.lowerBody();
        if (!lower.contains("mail.local: ") && !lower.contains("procmail: ") && !lower.contains("maildrop: ")
                && !lower.contains("vdeliver") && !lower.contains("was automatically rejected:")) {
            return; // the usual case, decided without splitting the body
        }
        String[] lines = lower.split("\n", -1);
        String[] asSent = m.body().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String[][] agent = agentOf(line);
            if (agent == null) {
                continue;
            }
            // the agent's paragraph: this line up to the next blank line
            for (int j = i; j < lines.length && !lines[j].isBlank(); j++) {
                for (int k = 1; k < agent.length; k++) {
                    if (lines[j].contains(agent[k][0])) {
                        for (RawRecipient r : found) {
                            if (!authoritative && !generic(r.diagnostic)) {
                                continue;
                            }
                            if (r.reason.isEmpty() || r.reason.equals("userunknown") || r.reason.equals("filtered")) {
                                r.reason = agent[k][1];
                            }
                            String said = asSent.length == lines.length ? asSent[j].strip() : lines[j].strip();
                            if (!r.diagnostic.contains(said)) {
                                r.diagnostic = r.diagnostic.isEmpty() ? said : r.diagnostic + " " + said;
                            }
                        }
                        return;
                    }
                }
            }
            return;
        }
    }

    /** An MTA text that names no cause of its own. */
    private static boolean generic(String diagnostic) {
        String d = diagnostic.toLowerCase(Locale.ROOT);
        return d.isBlank() || d.contains("service unavailable") || d.chars().noneMatch(Character::isLetter);
    }

    private static String[][] agentOf(String line) {
        for (String[][] a : AGENTS) {
            String prefix = a[0][1];
            if (line.startsWith(prefix) && (!a[0][0].equals("dovecot") || line.endsWith("was automatically rejected:"))) {
                return a;
            }
        }
        return null;
    }
}
