package org.mailmedic.engine.diagnosis.fix;

import java.util.List;

/**
 * A step-by-step fix for one kind of finding on one mail server, with the user's own names
 * filled in, ending in a verify step.
 *
 * @param kind   the finding kind it fixes
 * @param server the mail server it is written for
 * @param title  e.g. "Slow down mail to btinternet.com in Postfix"
 * @param intro  one or two sentences on what the fix does and why
 * @param steps  numbered steps
 * @param verify how to prove it worked, or null when only the remote side can (then say so in intro)
 * @param source where the content was checked (the MTA's documentation)
 */
public record FixGuide(String kind, MailServer server, String title, String intro, List<FixStep> steps,
        VerifySpec verify, String source) {

    public FixGuide {
        steps = List.copyOf(steps);
    }
}
