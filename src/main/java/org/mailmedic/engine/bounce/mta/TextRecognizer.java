package org.mailmedic.engine.bounce.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailmedic.engine.bounce.MailText;
import org.mailmedic.engine.bounce.RawRecipient;
import org.mailmedic.engine.bounce.Scan;
import org.mailmedic.engine.bounce.Text;

/**
 * Base for families whose bounces name each recipient at the start of a line followed by the
 * error ("&lt;a@b&gt;: host mx.b said: 550 ..."), possibly with an RFC 3464 part as well. A
 * subclass states its name, how to recognise it, and where its error text starts and ends.
 */
abstract class TextRecognizer implements Recognizer {

    private final String name;

    TextRecognizer(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** Lower-case phrases after which the error section starts; empty = the whole body. */
    String[] startMarkers() {
        return new String[0];
    }

    /** Lower-case phrases where the error section ends (besides the inline original message). */
    String[] endMarkers() {
        return new String[0];
    }

    /** The part of the body that holds the errors. */
    String errorSection(MailText m) {
        String body = m.body();
        String lower = m.lowerBody();
        int start = 0;
        String[] starts = startMarkers();
        if (starts.length > 0) {
            int s = afterLine(lower, starts);
            if (s >= 0) {
                start = s;
            }
        }
        String rest = body.substring(start);
        String restLower = lower.substring(start);
        int end = -1;
        for (String mk : endMarkers()) {
            int i = restLower.indexOf(mk);
            if (i >= 0 && (end < 0 || i < end)) {
                end = i;
            }
        }
        if (end >= 0) {
            rest = rest.substring(0, end);
            restLower = restLower.substring(0, end);
        }
        return Scan.withoutOriginal(rest, restLower);
    }

    /** Index of the line after the first marker found, or -1. */
    static int afterLine(String lower, String[] markers) {
        int best = -1;
        for (String mk : markers) {
            int i = lower.indexOf(mk);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        if (best < 0) {
            return -1;
        }
        int nl = lower.indexOf('\n', best);
        return nl < 0 ? lower.length() : nl + 1;
    }

    /**
     * What this family's own wording asserts, ported from its documented messages: pairs of a
     * lower-case phrase of the error text (or "~" and a regular expression over it) and the
     * reason it states. Empty when the family's
     * texts say nothing beyond what the general phrase lists read.
     */
    String[][] ownWords() {
        return NO_WORDS;
    }

    /** The SMTP command this family's error text names in its own notation, or "". */
    String ownCommand(String diagnosticLower) {
        return "";
    }

    static final String[][] NO_WORDS = new String[0][];
    /** Compiled "~regex" entries of {@link #ownWords()}, shared by all families. */
    private static final java.util.Map<String, java.util.regex.Pattern> WORD_PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public List<RawRecipient> decode(MailText m) {
        List<RawRecipient> found = decodeRecipients(m);
        applyOwnWords(found);
        LocalAgents.apply(m, found, name.equals("rfc3464") || name.equals("unknown"));
        return found;
    }

    /** Fills the command and reason this family's wording states, where still empty. */
    void applyOwnWords(List<RawRecipient> found) {
        String[][] words = ownWords();
        for (RawRecipient r : found) {
            String lower = r.diagnostic.toLowerCase(Locale.ROOT);
            if (r.command.isEmpty()) {
                r.command = ownCommand(lower);
            }
            if (r.reason.isEmpty()) {
                for (String[] w : words) {
                    if (w[0].startsWith("~") ? WORD_PATTERNS.computeIfAbsent(w[0], k -> java.util.regex.Pattern.compile(k.substring(1)))
                            .matcher(lower).find() : lower.contains(w[0])) {
                        r.reason = w[1];
                        break;
                    }
                }
            }
        }
    }

    private List<RawRecipient> decodeRecipients(MailText m) {
        List<RawRecipient> dsn = Scan.fromDsn(m);
        String section = errorSection(m);
        Set<String> own = Scan.ownAddresses(m);
        List<RawRecipient> text = Scan.recipientLines(section, own);
        if (text.isEmpty() && dsn.isEmpty() && fallback(m, section, own) == null) {
            // a bounce sent back to the failing address itself (forwarding, tests): do not exclude To
            Set<String> daemonOnly = new java.util.HashSet<>(Text.addresses(m.headers().get("From")));
            text = Scan.recipientLines(section, daemonOnly);
        }
        if (!dsn.isEmpty()) {
            enrich(dsn, text, section);
            String transcript = Text.commandFromTranscript(section);
            for (RawRecipient d : dsn) {
                for (RawRecipient t : text) {
                    if (t.recipient.equalsIgnoreCase(d.recipient)) {
                        d.command = Text.command(t.diagnostic.toLowerCase(Locale.ROOT));
                    }
                }
                if (d.command.isEmpty()) {
                    d.command = Text.command(d.diagnostic.toLowerCase(Locale.ROOT));
                }
                if (d.command.isEmpty() && dsn.size() == 1) {
                    d.command = transcript; // one session transcript describes one recipient only
                }
            }
            return dsn;
        }
        String transcript = Text.commandFromTranscript(section);
        for (RawRecipient t : text) {
            t.command = Text.command(t.diagnostic.toLowerCase(Locale.ROOT));
            if (t.command.isEmpty() && text.size() == 1) {
                t.command = transcript;
            }
            if (t.command.isEmpty()) {
                t.command = refusedRcpt(section, t.recipient);
            }
        }
        if (text.isEmpty()) {
            RawRecipient one = fallback(m, section, own);
            if (one == null) {
                one = fallback(m, section, new java.util.HashSet<>(Text.addresses(m.headers().get("From"))));
            }
            if (one != null) {
                text.add(one);
            }
        } else {
            String coded = errorLines(section);
            boolean codedHasCode = !Text.status(coded).isEmpty() || !Text.reply(coded).isEmpty();
            for (RawRecipient r : text) {
                boolean noCode = Text.status(r.diagnostic).isEmpty() && Text.reply(r.diagnostic).isEmpty();
                if (noCode && codedHasCode && !r.diagnostic.contains(coded)
                        && (text.size() == 1 || coded.toLowerCase(Locale.ROOT).contains(r.recipient.toLowerCase(Locale.ROOT)))) {
                    r.diagnostic = r.diagnostic.isEmpty() ? coded : r.diagnostic + " " + coded;
                }
            }
            for (RawRecipient r : text) {
                if (r.diagnostic.isEmpty() || Text.status(r.diagnostic).isEmpty() && Text.reply(r.diagnostic).isEmpty()
                        && r.diagnostic.length() < 8) {
                    r.diagnostic = firstNonEmpty(r.diagnostic, coded);
                }
            }
            if (text.stream().allMatch(r -> r.diagnostic.isEmpty())) {
                String whole = Text.fold(section);
                text.forEach(r -> r.diagnostic = whole.length() > 600 ? whole.substring(0, 600) : whole);
            }
        }
        return text;
    }

    /**
     * "RCPT" when a transcript shows this recipient's own "&gt;&gt;&gt; RCPT To:&lt;a@b&gt;" answered by a
     * "&lt;&lt;&lt; 4xx/5xx" on the next line (a session transcript with several recipients).
     */
    static String refusedRcpt(String section, String recipient) {
        String lower = section.toLowerCase(Locale.ROOT);
        String addr = recipient.toLowerCase(Locale.ROOT);
        int i = lower.indexOf(">>> rcpt to:<" + addr + ">");
        if (i < 0) {
            i = lower.indexOf(">>> rcpt to: <" + addr + ">");
        }
        if (i < 0) {
            return "";
        }
        int nl = lower.indexOf('\n', i);
        if (nl < 0) {
            return "";
        }
        String next = lower.substring(nl + 1, Math.min(lower.length(), nl + 10)).strip();
        return next.startsWith("<<< 5") || next.startsWith("<<< 4") ? "RCPT" : "";
    }

    /** Fills what the DSN lacks (an empty Diagnostic-Code) from the readable text. */
    static void enrich(List<RawRecipient> dsn, List<RawRecipient> text, String section) {
        for (RawRecipient d : dsn) {
            if (!d.diagnostic.isEmpty() && !isBare(d.diagnostic)) {
                continue;
            }
            for (RawRecipient t : text) {
                if (t.recipient.equalsIgnoreCase(d.recipient) && !t.diagnostic.isEmpty()) {
                    d.diagnostic = d.diagnostic.isEmpty() ? t.diagnostic : d.diagnostic + " " + t.diagnostic;
                    break;
                }
            }
            if (d.diagnostic.isEmpty()) {
                d.diagnostic = errorLines(section);
            }
        }
    }

    /** A diagnostic that is only a code ("550", "5.1.1") says nothing by itself. */
    static boolean isBare(String diag) {
        String s = diag.strip();
        return s.length() <= 10 && s.chars().noneMatch(Character::isLetter);
    }

    /** When no line starts with an address: X-Failed-Recipients, or the first foreign address. */
    RawRecipient fallback(MailText m, String section, Set<String> own) {
        String addr = Text.firstAddress(m.headers().get("X-Failed-Recipients"));
        if (addr.isEmpty()) {
            for (String a : Text.addresses(section)) {
                if (!own.contains(a.toLowerCase(Locale.ROOT)) && !Scan.isDaemon(a)) {
                    addr = a;
                    break;
                }
            }
        }
        if (addr.isEmpty()) {
            return null;
        }
        RawRecipient r = new RawRecipient(addr);
        r.diagnostic = errorLines(section);
        return r;
    }

    /** The lines of {@code section} that carry an SMTP reply or status code, else its first paragraph. */
    static String errorLines(String section) {
        StringBuilder b = new StringBuilder();
        for (String line : section.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && (!Text.reply(t).isEmpty() && Character.isDigit(t.charAt(0)) || !Text.status(t).isEmpty())) {
                b.append(t).append(' ');
                if (b.length() > 1500) {
                    break;
                }
            }
        }
        if (b.length() == 0) {
            b.append(section.strip());
        }
        String f = Text.fold(b.toString());
        return f.length() > 1500 ? f.substring(0, 1500) : f;
    }

    static String firstNonEmpty(String a, String b) {
        return a == null || a.isBlank() ? b : a + " " + b;
    }

    /** Exchange Online / Outlook.com rather than an on-premises Exchange. */
    static boolean isO365(MailText m) {
        String b = m.lowerBody();
        String from = m.from().toLowerCase(Locale.ROOT);
        return m.headers().has("X-MS-Exchange-CrossTenant-Id") || m.headers().has("X-MS-Exchange-CrossTenant-OriginalArrivalTime")
                || b.contains(".prod.outlook.com") || b.contains("protection.outlook.com") && b.contains("couldn't be delivered")
                || from.contains("@outlook.com") || from.contains("@hotmail.") || from.contains("microsoft outlook")
                || b.contains("office 365") && b.contains("couldn't be delivered");
    }

    static List<RawRecipient> list(RawRecipient r) {
        List<RawRecipient> l = new ArrayList<>();
        l.add(r);
        return l;
    }
}
