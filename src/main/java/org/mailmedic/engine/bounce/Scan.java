package org.mailmedic.engine.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extraction shared by the recognizers: recipients from a delivery-status part, and recipients
 * with their error lines from the human-readable text ("&lt;a@b&gt;: ... Remote host said: 550 ...").
 */
public final class Scan {

    private Scan() {
    }

    /** Where an inline copy of the original message starts in bounce text (lower-case markers). */
    private static final String[] ORIGINAL_MARKERS = {
        "--- below this line is a copy of the message",
        "------ this is a copy of the message",
        "----- original message -----",
        "------ original message ------",
        "----- original message follows -----",
        "original message follows",
        "----- transcript of session follows -----\n\n-----",
        "below is a copy of the original message",
        "--- the header of the original message is following",
        "the header of the original message is following",
        "------ a copy of the message, including all the headers",
        "---- a copy of the message",
        "-----original message-----",
        "------- returned message --------",
        "----- unsent message follows -----",
        "----- returned message follows -----",
        "--------returned mail follows--------",
        "--- original message follows",
        "-------- original message --------",
        "------ this is a copy of your message",
        "original message headers:",
        "content-type: message/rfc822",
        "the original message was received at",
    };

    /** The bounce text without the inline copy of the original message. */
    public static String withoutOriginal(String body, String lower) {
        int cut = -1;
        for (String mk : ORIGINAL_MARKERS) {
            int i = lower.indexOf(mk);
            if (i > 0 && (cut < 0 || i < cut) && !mk.equals("the original message was received at")) {
                cut = i;
            }
        }
        return cut < 0 ? body : body.substring(0, cut);
    }

    /** Start of an inline copy of the original message's headers, or -1. */
    public static int inlineOriginal(String body, String lower) {
        int best = -1;
        for (String mk : ORIGINAL_MARKERS) {
            int i = lower.indexOf(mk);
            if (i >= 0 && (best < 0 || i < best) && !mk.equals("the original message was received at")) {
                best = i;
            }
        }
        if (best < 0) {
            return -1;
        }
        int nl = body.indexOf('\n', best);
        if (nl < 0) {
            return -1;
        }
        // skip blank lines after the marker line
        int i = nl + 1;
        while (i < body.length() && body.charAt(i) == '\n') {
            i++;
        }
        return i < body.length() ? i : -1;
    }

    // ---------------------------------------------------------------- delivery-status

    /** Recipients of the message/delivery-status part(s); empty when there is none. */
    /** PowerMTA states its own classification per recipient (X-PowerMTA-BounceCategory); the same mapping as sisimai's. */
    private static final java.util.Map<String, String> POWERMTA_CATEGORIES = java.util.Map.of(
            "bad-domain", "hostunknown",
            "bad-mailbox", "userunknown",
            "inactive-mailbox", "suspend",
            "message-expired", "expired",
            "no-answer-from-host", "networkerror",
            "policy-related", "policyviolation",
            "quota-issues", "mailboxfull",
            "routing-errors", "systemerror",
            "spam-related", "spamdetected");

    public static List<RawRecipient> fromDsn(MailText m) {
        List<RawRecipient> out = new ArrayList<>();
        if (m.dsn.isBlank()) {
            return out;
        }
        Dsn dsn = m.parsedDsn();
        String reporting = Dsn.value(dsn.message.get("Reporting-MTA"));
        for (Headers g : dsn.recipients) {
            RawRecipient r = new RawRecipient();
            String fin = g.get("Final-Recipient");
            String orig = g.get("Original-Recipient");
            String xact = g.get("X-Actual-Recipient");
            r.recipient = Text.firstAddress(Dsn.value(fin));
            if (r.recipient.isEmpty()) {
                r.recipient = Text.firstAddress(Dsn.value(xact));
            }
            if (r.recipient.isEmpty()) {
                r.recipient = Text.firstAddress(Dsn.value(orig));
            }
            r.action = g.get("Action").toLowerCase(Locale.ROOT).strip();
            int sp = r.action.indexOf(' ');
            if (sp > 0) {
                r.action = r.action.substring(0, sp); // "failed (bad destination mailbox address)"
            }
            r.status = Text.status(g.get("Status"));
            String diag = g.get("Diagnostic-Code");
            r.diagnosticType = Dsn.type(diag);
            r.diagnostic = Text.fold(Dsn.value(diag));
            r.remoteMta = hostOnly(Dsn.value(g.get("Remote-MTA")));
            r.reportingMta = reporting.toLowerCase(Locale.ROOT);
            String last = g.get("Last-Attempt-Date");
            r.date = last; // else the bounce's own Date (when it gave up); Arrival-Date is when it came in
            String category = g.get("X-PowerMTA-BounceCategory");
            r.reason = POWERMTA_CATEGORIES.getOrDefault(
                    (category.isEmpty() ? dsn.message.get("X-PowerMTA-BounceCategory") : category).strip()
                            .toLowerCase(Locale.ROOT), r.reason);
            if (!r.recipient.isEmpty() || !r.diagnostic.isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    /** "mail.example.com. (203.0.113.25, the server for ...)" → "mail.example.com"; "[192.0.2.1]" → "192.0.2.1". */
    static String hostOnly(String v) {
        String t = v.strip();
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp)) && t.charAt(sp) != '(') {
            sp++;
        }
        t = t.substring(0, sp);
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- human-readable text

    /** A line starting with an address: "&lt;a@b&gt;:", "a@b: text", "   a@b", "a@b... text". */
    private static final Pattern RCPT_LINE = Pattern.compile(
            "^[ \\t>*-]{0,12}(?:(?:rcpt|recipient|to|address|original-recipient|final-recipient)[ a-z]{0,12}:[ \\t]*(?:rfc822;)?[ \\t]*)?"
            + "[\"']?<?([A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-]{1,64}@[A-Za-z0-9.\\-\\[\\]]{3,255})>?[\"']?"
            + "((?:[ \\t]*\\(.{0,200}?\\))?)[ \\t]*(?::|\\.\\.\\.|,|;| -|$| on | )(.*)$", Pattern.CASE_INSENSITIVE);

    /** Sendmail's per-recipient verdict: "554 &lt;a@b&gt;... 550 Host unknown", "550 5.1.1 &lt;a@b&gt;... User unknown". */
    private static final Pattern SENDMAIL_LINE = Pattern.compile(
            "^[45]\\d\\d[ -](?:[45]\\.\\d{1,3}\\.\\d{1,3} )?<([^<>\\s]{1,200}@[^<>\\s]{1,255})>\\.\\.\\.()\\s*(.*)$");

    /**
     * Recipients named at the start of a line in {@code section}, each with the text that follows
     * it (the rest of its line, then the next lines up to a blank line or the next recipient).
     * Addresses in {@code exclude} (the bounce's own sender/recipient, postmaster) are skipped.
     */
    public static List<RawRecipient> recipientLines(String section, Set<String> exclude) {
        Map<String, RawRecipient> found = new LinkedHashMap<>();
        String[] lines = section.split("\n", -1);
        RawRecipient cur = null;
        StringBuilder diag = new StringBuilder();
        int blankRun = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                blankRun++;
                // "because:" / "Remote host said:" — the reason is in the next paragraph
                if (cur != null && diag.length() > 0 && diag.charAt(diag.length() - 1) != ':') {
                    finish(cur, diag);
                    cur = null;
                }
                continue;
            }
            Matcher m = null;
            if (line.length() < 400 && line.indexOf('@') >= 0) {
                m = SENDMAIL_LINE.matcher(line);
                if (!m.find()) {
                    m = RCPT_LINE.matcher(line);
                    if (!m.find()) {
                        m = null;
                    }
                }
            }
            if (m != null) {
                String addr = Text.cleanAddress(m.group(1));
                if (!addr.isEmpty() && !exclude.contains(addr.toLowerCase(Locale.ROOT)) && !isDaemon(addr)) {
                    if (cur != null) {
                        finish(cur, diag);
                    }
                    RawRecipient existing = found.get(addr.toLowerCase(Locale.ROOT));
                    cur = existing != null ? existing : new RawRecipient(addr);
                    found.putIfAbsent(addr.toLowerCase(Locale.ROOT), cur);
                    diag.setLength(0);
                    if (!cur.diagnostic.isEmpty()) {
                        diag.append(cur.diagnostic).append(' ');
                    }
                    diag.append(m.group(3).strip());
                    blankRun = 0;
                    continue;
                }
            }
            if (cur != null) {
                diag.append(' ').append(line.strip());
                if (diag.length() > 4000) {
                    finish(cur, diag);
                    cur = null;
                }
            }
            blankRun = 0;
        }
        if (cur != null) {
            finish(cur, diag);
        }
        return new ArrayList<>(found.values());
    }

    private static void finish(RawRecipient r, StringBuilder diag) {
        r.diagnostic = Text.fold(diag.toString());
        diag.setLength(0);
    }

    /** mailer-daemon@, postmaster@ and friends are never the failed recipient. */
    public static boolean isDaemon(String addr) {
        String a = addr.toLowerCase(Locale.ROOT);
        return a.startsWith("mailer-daemon@") || a.startsWith("postmaster@") || a.startsWith("mail-daemon@")
                || a.startsWith("mailerdaemon@");
    }

    /** The bounce's own From/To/Reply-To addresses and the original sender: not recipients. */
    public static Set<String> ownAddresses(MailText m) {
        if (m.ownAddresses == null) {
            Set<String> s = new java.util.HashSet<>();
            for (String h : new String[] {"From", "To", "Reply-To", "Return-Path", "Sender"}) {
                for (String a : Text.addresses(m.headers.get(h))) {
                    s.add(a.toLowerCase(Locale.ROOT));
                }
            }
            m.ownAddresses = java.util.Collections.unmodifiableSet(s);
        }
        return m.ownAddresses;
    }

    /** Paragraph (blank-line separated) of {@code text} around {@code index}. */
    public static String paragraphAt(String text, int index) {
        int start = text.lastIndexOf("\n\n", Math.max(0, index));
        int end = text.indexOf("\n\n", index);
        return text.substring(start < 0 ? 0 : start + 2, end < 0 ? text.length() : end);
    }
}
