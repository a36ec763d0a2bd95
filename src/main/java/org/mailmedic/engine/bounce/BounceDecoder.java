package org.mailmedic.engine.bounce;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailmedic.engine.bounce.mta.Recognizer;
import org.mailmedic.engine.bounce.mta.Recognizers;
import org.mailmedic.engine.bounce.reason.PlainLanguage;
import org.mailmedic.engine.bounce.reason.ReasonClassifier;
import org.mailmedic.engine.bounce.reason.StatusCodes;
import org.mailmedic.engine.evidence.Bounce;
import org.mailmedic.engine.evidence.BounceKind;
import org.mailmedic.engine.evidence.BounceRecipient;
import org.mailmedic.engine.evidence.OriginalMessage;

/**
 * Turns one message (text, LF line ends, one char per byte) into a {@link Bounce}: MIME split,
 * the first recognizer that claims it and finds recipients, then completion of what the format
 * left out (codes and hosts from the diagnostic), the reason, and the plain sentence.
 */
public final class BounceDecoder {

    private static final Pattern RECEIVED_BY = Pattern.compile("(?i)\\bby\\s+([a-z0-9][a-z0-9.\\-]{0,200})");
    private static final Pattern DKIM_TAG = Pattern.compile("(?:^|;)\\s*([ds])=([^;\\s]{1,200})");

    /** What RFC_1123_DATE_TIME accepts, checked first so that failures cost no exception. */
    private static final Pattern RFC_DATE = Pattern.compile(
            "(?:[A-Za-z]{3},? ?)?(\\d{1,2}) ([A-Za-z]{3}) (\\d{4}) (\\d{1,2}):(\\d{2})(?::(\\d{2}))? ([+-]\\d{4}|GMT|UTC|UT|Z)");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private BounceDecoder() {
    }

    /** Decodes {@code text}; {@code index} is its 1-based position in the file. Never throws on content. */
    public static Bounce decode(String text, int index, String note) {
        return decode(text, index, note, 0);
    }

    private static Bounce decode(String text, int index, String note, int depth) {
        MailText m = MimeReader.read(text);
        Recognizer chosen = null;
        List<RawRecipient> found = List.of();
        for (Recognizer r : Recognizers.ALL) {
            if (r.claims(m)) {
                List<RawRecipient> got = r.decode(m);
                got.removeIf(x -> x.recipient.isEmpty());
                if (!got.isEmpty()) {
                    chosen = r;
                    found = got;
                    break;
                }
            }
        }
        if (m.truncated && note.isEmpty()) {
            note = "the message was cut short or very large; only its first part was read";
        }
        OriginalMessage original = original(m);
        java.util.function.Supplier<String> source = () -> MimeReader.charset(
                text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), null);
        if ((chosen == null || !looksLikeBounce(m, chosen)) && depth == 0 && !m.attached.isEmpty()) {
            // a notice that wraps the real bounce as an attachment (a gateway re-sending a DSN it received)
            Bounce inner = decode(m.attached, index, note, depth + 1);
            if (inner.kind() == BounceKind.BOUNCE && !inner.recipients().isEmpty()) {
                return inner;
            }
        }
        if (chosen == null || !looksLikeBounce(m, chosen)) {
            return new Bounce(index, BounceKind.NOT_A_BOUNCE, "", m.subject(), m.from(), m.headers().get("Date"),
                    List.of(), original, note, source);
        }
        String mta = chosen.name();
        boolean allFeedback = found.stream().allMatch(x -> x.reason.equals("feedback"));
        BounceKind kind = mta.equals("arf") || allFeedback ? BounceKind.FEEDBACK
                : mta.equals("rfc3834") ? BounceKind.AUTO_REPLY : BounceKind.BOUNCE;
        String reporting = reportingMta(m);
        List<BounceRecipient> out = new ArrayList<>();
        for (RawRecipient r : merge(found)) {
            out.add(complete(r, mta, reporting, m.headers().get("Date"), kind));
        }
        return new Bounce(index, kind, mta, m.subject(), m.from(), m.headers().get("Date"), out, original, note, source);
    }

    /** The generic fallback only counts when the message shows bounce markers. */
    private static boolean looksLikeBounce(MailText m, Recognizer r) {
        if (!r.name().equals("unknown")) {
            return true;
        }
        String from = m.from().toLowerCase(Locale.ROOT);
        String subject = m.subject().toLowerCase(Locale.ROOT);
        String b = m.lowerBody();
        return from.contains("mailer-daemon") || from.contains("postmaster") || from.contains("mail delivery")
                || m.headers().has("X-Failed-Recipients") || subject.contains("undeliver")
                || subject.contains("returned mail") || subject.contains("failure") || subject.contains("delivery")
                || subject.contains("not delivered") || subject.contains("failed") || subject.contains("bounce")
                || m.headers().isEmpty() && (b.contains("deliver") || b.contains("recipient")) && !Text.reply(b).isEmpty()
                || b.contains("could not be delivered") || b.contains("undeliverable") || b.contains("delivery failed")
                || b.contains("delivery has failed") || b.contains("was not delivered");
    }

    private static List<RawRecipient> merge(List<RawRecipient> in) {
        Map<String, RawRecipient> byAddr = new LinkedHashMap<>();
        for (RawRecipient r : in) {
            String key = r.recipient.toLowerCase(Locale.ROOT);
            RawRecipient prev = byAddr.get(key);
            if (prev == null) {
                byAddr.put(key, r);
            } else if (prev.diagnostic.isEmpty() || prev.status.isEmpty() && !r.status.isEmpty()) {
                if (r.diagnostic.isEmpty()) {
                    r.diagnostic = prev.diagnostic;
                }
                byAddr.put(key, r);
            }
        }
        return new ArrayList<>(byAddr.values());
    }

    private static BounceRecipient complete(RawRecipient r, String mta, String reporting, String bounceDate,
                                            BounceKind kind) {
        String diag = r.diagnostic;
        String lower = diag.toLowerCase(Locale.ROOT);
        String inDiag = Text.lastSpecificStatus(diag);
        String status = r.status;
        // the remote server's own code (in the diagnostic) is more specific than the DSN's summary
        if (!inDiag.isEmpty() && (status.isEmpty() || !inDiag.endsWith(".0.0"))) {
            status = inDiag;
        }
        String reply = r.replyCode.isEmpty() ? Text.reply(diag) : r.replyCode;
        String remote = r.remoteMta.isEmpty() ? Text.remoteHost(diag) : r.remoteMta;
        String command = r.command.isEmpty() ? Text.command(lower) : r.command;
        String action = r.action;
        if (kind == BounceKind.BOUNCE && action.isEmpty()) {
            action = status.startsWith("2.") ? "delivered" : "failed";
        }
        ReasonClassifier.Decision d = ReasonClassifier.decide(status, diag, action, command, r.diagnosticType,
                remote + " " + mta + " " + r.recipient.substring(r.recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT),
                r.reason);
        boolean expired = d.expired() || r.expired;
        boolean temporary = kind == BounceKind.BOUNCE && !d.reason().equals("delivered")
                && (status.startsWith("4") || status.isEmpty() && reply.startsWith("4") || action.equals("delayed")
                || expired);
        String who = reporter(mta, r.reportingMta.isEmpty() ? reporting : r.reportingMta);
        String plain = PlainLanguage.sentence(r.recipient, d.reason(), expired, temporary, who, remote, diag);
        String date = isoDate(r.date.isEmpty() ? bounceDate : r.date);
        String meaning = status.contains(".9") && status.length() > 6 ? "" : StatusCodes.meaning(status);
        return new BounceRecipient(r.recipient, action, status, reply, d.reason(), expired, temporary, remote,
                r.reportingMta.isEmpty() ? reporting : r.reportingMta, diag, command, mta, date, r.feedbackType, plain,
                meaning);
    }

    /** "Gmail" for Google's own bounces, else the reporting host, else "". */
    private static String reporter(String mta, String reporting) {
        if (mta.equals("gmail") || reporting.endsWith("google.com") || reporting.endsWith("googlemail.com")) {
            return "Gmail";
        }
        if (mta.equals("office365")) {
            return "Microsoft 365";
        }
        return reporting;
    }

    private static String reportingMta(MailText m) {
        if (!m.dsn.isBlank()) {
            String rm = Dsn.value(m.parsedDsn().message.get("Reporting-MTA")).toLowerCase(Locale.ROOT);
            if (!rm.isEmpty()) {
                return rm;
            }
        }
        String received = m.headers.get("Received");
        Matcher x = RECEIVED_BY.matcher(received);
        return x.find() ? x.group(1).toLowerCase(Locale.ROOT) : "";
    }

    static String isoDate(String date) {
        String s = date.strip();
        if (s.isEmpty()) {
            return "";
        }
        int paren = s.indexOf(" (");
        if (paren > 0) {
            s = s.substring(0, paren);
        }
        Matcher m = RFC_DATE.matcher(s);
        if (!m.matches()) {
            return date.strip();
        }
        int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT));
        if (month < 0 || month % 3 != 0) {
            return date.strip();
        }
        try {
            String zone = m.group(7);
            ZoneOffset offset = zone.startsWith("+") || zone.startsWith("-")
                    ? ZoneOffset.ofHoursMinutes(Integer.parseInt(zone.substring(0, 3)),
                            (zone.charAt(0) == '-' ? -1 : 1) * Integer.parseInt(zone.substring(3, 5)))
                    : ZoneOffset.UTC;
            return isoInstant(java.time.OffsetDateTime.of(Integer.parseInt(m.group(3)), month / 3 + 1,
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), 0, offset));
        } catch (java.time.DateTimeException | NumberFormatException e) { // 31 Feb, +9999 and the like
            return date.strip();
        }
    }

    /**
     * What {@code t.toInstant().toString()} gives ("2010-04-29T14:34:45Z") without going through
     * DateTimeFormatter, which was a visible part of the decoding profile.
     */
    private static String isoInstant(java.time.OffsetDateTime t) {
        java.time.LocalDateTime u = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        int y = u.getYear();
        if (y < 0 || y > 9999) {
            return t.toInstant().toString();
        }
        char[] c = "0000-00-00T00:00:00Z".toCharArray();
        two(c, 0, y / 100);
        two(c, 2, y % 100);
        two(c, 5, u.getMonthValue());
        two(c, 8, u.getDayOfMonth());
        two(c, 11, u.getHour());
        two(c, 14, u.getMinute());
        two(c, 17, u.getSecond());
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static OriginalMessage original(MailText m) {
        String block = m.originalHeaders;
        if (block.isEmpty()) {
            int at = Scan.inlineOriginal(m.body, m.lowerBody());
            if (at >= 0) {
                String rest = m.body.substring(at);
                int end = rest.indexOf("\n\n");
                block = end < 0 ? rest : rest.substring(0, end);
            }
        }
        if (block.isEmpty()) {
            return OriginalMessage.NONE;
        }
        Headers h = Headers.parse(block);
        String dkim = h.get("DKIM-Signature");
        String d = "";
        String s = "";
        Matcher t = DKIM_TAG.matcher(dkim);
        while (t.find()) {
            if (t.group(1).equals("d") && d.isEmpty()) {
                d = t.group(2);
            } else if (t.group(1).equals("s") && s.isEmpty()) {
                s = t.group(2);
            }
        }
        return new OriginalMessage(h.decoded("From"), h.decoded("To"), h.decoded("Subject"), h.get("Date"),
                h.get("Message-ID"), h.all("Authentication-Results"), d, s, h.all("Received"));
    }
}
