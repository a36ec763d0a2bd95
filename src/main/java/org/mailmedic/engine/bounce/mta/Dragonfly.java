package org.mailmedic.engine.bounce.mta;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/** DragonFly Mail Agent ("This is the DragonFly Mail Agent ... There was an error delivering your mail to &lt;a@b&gt;."). */
final class Dragonfly extends TextRecognizer {

    Dragonfly() {
        super("dragonfly");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this is the dragonfly mail agent");
    }

    @Override
    String[] startMarkers() {
        return new String[] {};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"message headers follow"};
    }

    /** DMA names the one failed recipient in a fixed sentence, whatever the address looks like. */
    private static final Pattern NAMED =
            Pattern.compile("error delivering your mail to <([^<>\\s]{1,254}@[^<>\\s]{1,254})>", Pattern.CASE_INSENSITIVE);

    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> found = super.decode(m);
        String section = errorSection(m);
        Matcher mt = NAMED.matcher(section);
        if (!mt.find()) {
            return found;
        }
        String addr = mt.group(1);
        for (RawRecipient r : found) {
            if (r.recipient.equalsIgnoreCase(addr)) {
                return found;
            }
        }
        // the generic scan skips postmaster@ and the bounced-to addresses; DMA's own sentence is authoritative
        RawRecipient r = new RawRecipient(addr);
        String after = Text.fold(section.substring(mt.end()));
        r.diagnostic = after.startsWith(".") ? after.substring(1).strip() : after;
        r.command = Text.command(r.diagnostic.toLowerCase(Locale.ROOT));
        return new java.util.ArrayList<>(List.of(r));
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
