package org.mailmedic.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * The mail-log part of {@code mailmedic analyze}: renders the analysis of every log file handed in
 * (read together, merged in time order, by {@code EvidenceAnalysis}); the JSON gets a top-level {@code "logs"} object (the
 * {@link LogAnalysis} as it is), the text output a short report: destinations most troubled first,
 * throttling, TLS and policy findings with their evidence lines, and the queue left at the end.
 */
final class LogsReport {

    static final int DESTINATIONS_SHOWN = 15;
    static final int EVIDENCE_SHOWN = 3;

    private LogsReport() {
    }

    /** Adds {@code "logs": {...}} to the JSON document. */
    static void putJson(ObjectNode root, LogAnalysis a) {
        // Kept as the object, serialised in place when the document is written: converting it to a
        // tree first (valueToTree) wrote and read back the whole analysis, most of a big log's
        // 9 MB of JSON, once more (JFR: about 2 s of a cold CLI run on a 1 GiB log).
        root.putPOJO("logs", a);
    }

    /** The human-readable report. */
    static void printText(PrintStream out, LogAnalysis a) {
        ZoneId zone = ZoneId.of(a.zone());
        DateTimeFormatter ts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
        out.println();
        out.printf("Mail logs: %d file%s%s (times in %s)%n", a.files().size(), a.files().size() == 1 ? "" : "s",
                a.firstEvent() == null ? "" : ", " + ts.format(a.firstEvent()) + " to " + ts.format(a.lastEvent()),
                "Z".equals(a.zone()) ? "UTC" : a.zone());
        for (LogAnalysis.FileReport f : a.files()) {
            out.printf("  %s: %s%s, %,d lines, %,d mail lines%n", f.file(), f.format(), f.compressed() ? " (gzip)" : "",
                    f.lines(), f.mailLines());
            for (String p : f.problems()) {
                out.println("    problem: " + p);
            }
        }
        if (a.cancelled()) {
            out.println("  (stopped before the end: the figures cover only what was read)");
        }
        LogAnalysis.Totals t = a.totals();
        out.printf("Totals: %,d messages received, %,d recipients: %,d delivered, %,d bounced, %,d expired, "
                + "%,d still queued; %,d deferred attempts%n", t.messagesReceived(), t.recipients(), t.delivered(),
                t.bounced(), t.expired(), t.stillQueued(), t.deferredAttempts());
        if (!a.destinations().isEmpty()) {
            out.println();
            out.println("Destinations, most troubled first:");
            out.printf("  %-32s %9s %9s %8s %8s %7s %8s%n", "domain", "delivered", "deferred", "bounced", "expired",
                    "queued", "oldest");
            int n = 0;
            for (LogAnalysis.Destination d : a.destinations()) {
                if (n++ == DESTINATIONS_SHOWN) {
                    out.printf("  … and %d more%n", a.destinations().size() - DESTINATIONS_SHOWN);
                    break;
                }
                out.printf("  %-32s %9d %9d %8d %8d %7d %8s%n", cut(d.domain(), 32), d.delivered(),
                        d.deferredAttempts(), d.bounced(), d.expired(), d.stillQueued(),
                        d.stillQueued() == 0 ? "" : age(d.oldestQueuedSeconds()));
                if (!d.topReplies().isEmpty() && (d.bounced() + d.deferredAttempts() + d.expired()) > 0) {
                    LogAnalysis.ReplyCount r = d.topReplies().get(0);
                    out.printf("      most seen: %s (%,d×)%n", cut(r.text(), 100), r.count());
                }
            }
        }
        if (!a.throttles().isEmpty()) {
            out.println();
            out.println("Throttling:");
            for (LogAnalysis.Throttle th : a.throttles()) {
                out.println("  " + th.summary());
                if (!th.onsets().isEmpty()) {
                    out.println("    onsets: " + th.onsets().stream().limit(6)
                            .map(o -> ts.format(o.at()) + " (after " + o.acceptedInPrevious24h() + " in 24 h)")
                            .collect(Collectors.joining(", ")) + (th.onsets().size() > 6 ? ", …" : ""));
                }
                evidence(out, th.evidence());
            }
        }
        tls(out, "TLS handshakes failing, inbound (clients connecting to you):", a.tlsInbound());
        tls(out, "TLS failing, outbound (your server sending):", a.tlsOutbound());
        if (!a.policyRejections().isEmpty()) {
            out.println();
            out.println("SPF / DMARC / blocklist wording in replies:");
            for (LogAnalysis.PolicyRejections p : a.policyRejections()) {
                out.printf("  %s: %s, %d permanent, %d temporary: \"%s\"%n", p.destination(), p.kind(),
                        p.permanent(), p.temporary(), cut(p.example(), 120));
                evidence(out, p.evidence());
            }
        }
        LogAnalysis.QueueSnapshot q = a.queue();
        if (q.recipients() > 0) {
            out.println();
            out.printf("Still queued at the end of the logs (%s): %,d recipient%s%n", ts.format(q.asOf()),
                    q.recipients(), q.recipients() == 1 ? "" : "s");
            q.byDestination().stream().limit(DESTINATIONS_SHOWN).forEach(d -> out.printf("  %-32s %7d  oldest %s%n",
                    cut(d.destination(), 32), d.recipients(), age(d.oldestSeconds())));
        }
    }

    private static void tls(PrintStream out, String title, List<LogAnalysis.TlsFailures> list) {
        if (list.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        for (LogAnalysis.TlsFailures f : list.stream().limit(DESTINATIONS_SHOWN).toList()) {
            out.printf("  %s: %,d failure%s%s%n", f.peer(), f.failures(), f.failures() == 1 ? "" : "s",
                    f.reasons().isEmpty() ? "" : ", " + f.reasons().stream()
                            .map(r -> r.reason() + " (" + r.count() + "×)").collect(Collectors.joining(", ")));
            evidence(out, f.evidence());
        }
    }

    private static void evidence(PrintStream out, List<LogAnalysis.LogLine> lines) {
        lines.stream().limit(EVIDENCE_SHOWN).forEach(l -> out.println("    " + l.ref() + ": " + cut(l.text(), 160)));
    }

    static String age(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return d.toMinutes() + "m";
    }

    private static String cut(String s, int n) {
        if (s == null) {
            return "";
        }
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** For callers wanting the instant formatted as the report does. */
    static String format(Instant i, ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone).format(i);
    }
}
