package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/**
 * The fml mailing-list server (X-MLServer: fml ...) refusing a post: "You are not a member of this
 * mailing list &lt;list@x&gt;" (the sender may not post: {@code rejected}) or "Duplicated Message-ID
 * in &lt;list@x&gt;" (the list's own loop/duplicate guard: {@code systemerror}). The address in the
 * angle brackets is the list that refused the post.
 */
final class Fml implements Recognizer {

    private static final Pattern BRACKETED = Pattern.compile("<([^<>\\s]{1,254}@[^<>\\s]{1,254})>");

    @Override
    public String name() {
        return "fml";
    }

    @Override
    public boolean claims(MailText m) {
        return m.headers().get("X-MLServer").toLowerCase(Locale.ROOT).startsWith("fml")
                && m.dsn().isBlank();
    }

    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> out = new ArrayList<>();
        String body = m.body().strip();
        int para = body.indexOf("\n\n");
        String first = Text.fold(para < 0 ? body : body.substring(0, para));
        String lower = first.toLowerCase(Locale.ROOT);
        String reason;
        if (lower.contains("not a member") || lower.contains("are not member") || lower.contains("be members to")
                || m.subject().toLowerCase(Locale.ROOT).contains("are not member")) {
            reason = "rejected";
        } else if (lower.contains("duplicated message-id") || lower.contains("loop alert")
                || lower.contains("loop back warning")) {
            reason = "systemerror";
        } else if (lower.contains("security alert")) {
            reason = "securityerror";
        } else {
            return out;
        }
        Matcher mt = BRACKETED.matcher(first);
        if (!mt.find()) {
            return out;
        }
        RawRecipient r = new RawRecipient(mt.group(1));
        r.diagnostic = first;
        r.reason = reason;
        r.action = "failed";
        out.add(r);
        return out;
    }
}
