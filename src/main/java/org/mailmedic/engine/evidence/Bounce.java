package org.mailmedic.engine.evidence;

import java.util.List;
import java.util.function.Supplier;

/**
 * One message read from a bounce file (a file holds one, an mbox many): what kind it is, which
 * MTA/ESP family wrote it, its recipients, the original message's headers, and its raw source.
 *
 * @param index      1-based position in the file
 * @param kind       bounce, feedback report, automatic reply, or not a bounce
 * @param mta        recognizer name ("postfix", "exim", "rfc3464", ...), "" when none
 * @param subject    the bounce's own Subject (decoded)
 * @param from       the bounce's own From (decoded)
 * @param date       the bounce's own Date as written
 * @param recipients failed (or reported) recipients; empty for {@link BounceKind#NOT_A_BOUNCE}
 * @param original   headers of the message that bounced ({@link OriginalMessage#NONE} when absent)
 * @param note       plain-language note when something was odd (cut short, too big), else ""
 * @param source     the message's raw text (decoded leniently, capped), produced on demand
 */
public record Bounce(int index, BounceKind kind, String mta, String subject, String from, String date,
                     List<BounceRecipient> recipients, OriginalMessage original, String note,
                     Supplier<String> source) {

    public Bounce {
        recipients = List.copyOf(recipients);
        mta = mta == null ? "" : mta;
        subject = subject == null ? "" : subject;
        from = from == null ? "" : from;
        date = date == null ? "" : date;
        note = note == null ? "" : note;
        original = original == null ? OriginalMessage.NONE : original;
        source = source == null ? () -> "" : source;
    }

    /** The raw message text, for a "show source" view; HTML stays text, nothing is fetched. */
    public String rawSource() {
        return source.get();
    }
}
