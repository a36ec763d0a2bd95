package org.mailmedic.engine.session;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
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
 * @param mailServerDetected true when {@code mailServer} was detected from the evidence rather than chosen
 * @param fixProgress    per finding kind, how far the user went through its fix guide
 * @param live           the Live check screen: its fields and the last check's full results, or null
 * @param forecast       the forecast's result as the Forecast screen showed it, or null
 *
 * <p>The last four were added after the first release of version 1; a version 1 file without
 * them opens with them empty (they are additions, not changes, so the version stays 1).
 */
public record Session(int schemaVersion, String type, Instant savedAt, String domain, List<FileRef> files,
        List<Finding> findings, String mailServer, Map<String, VerifyRecord> verify, ForecastInputs forecastInputs,
        ReportModel report, boolean mailServerDetected, Map<String, FixProgress> fixProgress, LiveCheck live,
        Forecast forecast) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = "mailmedic-session";

    public Session {
        type = TYPE;
        domain = domain == null ? "" : domain;
        files = files == null ? List.of() : List.copyOf(files);
        findings = findings == null ? List.of() : List.copyOf(findings);
        verify = verify == null ? Map.of() : Map.copyOf(verify);
        fixProgress = fixProgress == null ? Map.of() : Map.copyOf(fixProgress);
    }

    /** A new session of this version, without the screens' state (fix progress, live check, forecast result). */
    public static Session of(Instant savedAt, String domain, List<FileRef> files, List<Finding> findings,
            String mailServer, Map<String, VerifyRecord> verify, ForecastInputs forecastInputs, ReportModel report) {
        return new Session(SCHEMA_VERSION, TYPE, savedAt, domain, files, findings, mailServer, verify, forecastInputs,
                report, false, Map.of(), null, null);
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
     * @param policy      the retry policy's id ("postfix", "sendmail", ...)
     * @param limitKind   the limit kind's id ("rolling24h", ...)
     * @param typed       the fields exactly as typed ("arrivals", "limit", "lifetimeDays", "horizonDays",
     *                    "backlog"), so that an unfinished entry comes back as it was; empty in older files
     * @param hourProfile 24 weights of arrivals by hour of day (from the logs), or null
     * @param fromLogs    the fields that were read from the logs and not edited since ("ARRIVALS", "LIMIT", ...)
     */
    public record ForecastInputs(String destination, double arrivalsPerDay, int limit, String limitKind, String policy,
            double lifetimeDays, int horizonDays, long backlog, Map<String, String> typed, List<Double> hourProfile,
            List<String> fromLogs) {
        public ForecastInputs {
            typed = typed == null ? Map.of() : Map.copyOf(typed);
            hourProfile = hourProfile == null ? null : List.copyOf(hourProfile);
            fromLogs = fromLogs == null ? List.of() : List.copyOf(fromLogs);
        }

        /** The numbers only (as the forecast used them). */
        public ForecastInputs(String destination, double arrivalsPerDay, int limit, String limitKind, String policy,
                double lifetimeDays, int horizonDays, long backlog) {
            this(destination, arrivalsPerDay, limit, limitKind, policy, lifetimeDays, horizonDays, backlog, null, null,
                    null);
        }
    }

    /**
     * How far the user went through one finding's fix guide.
     *
     * @param step the step shown last (0-based; the verify step is the one after the last fix step)
     * @param done the steps the user ticked as done (0-based), ascending
     */
    public record FixProgress(int step, List<Integer> done) {
        public FixProgress {
            step = Math.max(0, step);
            done = done == null ? List.of() : done.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
        }
    }

    /**
     * The Live check screen: the fields as typed and the last check's complete results, so that
     * the rows, SPF trees and mail server cards come back without asking the network again.
     *
     * @param dns  the DNS checks of the last run, or null when none ran
     * @param smtp the mail server checks of the last run, or null
     */
    public record LiveCheck(String domain, String sendingIp, String dkimSelector, String dnsServer,
            DomainCheckResult dns, SmtpCheckResult smtp) {
        public LiveCheck {
            domain = domain == null ? "" : domain;
            sendingIp = sendingIp == null ? "" : sendingIp;
            dkimSelector = dkimSelector == null ? "" : dkimSelector;
            dnsServer = dnsServer == null ? "" : dnsServer;
        }
    }
}
