package org.mailmedic.engine.bounce;

import java.util.Locale;

/**
 * One message as the recognizers see it: its headers, the human-readable text of the bounce,
 * the machine-readable delivery-status and feedback-report parts, and the attached original
 * message's headers. Produced by {@link MimeReader}; every field is non-null.
 */
public final class MailText {

    final Headers headers;
    final String body;
    final String dsn;
    final String feedback;
    final String originalHeaders;
    final String reportType;
    final boolean truncated;
    /** The first attached message in full (headers and body), for a bounce that wraps a bounce; or "". */
    String attached = "";
    private String lowerBody;
    private Dsn parsedDsn;
    private String subject;
    private String from;
    /** {@link Scan#ownAddresses}, computed once. */
    java.util.Set<String> ownAddresses;

    MailText(Headers headers, String body, String dsn, String feedback, String originalHeaders,
             String reportType, boolean truncated) {
        this.headers = headers;
        this.body = body;
        this.dsn = dsn;
        this.feedback = feedback;
        this.originalHeaders = originalHeaders;
        this.reportType = reportType;
        this.truncated = truncated;
    }

    public Headers headers() {
        return headers;
    }

    /** The readable text of the message (text/plain parts, HTML as text), LF line ends. */
    public String body() {
        return body;
    }

    /** Lower-cased {@link #body()}, computed once. */
    public String lowerBody() {
        if (lowerBody == null) {
            lowerBody = body.toLowerCase(Locale.ROOT);
        }
        return lowerBody;
    }

    /** Content of message/delivery-status parts, "" when none. */
    public String dsn() {
        return dsn;
    }

    /** The delivery-status fields, parsed once. */
    public Dsn parsedDsn() {
        if (parsedDsn == null) {
            parsedDsn = Dsn.parse(dsn);
        }
        return parsedDsn;
    }

    /** Content of a message/feedback-report part, "" when none. */
    public String feedback() {
        return feedback;
    }

    /** Header block of the attached original message, "" when none was attached as a part. */
    public String originalHeaders() {
        return originalHeaders;
    }

    /** The report-type parameter of a multipart/report, lower-case, "" otherwise. */
    public String reportType() {
        return reportType;
    }

    /** The decoded Subject, computed once (every recognizer's claims() may ask). */
    public String subject() {
        if (subject == null) {
            subject = headers.decoded("Subject");
        }
        return subject;
    }

    /** The decoded From, computed once. */
    public String from() {
        if (from == null) {
            from = headers.decoded("From");
        }
        return from;
    }
}
