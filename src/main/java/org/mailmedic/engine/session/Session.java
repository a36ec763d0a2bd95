package org.mailmedic.engine.session;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.report.ReportModel;

/**
 * A whole troubleshooting session, saved so that an admin can stop and come back, or send it to
 * a consultant: the evidence files by reference (path and SHA-256, never their content), the
 * findings, the fix progress (the chosen mail server, verify results), the forecast inputs, and
 * the report as it stood (live check tables and SMTP transcripts included). Written as JSON with
 * {@code "schemaVersion": 1} and {@code "type": "mailmedic-session"}, beside the report JSON.
 *
 * @param schemaVersion  {@link #SCHEMA_VERSION}
 * @param type           always {@link #TYPE}: tells a session from a report
 * @param savedAt        when it was saved
 * @param domain         the user's domain ("" when unknown)
 * @param files          the evidence files, in the order they were added
 * @param findings       the diagnosis as it stood
 * @param mailServer     the mail server chosen for the fix guides ({@code MailServer.id()}), or null
 * @param verify         the last verify result per finding kind
 * @param forecastInputs the forecast's inputs, or null when no forecast was made
 * @param report         the report as it stood (live results, forecast series), or null
 */
public record Session(int schemaVersion, String type, Instant savedAt, String domain, List<FileRef> files,
        List<Finding> findings, String mailServer, Map<String, VerifyRecord> verify, ForecastInputs forecastInputs,
        ReportModel report) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = "mailmedic-session";

    public Session {
        type = TYPE;
        domain = domain == null ? "" : domain;
        files = files == null ? List.of() : List.copyOf(files);
        findings = findings == null ? List.of() : List.copyOf(findings);
        verify = verify == null ? Map.of() : Map.copyOf(verify);
    }

    /** A new session of this version. */
    public static Session of(Instant savedAt, String domain, List<FileRef> files, List<Finding> findings,
            String mailServer, Map<String, VerifyRecord> verify, ForecastInputs forecastInputs, ReportModel report) {
        return new Session(SCHEMA_VERSION, TYPE, savedAt, domain, files, findings, mailServer, verify, forecastInputs,
                report);
    }

    /**
     * An evidence file by reference.
     *
     * @param path   absolute path when saved
     * @param sha256 its checksum when saved (hex)
     * @param size   its size in bytes when saved
     * @param kind   what it was recognised as (e.g. "Postfix log"), for display
     */
    public record FileRef(String path, String sha256, long size, String kind) {
        /** Reads the file once for its checksum and size. */
        public static FileRef of(Path p, String kind) throws IOException {
            ReportModel.AnalysedFile a = ReportModel.AnalysedFile.of(p, kind);
            return new FileRef(p.toAbsolutePath().toString(), a.sha256(), a.size(), kind);
        }
    }

    /** A verify step's last result (the engine's {@code VerifyResult} without its spec). */
    public record VerifyRecord(String outcome, String summary, List<String> details, Instant at) {
        public VerifyRecord {
            details = details == null ? List.of() : List.copyOf(details);
        }
    }

    /**
     * What the forecast was computed from, as the Forecast screen shows it.
     *
     * @param policy the retry policy's id ("postfix", "sendmail", ...)
     * @param limitKind the limit kind's id ("rolling24h", ...)
     */
    public record ForecastInputs(String destination, double arrivalsPerDay, int limit, String limitKind, String policy,
            double lifetimeDays, int horizonDays, long backlog) {
    }
}
