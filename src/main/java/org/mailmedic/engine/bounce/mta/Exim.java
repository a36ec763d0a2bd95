package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/** Exim ("This message was created automatically by mail delivery software.", X-Failed-Recipients). */
final class Exim extends TextRecognizer {

    Exim() {
        super("exim");
    }

    @Override
    public boolean claims(MailText m) {
        String b = m.lowerBody();
        return b.contains("this message was created automatically by mail delivery software")
                || b.contains("recipient addresses that were\nincorrectly constructed")
                || b.contains("recipient addresses that were incorrectly constructed") || m.headers().has("X-Failed-Recipients") && !b.contains("google");
    }

    @Override
    String[] startMarkers() {
        return new String[] {"the following address(es) failed:", "the following address(es) have yet to be delivered:", "could not be delivered to one or more of its"};
    }

    @Override
    String[] endMarkers() {
        return new String[] {"------ this is a copy of the message", "------ this is a copy of the body of the message", "------ the body of the message is"};
    }

    /** "kijitora@a &lt;neko@b&gt;: malformed address: &lt;neko@b&gt; may not follow kijitora@a": neko@b was refused. */
    private static final Pattern MALFORMED = Pattern.compile(
            "malformed address: <?([^\\s<>]{1,254}@[^\\s<>]{1,254}?)>? may not follow", Pattern.CASE_INSENSITIVE);

    @Override
    public List<RawRecipient> decode(MailText m) {
        String body = m.body();
        if (!m.lowerBody().contains("malformed address:")) {
            return super.decode(m); // MALFORMED cannot match: spare the regex scan of the whole body
        }
        Matcher mt = MALFORMED.matcher(body);
        if (!mt.find()) {
            return super.decode(m);
        }
        // Exim refused an address it could not parse in the message's own headers: a syntax error
        List<RawRecipient> out = new ArrayList<>();
        do {
            int ls = body.lastIndexOf('\n', mt.start()) + 1;
            int le = body.indexOf('\n', mt.end());
            RawRecipient r = new RawRecipient(mt.group(1));
            r.diagnostic = Text.fold(body.substring(ls, le < 0 ? body.length() : le));
            r.reason = "syntaxerror";
            r.action = "failed";
            out.add(r);
        } while (mt.find());
        return out;
    }

    private static String subject(MailText m) {
        return m.subject().toLowerCase(Locale.ROOT);
    }
}
