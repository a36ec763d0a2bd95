package org.mailmedic.engine.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 3464 delivery-status fields: one per-message group (Reporting-MTA, Arrival-Date) and one
 * group per recipient (Final-Recipient, Action, Status, Remote-MTA, Diagnostic-Code,
 * Last-Attempt-Date). Lenient: groups not separated by blank lines are split at each new
 * Final-Recipient; the "type;" prefixes are stripped.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3464">RFC 3464</a>
 */
public final class Dsn {

    /** Per-message fields. */
    public final Headers message;
    /** Per-recipient field groups, in order. */
    public final List<Headers> recipients;

    private Dsn(Headers message, List<Headers> recipients) {
        this.message = message;
        this.recipients = recipients;
    }

    /** Parses delivery-status text (LF line ends). */
    public static Dsn parse(String text) {
        List<StringBuilder> groups = new ArrayList<>();
        StringBuilder perMessage = new StringBuilder();
        StringBuilder cur = null;
        boolean curHasFinal = false;
        boolean curHasOriginal = false;
        boolean curHasFields = false;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (cur != null && cur.length() > 0) {
                    cur = null;
                }
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            boolean isFinal = lower.startsWith("final-recipient:");
            boolean isOriginal = lower.startsWith("original-recipient:");
            // a new group begins at a recipient field the current group already has, or that
            // follows its other fields ("Final-Recipient, Original-Recipient, Action ..." is one group)
            if ((isFinal || isOriginal) && (cur == null || isFinal && curHasFinal || isOriginal && curHasOriginal
                    || curHasFields)) {
                cur = new StringBuilder();
                groups.add(cur);
                curHasFinal = false;
                curHasOriginal = false;
                curHasFields = false;
            }
            if (isFinal) {
                curHasFinal = true;
            } else if (isOriginal) {
                curHasOriginal = true;
            } else if (cur != null && (curHasFinal || curHasOriginal) && !Character.isWhitespace(line.charAt(0))) {
                curHasFields = true; // fields after the recipient's (groups may also start with Status or Action)
            }
            if (cur == null) {
                boolean perRecipientField = lower.startsWith("action:") || lower.startsWith("status:")
                        || lower.startsWith("diagnostic-code:");
                if (perRecipientField && groups.isEmpty() && perMessage.length() > 0) {
                    // a group without Final-Recipient (seen in the wild): keep it as a recipient group
                    cur = new StringBuilder();
                    groups.add(cur);
                    cur.append(line).append('\n');
                    continue;
                }
                perMessage.append(line).append('\n');
            } else {
                cur.append(line).append('\n');
            }
            if (groups.size() > 1000) {
                break;
            }
        }
        List<Headers> rcpts = new ArrayList<>(groups.size());
        for (StringBuilder g : groups) {
            rcpts.add(Headers.parse(g.toString()));
        }
        return new Dsn(Headers.parse(perMessage.toString()), rcpts);
    }

    /** "rfc822; a@b" → "a@b"; "dns; mx.example" → "mx.example". */
    public static String value(String typed) {
        int semi = typed.indexOf(';');
        String v = semi >= 0 && semi < 20 ? typed.substring(semi + 1) : typed;
        return v.strip();
    }

    /** The type before ';' lower-cased ("smtp", "x-unix"), "" when none. */
    public static String type(String typed) {
        int semi = typed.indexOf(';');
        return semi > 0 && semi < 20 ? typed.substring(0, semi).strip().toLowerCase(Locale.ROOT) : "";
    }
}
