package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/**
 * BIGLOBE (Japanese ISP) bounces from postmaster@biglobe.ne.jp: the failed address alone on a line,
 * then a paragraph saying why. The address may itself be a postmaster@ mailbox, which the generic
 * scan would skip as a daemon address, hence this family.
 */
final class Biglobe implements Recognizer {

    @Override
    public String name() {
        return "biglobe";
    }

    @Override
    public boolean claims(MailText m) {
        String from = m.from().toLowerCase(Locale.ROOT);
        return (from.contains("@biglobe.ne.jp") || from.contains(".biglobe.ne.jp"))
                && m.subject().toLowerCase(Locale.ROOT).startsWith("returned mail") && m.dsn().isBlank();
    }

    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> out = new ArrayList<>();
        String[] lines = m.body().split("\n");
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.isEmpty() || t.indexOf(' ') >= 0 || t.indexOf('@') <= 0) {
                continue;
            }
            String addr = Text.firstAddress(t);
            if (addr.isEmpty()) {
                continue;
            }
            StringBuilder why = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && lines[j].isBlank()) {
                j++;
            }
            for (; j < lines.length && !lines[j].isBlank(); j++) {
                why.append(why.length() == 0 ? "" : " ").append(lines[j].strip());
            }
            RawRecipient r = new RawRecipient(addr);
            r.diagnostic = why.toString();
            r.action = "failed";
            out.add(r);
        }
        return out;
    }
}
