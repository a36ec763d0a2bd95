package org.mailmedic.engine.evidence;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decides what a file is from its first bytes: a bounce or other email, an mbox, or one of the
 * mail-server log formats MailMedic reads. It reads at most {@link #SNIFF_BYTES} of (decompressed)
 * content, opens files read-only and never writes to them. A file that cannot be used gets a
 * plain-language {@link EvidenceFile#problem()} naming it, never an exception.
 *
 * <p>The checksum: files are hashed here, except mail logs bigger than {@link #HASH_LOGS_UP_TO},
 * whose SHA-256 the log analysis computes while it reads them (one pass over a 1 GB log instead of
 * two); {@code EvidenceAnalysis} fills it in, and until then it is "".
 */
public final class EvidenceSniffer {

    /** How much of a file's (decompressed) start is looked at. */
    public static final int SNIFF_BYTES = 64 * 1024;

    /** Mail logs up to this size are hashed when sniffed; bigger ones by the analysis that reads them. */
    public static final long HASH_LOGS_UP_TO = 4L << 20;

    // Postfix: "Nov 23 08:14:03 mail postfix/smtp[1135]: ..." (also postfix-submission/smtpd etc.)
    private static final Pattern POSTFIX = Pattern.compile("(?m)^.{0,120}? postfix(?:-[\\w.-]+)?/[\\w/.-]+\\[\\d+\\]: ");
    // Sendmail: "Nov 23 03:12:41 mx1 sm-mta[2231]: 4AN3CfXk002231: ..."
    private static final Pattern SENDMAIL = Pattern.compile("(?m)^.{0,120}? (?:sm-mta|sendmail|sm-msp-queue)\\[\\d+\\]: ");
    // Exim mainlog: "1999-03-02 09:44:33 10HmaX-000000005vi-0000 <= ..." (id formats old and new)
    private static final Pattern EXIM = Pattern.compile(
            "(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?: [+-]\\d{4})?(?: \\[\\d+\\])? "
            + "(?:[\\w]{6}-[\\w]{6,11}-[\\w]{2,4} (?:<=|=>|->|\\*>|==|\\*\\*|Completed|Frozen)|"
            + "(?:H=|SMTP connection|Start queue run|End queue run|exim \\d))");
    private static final Pattern EXCHANGE = Pattern.compile("(?m)^#(?:Software: Microsoft Exchange|Log-type: Message Tracking Log|Fields: date-time,)");
    private static final Pattern M365 = Pattern.compile(
            "(?i)^\\W?\"?(?=.*\\bsender_?address\\b)(?=.*\\brecipient_?(?:address|status)\\b)");
    private static final Pattern HEADER_LINE = Pattern.compile("^[!-9;-~]+:[ \\t]?.*");
    private static final Pattern BOUNCE_MARKERS = Pattern.compile(
            "(?im)^(?:content-type:[^\\n]*report-type=\"?delivery-status"
            + "|x-failed-recipients:"
            + "|from:[^\\n]*(?:mailer-daemon|postmaster|mail delivery (?:sub)?system|microsoftexchange)"
            + "|subject:[^\\n]*(?:undeliver|returned mail|delivery status notification|delivery failure|mail delivery failed|failure notice|non[- ]?delivery|could not be delivered|delivery has failed|warning: could not send)"
            + "|content-type:\\s*message/delivery-status"
            + "|final-recipient:)");
    // A pasted bounce without headers: an SMTP reply / enhanced code and an address. Anchored at \A
    // (find() retried both lookaheads at every offset: quadratic, 69 s on a 44 KB text file).
    private static final Pattern TEXT_BOUNCE = Pattern.compile("(?s)\\A(?=.*\\b[45]\\d\\d[ -](?:[45]\\.\\d{1,3}\\.\\d{1,3}\\b|\\S))(?=.*[\\w.+-]@[\\w-]++\\.[\\w-])");

    /** Looks at {@code file} and says what it is; never throws. */
    public EvidenceFile sniff(Path file) {
        long size;
        try {
            if (Files.isDirectory(file)) {
                return problem(file, 0, "is a folder, not a file — drop the files inside it instead");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return problem(file, 0, "does not exist (was it moved or deleted?)");
        } catch (AccessDeniedException e) {
            return problem(file, 0, "cannot be read: permission denied");
        } catch (IOException e) {
            return problem(file, 0, "cannot be read: " + describe(e));
        }
        if (size == 0) {
            return problem(file, 0, "is empty (0 bytes)");
        }
        byte[] head;
        boolean gzip;
        try {
            byte[] raw = readHead(file, 4);
            gzip = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
            if (raw.length >= 4 && (raw[0] & 0xff) == 0xd0 && (raw[1] & 0xff) == 0xcf
                    && (raw[2] & 0xff) == 0x11 && (raw[3] & 0xff) == 0xe0) {
                return new EvidenceFile(file, EvidenceKind.EMAIL, size, sha256(file), "Outlook message (.msg)", null);
            }
            head = gzip ? readGzipHead(file) : readHead(file, SNIFF_BYTES);
        } catch (AccessDeniedException e) {
            return problem(file, size, "cannot be read: permission denied");
        } catch (ZipException | EOFException e) {
            return problem(file, size, "looks compressed (.gz) but is damaged or cut short: " + describe(e));
        } catch (IOException e) {
            return problem(file, size, "cannot be read: " + describe(e));
        }
        if (head.length == 0) {
            return hashed(file, EvidenceKind.UNKNOWN, size, "", "is empty once decompressed");
        }
        if (looksBinary(head)) {
            return hashed(file, EvidenceKind.UNKNOWN, size, "", "is a binary file, not an email or a mail server log");
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String gz = gzip ? ", gzip-compressed" : "";
        EvidenceKind kind = classify(text);
        String detail = switch (kind) {
            case POSTFIX_LOG, SENDMAIL_LOG, EXIM_LOG -> "syslog-style mail log" + gz;
            case EXCHANGE_LOG -> "Exchange message tracking CSV" + gz;
            case M365_TRACE -> "message trace CSV export" + gz;
            case MBOX -> "mbox file" + gz;
            case BOUNCE -> (text.startsWith("From ") ? "mbox with a bounce" : "delivery failure report") + gz;
            case EMAIL -> "an email, but no bounce information found" + gz;
            case UNKNOWN -> "";
        };
        String problem = kind == EvidenceKind.UNKNOWN
                ? "is text, but neither an email nor a mail server log MailMedic knows"
                : null;
        if (kind.isLog() && size > HASH_LOGS_UP_TO) {
            return new EvidenceFile(file, kind, size, "", detail, problem); // hashed by the analysis
        }
        return hashed(file, kind, size, detail, problem);
    }

    /** The file with its checksum; a file that cannot be read to its end gets that as its problem. */
    private static EvidenceFile hashed(Path file, EvidenceKind kind, long size, String detail, String problem) {
        try {
            return new EvidenceFile(file, kind, size, sha256(file), detail, problem);
        } catch (AccessDeniedException e) {
            return problem(file, size, "cannot be read: permission denied");
        } catch (IOException e) {
            return problem(file, size, "cannot be read: " + describe(e));
        }
    }

    /**
     * Classifies the start of a text file (at most {@link #SNIFF_BYTES} of it, read as ISO-8859-1):
     * what {@link #sniff} decides once the bytes are read. Never throws.
     */
    public static EvidenceKind classify(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        if (EXCHANGE.matcher(text).find()) {
            return EvidenceKind.EXCHANGE_LOG;
        }
        if (M365.matcher(firstLine).find()) {
            return EvidenceKind.M365_TRACE;
        }
        int postfix = count(POSTFIX, text);
        int sendmail = count(SENDMAIL, text);
        int exim = count(EXIM, text);
        if (postfix + sendmail + exim > 0 && !looksLikeHeaders(text)) {
            if (postfix >= sendmail && postfix >= exim) {
                return EvidenceKind.POSTFIX_LOG;
            }
            return sendmail >= exim ? EvidenceKind.SENDMAIL_LOG : EvidenceKind.EXIM_LOG;
        }
        if (firstLine.startsWith("From ")) {
            return BOUNCE_MARKERS.matcher(text).find() ? EvidenceKind.BOUNCE : EvidenceKind.MBOX;
        }
        if (looksLikeHeaders(text)) {
            return BOUNCE_MARKERS.matcher(text).find() || TEXT_BOUNCE.matcher(bodyOf(text)).find()
                    && text.toLowerCase(Locale.ROOT).contains("deliver")
                    ? EvidenceKind.BOUNCE : EvidenceKind.EMAIL;
        }
        if (TEXT_BOUNCE.matcher(text).find()) {
            return EvidenceKind.BOUNCE;
        }
        return EvidenceKind.UNKNOWN;
    }

    private static String bodyOf(String text) {
        int i = text.indexOf("\n\n");
        int j = text.indexOf("\r\n\r\n");
        int k = i < 0 ? j : j < 0 ? i : Math.min(i, j);
        return k < 0 ? "" : text.substring(k);
    }

    private static boolean looksLikeHeaders(String text) {
        int headers = 0;
        int seen = 0;
        for (String line : (Iterable<String>) text.lines().limit(12)::iterator) {
            if (seen == 0 && line.startsWith("From ")) {
                continue; // mbox separator
            }
            if (line.isEmpty()) {
                break;
            }
            seen++;
            if (HEADER_LINE.matcher(line).matches() || line.startsWith(" ") || line.startsWith("\t")) {
                headers++;
            }
        }
        return seen >= 2 && headers >= seen - 1;
    }

    private static int count(Pattern p, String text) {
        var m = p.matcher(text);
        int n = 0;
        while (m.find() && n < 1000) {
            n++;
        }
        return n;
    }

    /**
     * More than a few NUL bytes or many control characters mean binary; 8-bit text (Latin-1, UTF-8)
     * is fine, and so is a stray NUL (real bounces sometimes copy one from a broken original).
     */
    static boolean looksBinary(byte[] head) {
        int control = 0;
        int nul = 0;
        int n = Math.min(head.length, 8192);
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0 && ++nul > 4) {
                return true;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x0c && b != 0x1b) {
                control++;
            }
        }
        return control * 20 > n; // over 5 % control characters
    }

    private static byte[] readHead(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    private static byte[] readGzipHead(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 8192)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    /** Hex SHA-256 of a file, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static EvidenceFile problem(Path file, long size, String what) {
        return new EvidenceFile(file, EvidenceKind.UNKNOWN, size, "", "", what);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
