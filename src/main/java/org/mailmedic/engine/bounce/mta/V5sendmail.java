package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailmedic.engine.bounce.Headers;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Text;

/**
 * Sendmail 5 (and the systems that kept its bounce layout): no DSN part, a "Returned mail: ..."
 * subject, and a session transcript of one or more SMTP sessions in which each failed recipient
 * has a verdict line after the dialogue that caused it:
 *
 * <pre>
 *    ----- Transcript of session follows -----
 * While talking to smtp.example.edu:
 * &gt;&gt;&gt; RCPT To:&lt;hachiware@example.edu&gt;
 * &lt;&lt;&lt; 550 &lt;hachiware@example.edu&gt;... User unknown
 * 550 &lt;hachiware@example.edu&gt;... User unknown
 * 421 example.org (smtp)... Deferred: Connection timed out during user open with example.org
 *
 *    ----- Unsent message follows -----
 * </pre>
 *
 * The n-th verdict line goes with the n-th remote reply and command of the transcript (as
 * sendmail's savemail.c writes them, and as sisimai's V5sendmail reads them); a host-level line
 * ("421 host (smtp)... Deferred: ...") is the error of a recipient that has none of its own.
 * When no line names a recipient (a message deferred for days), the returned message's To: does.
 */
final class V5sendmail implements Recognizer {

    private static final String TRANSCRIPT = "----- Transcript of session follows -----";
    /** "550 &lt;kijitora@example.org&gt;... User unknown" */
    private static final Pattern VERDICT = Pattern.compile("^\\d{3}[ \\t]+<([^ ]+@[^ ]+)>\\.\\.\\.[ \\t]*(.+)$");
    /** "&gt;&gt;&gt; RCPT To:&lt;a@b&gt;" */
    private static final Pattern COMMAND = Pattern.compile("^>>>[ \\t]*([A-Z]{4})");
    /** "421 example.org (smtp)... Deferred: Connection timed out during user open with example.org" */
    private static final Pattern HOST_LINE = Pattern.compile("^(\\d{3})[ \\t]+.+?\\.\\.\\.[ \\t]*(.+)$");

    @Override
    public String name() {
        return "v5sendmail";
    }

    @Override
    public boolean claims(MailText m) {
        if (!m.dsn().isBlank() || !m.subject().startsWith("Returned mail: ") || m.subject().length() < 16
                || !Character.isUpperCase(m.subject().charAt(15))) {
            return false;
        }
        String b = m.body();
        return b.contains(TRANSCRIPT) && (b.contains("----- Unsent message follows -----")
                || b.contains("----- No message was collected -----"));
    }

    @Override
    public List<RawRecipient> decode(MailText m) {
        String body = m.body();
        int start = body.indexOf(TRANSCRIPT);
        int end = body.indexOf("----- Unsent message follows -----", start);
        if (end < 0) {
            end = body.indexOf("----- No message was collected -----", start);
        }
        String transcript = body.substring(body.indexOf('\n', start) + 1, Math.max(body.indexOf('\n', start) + 1, end));
        List<RawRecipient> out = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        String hostError = "";
        String hostCode = "";
        boolean sessionLine = false;
        for (String raw : transcript.split("\n")) {
            String e = raw.strip();
            if (e.isEmpty()) {
                continue;
            }
            Matcher v = VERDICT.matcher(e);
            Matcher c = COMMAND.matcher(e);
            if (v.find()) {
                RawRecipient r = new RawRecipient(Text.firstAddress(v.group(1)));
                r.diagnostic = v.group(2);
                String reply = at(replies, out.size());
                if (!reply.isEmpty()) {
                    r.diagnostic += ": " + reply; // the verdict, then what the server said
                }
                r.command = at(commands, out.size());
                r.action = "failed";
                out.add(r);
                sessionLine = false;
            } else if (c.find()) {
                set(commands, out.size(), c.group(1));
            } else if (e.startsWith("<<<")) {
                set(replies, out.size(), e.substring(3).strip());
            } else if (!sessionLine) {
                if (e.startsWith("...") && e.contains(" while talking to ") && e.endsWith(":")) {
                    sessionLine = true;
                    continue;
                }
                Matcher h = HOST_LINE.matcher(e);
                if (h.find()) {
                    hostCode = h.group(1);
                    hostError = h.group(2);
                }
            }
        }
        if (out.isEmpty()) {
            // nothing names a recipient: the returned message was for its To: address(es)
            String to = Headers.parse(returnedHeaders(body, end)).get("To");
            for (String a : Text.addresses(to)) {
                RawRecipient r = new RawRecipient(a);
                r.action = "failed";
                out.add(r);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            RawRecipient r = out.get(i);
            if (r.diagnostic.isEmpty() && !hostError.isEmpty()) {
                r.diagnostic = hostError;
                r.replyCode = hostCode;
            } else if (r.diagnostic.isEmpty()) {
                r.diagnostic = at(replies, i);
            }
            r.diagnostic = Text.fold(r.diagnostic);
        }
        out.removeIf(r -> r.recipient.isEmpty());
        return out;
    }

    /** The header block of the returned message after the "Unsent message follows" line, or "". */
    private static String returnedHeaders(String body, int marker) {
        if (marker < 0) {
            return "";
        }
        int from = body.indexOf('\n', marker);
        if (from < 0) {
            return "";
        }
        String rest = body.substring(from + 1).stripLeading();
        int blank = rest.indexOf("\n\n");
        return blank < 0 ? rest : rest.substring(0, blank);
    }

    private static String at(List<String> l, int i) {
        return i < l.size() && l.get(i) != null ? l.get(i) : "";
    }

    private static void set(List<String> l, int i, String v) {
        while (l.size() <= i) {
            l.add(null);
        }
        l.set(i, v);
    }
}
