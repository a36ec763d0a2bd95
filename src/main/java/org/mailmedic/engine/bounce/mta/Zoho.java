package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;

/**
 * Zoho Mail's delay warning: "[Status: Error, Address: &lt;a@b&gt;, ResponseCode 421, , Host not
 * reachable.]" under "THIS IS A WARNING MESSAGE ONLY" and "Message will be retried for N more
 * day(s)": a temporary failure still being retried, so the action is {@code delayed}.
 */
final class Zoho implements Recognizer {

    private static final Pattern ENTRY = Pattern.compile(
            "\\[Status: ?([A-Za-z]{1,20}), Address: <([^<>\\s]{1,254}@[^<>\\s]{1,254})>, ResponseCode ?(\\d{3})?,([^\\]\\n]{0,1000})\\]");

    @Override
    public String name() {
        return "zoho";
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains(", address: <") && b.contains("[status: ") && m.dsn().isBlank();
    }

    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> out = new ArrayList<>();
        String lower = m.lowerBody();
        boolean warning = lower.contains("this is a warning message only") || lower.contains("will be retried");
        Matcher mt = ENTRY.matcher(m.body());
        while (mt.find()) {
            RawRecipient r = new RawRecipient(mt.group(2));
            String code = mt.group(3) == null ? "" : mt.group(3);
            String text = mt.group(4).replaceFirst("^[\\s,]+", "").strip();
            r.diagnostic = code.isEmpty() ? text : code + " " + text;
            r.replyCode = code;
            r.action = warning ? "delayed" : "failed";
            out.add(r);
        }
        return out;
    }
}
