package org.mailmedic.engine.bounce;

import java.nio.file.Path;
import java.util.List;
import org.mailmedic.engine.evidence.Bounce;
import org.mailmedic.engine.evidence.BounceKind;
import org.mailmedic.engine.evidence.BounceRecipient;

/**
 * What {@link BounceReader#read} made of one file.
 *
 * @param file     the file as given (never modified)
 * @param messages every message read from it, in order (an mbox holds several)
 * @param problem  null when the file held bounce information; otherwise a plain-language message
 *                 ("not an email: …", "an email, but no bounce information found")
 */
public record BounceFileResult(Path file, List<Bounce> messages, String problem) {

    public BounceFileResult {
        messages = List.copyOf(messages);
    }

    public boolean usable() {
        return problem == null;
    }

    /** Every recipient of every message that is a bounce, feedback report or automatic reply. */
    public List<BounceRecipient> recipients() {
        return messages.stream().filter(b -> b.kind() != BounceKind.NOT_A_BOUNCE)
                .flatMap(b -> b.recipients().stream()).toList();
    }
}
