package org.mailmedic.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailmedic.engine.diagnosis.Diagnoser;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.MtaDetector;
import org.mailmedic.engine.diagnosis.OwnDomain;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.Verifier;
import org.mailmedic.engine.diagnosis.verify.LiveVerifier;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.forecast.LimitKind;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.ui.check.CheckViewModel;
import org.mailmedic.ui.evidence.EvidenceViewModel;
import org.mailmedic.ui.findings.FindingsViewModel;
import org.mailmedic.ui.forecast.ForecastViewModel;

/**
 * Joins the screens: the one analysis of the evidence and the last live check become the
 * Findings (re-diagnosed whenever either changes), the most throttled destination in the logs
 * becomes the Forecast's inputs, the domain the evidence names is offered to the Live check,
 * and the Findings' Verify button runs real checks through the
 * Live check's resolver and SMTP settings. All handlers run on the FX thread; the heavy work
 * (reading files, network) already happened in the screens' tasks. The Diagnoser itself only
 * walks in-memory results.
 */
public final class DiagnosisWiring {

    private final EvidenceViewModel evidence;
    private final FindingsViewModel findings;
    private final CheckViewModel check;
    private final ForecastViewModel forecast;
    private final Diagnoser diagnoser = new Diagnoser();
    private final Clock clock;

    public DiagnosisWiring(EvidenceViewModel evidence, FindingsViewModel findings, CheckViewModel check,
            ForecastViewModel forecast, Clock clock) {
        this.evidence = Objects.requireNonNull(evidence);
        this.findings = Objects.requireNonNull(findings);
        this.check = Objects.requireNonNull(check);
        this.forecast = Objects.requireNonNull(forecast);
        this.clock = Objects.requireNonNull(clock);
        findings.verifierProperty().set(verifier());
        evidence.analysisProperty().addListener((o, was, now) -> {
            if (restoring || keepRestored(now)) {
                return;
            }
            if (!check.domainSourceProperty().get().isEmpty()) {
                // The field holds the old evidence's suggestion, not the user's words: the rules
                // must not take it for the user's domain, so the new evidence can name its own.
                check.suggestDomain(null, null);
            }
            Diagnosis fresh = diagnose();
            // The domain is offered before the findings appear, so whoever reacts to the
            // findings sees the Live check's domain that goes with them.
            suggestDomain(now, fresh.findings());
            publish(fresh);
            applyForecast(now);
        });
        check.lastResultProperty().addListener((o, was, now) -> {
            if (!restoring) {
                rediagnose();
            }
        });
        check.lastSmtpProperty().addListener((o, was, now) -> {
            if (!restoring) {
                rediagnose();
            }
        });
    }

    private boolean restoring;
    private Set<Path> restoredFiles;

    /**
     * Runs {@code apply} (which puts a saved session on the screens) without re-diagnosing, and
     * keeps the saved findings and forecast when the evidence analysis of exactly {@code files}
     * (read again in the background) arrives: a session shows what was saved, even when some of
     * its files are gone. Any other change of evidence or live results afterwards re-diagnoses
     * as usual. FX thread.
     */
    public void restore(List<Path> files, Runnable apply) {
        restoring = true;
        try {
            apply.run();
        } finally {
            restoring = false;
        }
        restoredFiles = files.isEmpty() ? null : normalised(files);
    }

    private boolean keepRestored(EvidenceSet now) {
        Set<Path> expected = restoredFiles;
        restoredFiles = null;
        return expected != null && now != null
                && expected.equals(normalised(now.files().stream().map(EvidenceFile::path).toList()));
    }

    private static Set<Path> normalised(List<Path> files) {
        Set<Path> s = new HashSet<>();
        files.forEach(p -> s.add(p.toAbsolutePath().normalize()));
        return s;
    }

    /** Verify through the resolver and SMTP settings of the Live check screen at the time it is pressed. */
    private Verifier verifier() {
        return (spec, cancelled) -> {
            Dns dns = check.currentDns();
            SmtpOptions.Builder probe = check.smtpOptions(dns);
            if (probe == null) {
                return new LiveVerifier(dns, () -> SmtpOptions.builder(dns), DomainCheckOptions.defaults(),
                        this::logFiles, clock).verify(spec, cancelled);
            }
            return new LiveVerifier(dns, () -> check.smtpOptions(dns), DomainCheckOptions.defaults(),
                    this::logFiles, clock).verify(spec, cancelled);
        };
    }

    private List<Path> logFiles() {
        return evidence.analysisProperty().get().files().stream().filter(f -> f.usable() && f.kind().isLog())
                .map(EvidenceFile::path).toList();
    }

    /** Runs the rules over the current evidence and live results (FX thread). */
    public void rediagnose() {
        publish(diagnose());
    }

    /** The findings of one run of the rules, with the evidence and SMTP results they were made from. */
    private record Diagnosis(List<Finding> findings, EvidenceSet set, SmtpCheckResult smtp) {
    }

    private void publish(Diagnosis d) {
        findings.setFindings(d.findings());
        findings.setDetectedServer(detectedServer(d.set(), d.smtp()));
    }

    private Diagnosis diagnose() {
        EvidenceSet set = evidence.analysisProperty().get();
        String domain = check.domainProperty().get() == null ? "" : check.domainProperty().get().strip();
        var dns = check.lastResultProperty().get();
        SmtpCheckResult smtp = check.lastSmtpProperty().get();
        if (dns != null && dns.domain() != null && !domain.isEmpty() && !dns.domain().equalsIgnoreCase(domain)
                && !dns.input().strip().equalsIgnoreCase(domain)) {
            // The user typed another domain since: the old live results are not about it.
            dns = null;
            smtp = null;
        }
        if (dns != null && dns.domain() != null && domain.isEmpty()) {
            domain = dns.domain();
        }
        return new Diagnosis(diagnoser.diagnose(new DiagnosisInput(domain, set, dns, smtp)), set, smtp);
    }

    /**
     * Offers the Live check the domain the evidence names, with where it was read; the field
     * keeps what the user typed (see {@link CheckViewModel#suggestDomain}).
     */
    void suggestDomain(EvidenceSet set, List<Finding> diagnosed) {
        Optional<OwnDomain.Guess> g = set == null ? Optional.empty() : OwnDomain.from(set, diagnosed);
        check.suggestDomain(g.map(OwnDomain.Guess::domain).orElse(null), g.map(OwnDomain.Guess::source).orElse(null));
    }

    static Optional<MailServer> detectedServer(EvidenceSet set, SmtpCheckResult smtp) {
        Optional<MailServer> fromLogs = MtaDetector.fromEvidence(set.files());
        if (fromLogs.isPresent() || smtp == null) {
            return fromLogs;
        }
        return smtp.hosts().stream().flatMap(h -> h.addresses().stream()).map(AddressResult::smtp)
                .filter(Objects::nonNull).filter(s -> s.banner() != null)
                .map(s -> MtaDetector.fromBanner(s.banner().text())).flatMap(Optional::stream).findFirst();
    }

    /** Puts the most throttled destination's figures into the Forecast, marked as read from the logs. */
    void applyForecast(EvidenceSet set) {
        LogAnalysis logs = set.logs();
        if (logs == null || logs.throttles().isEmpty()) {
            return;
        }
        LogAnalysis.Throttle worst = logs.throttles().stream()
                .max(Comparator.comparingLong(LogAnalysis.Throttle::deferredMessages)
                        .thenComparingLong(LogAnalysis.Throttle::expired))
                .orElseThrow();
        String dest = worst.destination();
        LogAnalysis.Arrivals arrivals = logs.arrivalsFor(dest);
        double perDay = arrivals == null ? Double.NaN : arrivals.averagePerDay();
        double[] hours = null;
        if (arrivals != null && arrivals.byHourOfDay().size() == 24
                && arrivals.byHourOfDay().stream().mapToLong(Long::longValue).sum() > 0) {
            hours = arrivals.byHourOfDay().stream().mapToDouble(Long::doubleValue).toArray();
        }
        int limit = worst.inferredDailyLimit() == null ? -1 : worst.inferredDailyLimit();
        String mta = MtaDetector.fromEvidence(set.files()).map(MailServer::id).orElse(null);
        int queued = -1;
        if (logs.queue() != null) {
            queued = (int) Math.min(Integer.MAX_VALUE, logs.queue().byDestination().stream()
                    .filter(q -> q.destination().equalsIgnoreCase(dest))
                    .mapToLong(LogAnalysis.QueuedDestination::recipients).sum());
        }
        forecast.applyInferred(dest, perDay, limit, hours, LimitKind.ROLLING_24H, mta, queued);
    }
}
