package org.mailmedic.engine.bounce.mta;

import java.util.List;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;

/**
 * Decodes the bounces of one MTA/ESP family. {@link #claims} looks at what the message shows
 * (headers, fixed phrases the family always writes); {@link #decode} extracts the recipients.
 * Reasons are decided elsewhere ({@code engine.bounce.reason}). Adding a family is one class
 * here, one line in {@link Recognizers#ALL}, and one sample with its expectation.
 */
public interface Recognizer {

    /** Short lower-case family name reported as "mta" ("postfix", "exim", "office365"). */
    String name();

    /** Whether this message looks like one of this family's bounces. Cheap; never throws. */
    boolean claims(MailText m);

    /** The recipients found; empty when, after all, nothing could be extracted. */
    List<RawRecipient> decode(MailText m);
}
