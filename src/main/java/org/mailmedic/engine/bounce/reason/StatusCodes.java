package org.mailmedic.engine.bounce.reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Enhanced mail system status codes (RFC 3463 and the IANA registry): what a code means in plain
 * words (table in {@code rfc3463.properties}), and the reason a specific code implies.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3463">RFC 3463</a>
 */
public final class StatusCodes {

    private static final Properties MEANINGS = load();

    /** Codes specific enough to name a reason by themselves (subject.detail, either class). */
    private static final Map<String, String> REASON = Map.ofEntries(
            Map.entry("1.1", "userunknown"),
            Map.entry("1.2", "hostunknown"),
            Map.entry("1.3", "userunknown"),
            Map.entry("1.0", "userunknown"),
            Map.entry("1.4", "filtered"),
            Map.entry("1.6", "hasmoved"),
            Map.entry("1.7", "rejected"),
            Map.entry("1.8", "rejected"),
            Map.entry("1.10", "notaccept"),
            Map.entry("2.0", "filtered"),
            Map.entry("2.1", "filtered"),
            Map.entry("2.2", "mailboxfull"),
            Map.entry("2.3", "exceedlimit"),
            Map.entry("2.4", "systemerror"),
            Map.entry("3.1", "systemfull"),
            Map.entry("3.2", "notaccept"),
            Map.entry("3.3", "systemerror"),
            Map.entry("3.4", "mesgtoobig"),
            Map.entry("3.5", "systemerror"),
            Map.entry("4.1", "expired"),
            Map.entry("4.2", "networkerror"),
            Map.entry("4.3", "systemerror"),
            Map.entry("4.4", "hostunknown"),
            Map.entry("4.5", "systemfull"),
            Map.entry("4.6", "networkerror"),
            Map.entry("4.7", "expired"),
            Map.entry("5.3", "syntaxerror"),
            Map.entry("5.4", "syntaxerror"),
            Map.entry("5.5", "syntaxerror"),
            Map.entry("6.0", "contenterror"),
            Map.entry("6.1", "contenterror"),
            Map.entry("6.9", "contenterror"),
            Map.entry("7.9", "securityerror"),
            Map.entry("7.13", "suspend"),
            Map.entry("7.17", "hasmoved"),
            Map.entry("7.20", "authfailure"),
            Map.entry("7.21", "authfailure"),
            Map.entry("7.22", "authfailure"),
            Map.entry("7.23", "authfailure"),
            Map.entry("7.24", "authfailure"),
            Map.entry("7.25", "requireptr"),
            Map.entry("7.26", "authfailure"),
            Map.entry("7.27", "notaccept"),
            Map.entry("7.28", "speeding"),
            Map.entry("7.30", "failedstarttls"),
            Map.entry("7.10", "failedstarttls"),
            Map.entry("7.11", "failedstarttls"));

    private StatusCodes() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = StatusCodes.class.getResourceAsStream("/org/mailmedic/engine/bounce/rfc3463.properties")) {
            if (in == null) {
                throw new IllegalStateException("rfc3463.properties missing from the class path");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** "5.1.1" → "1.1"; "" when {@code code} is not an enhanced status code. */
    static String subjectDetail(String code) {
        if (code == null || code.length() < 5 || code.charAt(1) != '.') {
            return "";
        }
        return code.substring(2);
    }

    /** The reason a specific code implies, "" when the code alone does not say. */
    public static String reason(String code) {
        String sd = subjectDetail(code);
        return sd.isEmpty() ? "" : REASON.getOrDefault(sd, "");
    }

    /**
     * Plain meaning: "Permanent failure: ... — The mailbox does not exist (...)". "" for no code.
     * Sisimai's private X.0.9xx codes read as "no specific code given".
     */
    public static String meaning(String code) {
        String sd = subjectDetail(code);
        if (sd.isEmpty()) {
            return "";
        }
        String cls = MEANINGS.getProperty("class." + code.charAt(0), "");
        String detail = MEANINGS.getProperty(sd);
        if (detail == null) {
            String subject = sd.substring(0, sd.indexOf('.')) + ".0";
            detail = MEANINGS.getProperty(subject, "Unknown status");
        }
        return cls.isEmpty() ? detail : cls + " — " + detail;
    }
}
