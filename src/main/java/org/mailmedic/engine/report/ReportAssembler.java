package org.mailmedic.engine.report;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.OwnDomain;
import org.mailmedic.engine.diagnosis.fix.FixLibrary;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.engine.evidence.Bounce;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.forecast.ForecastInput;
import org.mailmedic.engine.forecast.LimitKind;
import org.mailmedic.engine.forecast.QueueForecaster;
import org.mailmedic.engine.forecast.RetryPolicy;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.CertificateInfo;
import org.mailmedic.engine.probe.smtp.CertificateVerdict;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.SessionResult;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.TlsFacts;
import org.mailmedic.engine.probe.smtp.TlsVersionSupport;
import org.mailmedic.engine.report.ReportModel.CheckSection;
import org.mailmedic.engine.report.ReportModel.Row;
import org.mailmedic.engine.report.ReportModel.RowStatus;

/**
 * Fills a {@link ReportModel} from the engines' own results: the evidence read from files, the
 * diagnosis findings with their fix guides and verify results, the live DNS and SMTP checks,
 * and the queue forecast. The one mapping behind {@code mailmedic report}, the window's Export
 * screen and saved sessions; it reads nothing from disk or network.
 */
public final class ReportAssembler {

    private ReportAssembler() {
    }

    /**
     * Everything a report can show; every part but {@code findings} may be missing.
     *
     * @param domain    the user's own domain ("" when unknown: then taken from the evidence)
     * @param evidence  files, bounces and logs read (null when none)
     * @param findings  the diagnosis, most serious first
     * @param server    the user's mail server software (selects the fix guides), null for the default
     * @param verify    the last verify result per finding kind (may be empty)
     * @param dns       the live DNS checks, or null
     * @param smtp      the live SMTP/TLS checks, or null
     * @param forecast  the queue forecast, or null
     */
    public record Input(String domain, EvidenceSet evidence, List<Finding> findings, MailServer server,
            Map<String, VerifyResult> verify, DomainCheckResult dns, SmtpCheckResult smtp,
            org.mailmedic.engine.forecast.Forecast forecast) {
        public Input {
            domain = domain == null ? "" : domain.strip();
            evidence = evidence == null ? EvidenceSet.empty() : evidence;
            findings = findings == null ? List.of() : List.copyOf(findings);
            verify = verify == null ? Map.of() : Map.copyOf(verify);
        }
    }

    /** The report for {@code in}, dated by {@code clock}. */
    public static ReportModel assemble(Input in, Clock clock) {
        String domain = in.domain().isEmpty() ? domainFromEvidence(in.evidence(), in.findings()).orElse("") : in.domain();
        ReportModel.Builder b = ReportModel.builder(domain).generatedAt(clock.instant())
                .title(domain.isEmpty() ? "Mail delivery report" : "Mail delivery report for " + domain);
        MailServer server = in.server() == null ? MailServer.POSTFIX : in.server();
        Map<String, String> subjects = subjectsByFile(in.evidence());
        for (Finding f : in.findings()) {
            b.finding(finding(f, server, in.verify().get(f.kind()), subjects));
        }
        if (in.findings().isEmpty()) {
            b.verdict(ReportModel.Severity.OK, nothingFound(in));
        } else {
            b.verdict(severity(in.findings().get(0).severity()), verdict(in.findings()));
        }
        if (in.dns() != null) {
            dnsSections(in.dns()).forEach(b::check);
        }
        if (in.smtp() != null) {
            smtpSections(in.smtp()).forEach(b::check);
            for (HostResult h : in.smtp().hosts()) {
                for (AddressResult a : h.addresses()) {
                    transcript(b, h.name(), a.smtp());
                    transcript(b, h.name(), a.submission());
                    transcript(b, h.name(), a.implicitTls());
                }
            }
        }
        if (in.forecast() != null) {
            b.forecast(forecast(in.forecast()));
        }
        for (EvidenceFile f : in.evidence().files()) {
            b.file(new ReportModel.AnalysedFile(name(f), f.size(), f.sha256(), f.kind().label()));
        }
        return b.build();
    }

    /**
     * The first sentence a reader sees: how bad, and the main cause in the diagnosis' own
     * words (findings come most serious first), rather than only a count of problems.
     */
    static String verdict(List<Finding> findings) {
        Finding top = findings.get(0);
        long others = findings.stream().skip(1).filter(f -> f.severity() != org.mailmedic.engine.diagnosis.Severity.ADVICE)
                .count();
        String lead = switch (top.severity()) {
            case BLOCKING -> "Mail is failing. The main cause: ";
            case DEGRADING -> "Mail mostly works, but some is delayed or lost. The main cause: ";
            case ADVICE -> "Mail is working; one thing is worth improving: ";
        };
        String h = top.headline().strip();
        String more = others == 0 ? "" : " " + others + (others == 1 ? " more problem is" : " more problems are")
                + " listed below.";
        return lead + h + (h.endsWith(".") ? "" : ".") + more;
    }

    private static String nothingFound(Input in) {
        boolean anything = !in.evidence().files().isEmpty() || in.dns() != null || in.smtp() != null;
        return anything ? "No problems were found in what was analysed." : "Nothing was analysed yet.";
    }

    // ---- domain -------------------------------------------------------------------------

    /** The user's own domain as the evidence tells it ({@link OwnDomain}). */
    public static Optional<String> domainFromEvidence(EvidenceSet evidence, List<Finding> findings) {
        return OwnDomain.from(evidence, findings).map(OwnDomain.Guess::domain);
    }

    // ---- findings -----------------------------------------------------------------------

    static ReportModel.Finding finding(Finding f, MailServer server, VerifyResult verify, Map<String, String> subjects) {
        List<ReportModel.Evidence> ev = new ArrayList<>();
        for (EvidenceRef r : f.evidence()) {
            ev.add(switch (r.kind()) {
                case LOG_LINE -> new ReportModel.LogLine(r.source(), r.line(), r.text());
                case BOUNCE -> bounce(r, subjects.get(r.source()));
                case LIVE_CHECK -> new ReportModel.CheckRef(r.source(), "", liveStatus(r.text()), plainLive(r.text()));
            });
        }
        ReportModel.FixGuide fix = FixLibrary.guide(f.kind(), server, f.facts()).map(g -> fixGuide(g, verify)).orElse(null);
        String destination = f.facts().get("destination");
        return new ReportModel.Finding(f.kind(), severity(f.severity()), f.headline(), f.why(), confidence(f.confidence()),
                f.impact(), destination == null || destination.isBlank() ? null : destination, ev, fix,
                providerAsk(f, destination));
    }

    /** "jane@example.net: 4.7.0 text" as written by the bounce rules: split off recipient and status. */
    private static ReportModel.BounceExcerpt bounce(EvidenceRef r, String subject) {
        String text = r.text();
        String recipient = "";
        String status = "";
        int colon = text.indexOf(": ");
        if (colon > 0 && text.substring(0, colon).contains("@") && !text.substring(0, colon).contains(" ")) {
            recipient = text.substring(0, colon);
            String rest = text.substring(colon + 2);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})\\s").matcher(rest);
            if (m.find()) {
                status = m.group(1);
            }
        }
        return new ReportModel.BounceExcerpt(r.source(), recipient, status, subject, text);
    }

    /**
     * A live result's text without what only MailMedic reads: the status word in front (the
     * report shows it as a badge) and a finding code such as {@code smtp-starttls-failed:}.
     * "FAIL smtp-no-starttls: the server does not offer STARTTLS" becomes "the server does not offer STARTTLS".
     */
    static String plainLive(String text) {
        String t = LIVE_PREFIX.matcher(text).replaceFirst("");
        return t.isBlank() ? text : t;
    }

    /** "FAIL: ..." (a check's headline) or "FAIL some-code: ..." (an SMTP finding; codes have hyphens, never dots). */
    private static final java.util.regex.Pattern LIVE_PREFIX = java.util.regex.Pattern.compile(
            "^(?:PASS|INFO|WARN|FAIL)(?::\\s*|\\s+[a-z0-9]+(?:-[a-z0-9]+)+:\\s+|\\s+)");

    /** What an MTA-STS finding is about, in words, from its code (the code itself is for the JSON). */
    static String mtaStsItem(String code) {
        String c = code == null ? "" : code;
        if (c.startsWith("mtasts-missing") || c.startsWith("mtasts-txt")) {
            return "DNS record";
        }
        if (c.startsWith("mtasts-https") || c.startsWith("mtasts-fetch") || c.startsWith("mtasts-content-type")
                || c.startsWith("mtasts-policy")) {
            return "Policy file";
        }
        if (c.equals("mtasts-enforce") || c.equals("mtasts-testing") || c.equals("mtasts-none")) {
            return "Mode";
        }
        if (c.startsWith("mtasts-max-age")) {
            return "How long it is kept";
        }
        if (c.startsWith("mtasts-mx")) {
            return "Mail servers";
        }
        return "Policy";
    }

    private static RowStatus liveStatus(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        if (t.startsWith("FAIL")) {
            return RowStatus.FAIL;
        }
        if (t.startsWith("WARN")) {
            return RowStatus.WARN;
        }
        if (t.startsWith("PASS")) {
            return RowStatus.PASS;
        }
        return RowStatus.INFO;
    }

    private static String providerAsk(Finding f, String destination) {
        if (destination == null || destination.isBlank()) {
            return null;
        }
        return switch (f.kind()) {
            case "throttling" -> {
                String limit = f.facts().get("limitPerDay");
                yield "Please tell us the sending limit that applies to our server"
                        + (f.facts().containsKey("serverIp") ? " (" + f.facts().get("serverIp") + ")" : "")
                        + (limit == null ? "" : ", which currently seems to be about " + limit + " messages a day")
                        + ", and whether it can be raised for our legitimate volume.";
            }
            case "policy", "blacklist", "spf", "dmarc" -> "Please tell us why " + destination
                    + " rejects our mail and what we must change to have it accepted.";
            default -> null;
        };
    }

    static ReportModel.FixGuide fixGuide(org.mailmedic.engine.diagnosis.fix.FixGuide g, VerifyResult verify) {
        List<ReportModel.FixStep> steps = new ArrayList<>();
        if (g.intro() != null && !g.intro().isBlank()) {
            // The intro says what the fix does; shown as the first step only when there are no steps.
            if (g.steps().isEmpty()) {
                steps.add(new ReportModel.FixStep(g.intro()));
            }
        }
        for (org.mailmedic.engine.diagnosis.fix.FixStep s : g.steps()) {
            // One report step per guide step, so that "step 5" in a guide's text stays step 5.
            steps.add(new ReportModel.FixStep(join(s.title(), s.text()), snippet(s.snippets())));
        }
        ReportModel.VerifyStep v = null;
        if (g.verify() != null) {
            String text = g.verify().description();
            if (!g.verify().runnable()) {
                text += " (MailMedic needs " + String.join(", ", g.verify().missing()) + " to run this check.)";
            }
            if (verify == null) {
                v = new ReportModel.VerifyStep(text, ReportModel.Outcome.NOT_RUN, null, null);
            } else {
                ReportModel.Outcome o = switch (verify.outcome()) {
                    case PASSED -> ReportModel.Outcome.PASS;
                    case FAILED -> ReportModel.Outcome.FAIL;
                    case NOT_RUN -> ReportModel.Outcome.NOT_RUN;
                };
                String detail = verify.summary() + (verify.details().isEmpty() ? "" : "\n" + String.join("\n", verify.details()));
                v = new ReportModel.VerifyStep(text, o, verify.at(), detail);
            }
        }
        return new ReportModel.FixGuide(g.title(), steps, v);
    }

    /**
     * The report shows one code block per step: a step with several snippets (a file to edit,
     * then a command to run) gets them in order in one block, each file introduced by a
     * comment line naming it.
     */
    static ReportModel.Snippet snippet(List<org.mailmedic.engine.diagnosis.fix.Snippet> snippets) {
        if (snippets.isEmpty()) {
            return null;
        }
        if (snippets.size() == 1) {
            org.mailmedic.engine.diagnosis.fix.Snippet sn = snippets.get(0);
            return new ReportModel.Snippet("file".equals(sn.type()) ? sn.target() : null, sn.code());
        }
        StringBuilder code = new StringBuilder();
        for (org.mailmedic.engine.diagnosis.fix.Snippet sn : snippets) {
            if (code.length() > 0) {
                code.append("\n\n");
            }
            if ("file".equals(sn.type()) && sn.target() != null && !sn.target().isBlank()) {
                code.append("# In ").append(sn.target()).append(":\n");
            } else if ("text".equals(sn.type()) && sn.target() != null && !sn.target().isBlank()) {
                code.append("# ").append(sn.target()).append(":\n");
            }
            code.append(sn.code().strip());
        }
        return new ReportModel.Snippet(null, code.toString());
    }

    private static String join(String title, String text) {
        String t = title == null ? "" : title.strip();
        String x = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return x;
        }
        if (x.isEmpty()) {
            return t;
        }
        return t + (t.endsWith(".") || t.endsWith(":") ? " " : ". ") + x;
    }

    static ReportModel.Severity severity(org.mailmedic.engine.diagnosis.Severity s) {
        return switch (s) {
            case BLOCKING -> ReportModel.Severity.BLOCKING;
            case DEGRADING -> ReportModel.Severity.DEGRADING;
            case ADVICE -> ReportModel.Severity.ADVICE;
        };
    }

    static ReportModel.Confidence confidence(org.mailmedic.engine.diagnosis.Confidence c) {
        return switch (c) {
            case CERTAIN -> ReportModel.Confidence.HIGH;
            case LIKELY -> ReportModel.Confidence.MEDIUM;
            case POSSIBLE -> ReportModel.Confidence.LOW;
        };
    }

    private static Map<String, String> subjectsByFile(EvidenceSet evidence) {
        Map<String, String> out = new LinkedHashMap<>();
        evidence.bounces().forEach(b -> {
            String file = b.file().getFileName() == null ? b.file().toString() : b.file().getFileName().toString();
            for (Bounce m : b.messages()) {
                String s = m.original() != null && m.original().subject() != null && !m.original().subject().isBlank()
                        ? m.original().subject() : null;
                if (s != null) {
                    out.putIfAbsent(file, s);
                }
            }
        });
        return out;
    }

    private static String name(EvidenceFile f) {
        return f.path().getFileName() == null ? f.path().toString() : f.path().getFileName().toString();
    }

    // ---- live checks --------------------------------------------------------------------

    static RowStatus status(org.mailmedic.engine.probe.Status s) {
        return switch (s) {
            case PASS -> RowStatus.PASS;
            case INFO -> RowStatus.INFO;
            case WARN -> RowStatus.WARN;
            case FAIL -> RowStatus.FAIL;
        };
    }

    static RowStatus status(org.mailmedic.engine.probe.smtp.Status s) {
        return RowStatus.valueOf(s.name());
    }

    /**
     * The DNS checks: an overview table with one row per check, then each check with more to
     * say (details, or SPF's evaluation trace) as its own small table.
     */
    static List<CheckSection> dnsSections(DomainCheckResult r) {
        List<CheckSection> out = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (CheckResult c : r.checks()) {
            rows.add(Row.of(status(c.status()), c.title(), c.headline()));
        }
        out.add(new CheckSection("DNS checks of " + (r.display() == null ? r.input() : r.display()),
                "Asked " + r.resolver() + ": " + r.checks().size() + " checks, " + r.dnsQueries() + " DNS questions"
                        + (r.cancelled() ? "; stopped before the end" : "") + ".",
                List.of("Check", "What was found"), rows, null));
        for (CheckResult c : r.checks()) {
            if (c.details().isEmpty() && c.trace() == null) {
                continue;
            }
            List<Row> detail = c.details().stream().map(d -> Row.of(null, d)).toList();
            out.add(new CheckSection(c.title(), c.headline(), List.of("Details"), detail, trace(c.trace())));
        }
        return out;
    }

    static ReportModel.TraceNode trace(org.mailmedic.engine.probe.TraceNode t) {
        if (t == null) {
            return null;
        }
        List<ReportModel.TraceNode> kids = new ArrayList<>();
        for (String n : t.notes()) {
            kids.add(new ReportModel.TraceNode(n, null, List.of()));
        }
        for (org.mailmedic.engine.probe.TraceNode c : t.children()) {
            kids.add(trace(c));
        }
        return new ReportModel.TraceNode(t.label(), t.outcome(), kids);
    }

    /** The SMTP checks: servers, TLS, certificates, TLS versions, MTA-STS, DANE and downgrade risk. */
    static List<CheckSection> smtpSections(SmtpCheckResult r) {
        List<CheckSection> out = new ArrayList<>();
        List<Row> servers = new ArrayList<>();
        List<Row> tls = new ArrayList<>();
        List<Row> certs = new ArrayList<>();
        List<Row> versions = new ArrayList<>();
        List<Row> dane = new ArrayList<>();
        for (HostResult h : r.hosts()) {
            if (h.addresses().isEmpty()) {
                servers.add(Row.of(status(h.status()), h.name(), "-", h.headline()));
            }
            for (AddressResult a : h.addresses()) {
                SessionResult s = a.smtp();
                servers.add(Row.of(status(a.status()), h.name(), a.address(), s == null ? a.headline() : s.headline()));
                TlsFacts t = s == null ? null : s.tls();
                if (s != null) {
                    tls.add(Row.of(status(s.status()), h.name() + " " + a.address(),
                            !s.connected() ? "not connected"
                                    : !s.offersStarttls() ? "STARTTLS not offered"
                                    : t == null ? "not attempted"
                                    : t.established() ? t.protocol() + ", " + t.cipherSuite()
                                    : "failed: " + (t.failure() == null ? t.failureKind() : t.failure())));
                }
                if (t != null && !t.chain().isEmpty()) {
                    CertificateInfo leaf = t.chain().get(0);
                    CertificateVerdict v = t.certificate();
                    boolean ok = v != null && v.trusted() && v.nameMatches() && !v.expired();
                    certs.add(Row.of(ok ? RowStatus.PASS : RowStatus.FAIL, h.name(), leaf.subject(), leaf.issuer(),
                            leaf.notAfter() == null ? "" : leaf.notAfter().toString().substring(0, 10),
                            v == null ? "" : ok ? "trusted, name matches"
                                    : v.trustProblem() != null ? v.trustProblem()
                                    : !v.nameMatches() ? "name does not match " + v.expectedName() : "expired"));
                }
                for (TlsVersionSupport tv : a.tlsVersions()) {
                    boolean accepted = "accepted".equalsIgnoreCase(tv.result());
                    versions.add(Row.of(accepted && tv.weak() ? RowStatus.WARN : RowStatus.INFO, h.name() + " " + a.address(),
                            tv.version(), tv.result()));
                }
            }
            if (h.dane() != null) {
                dane.add(Row.of(status(h.dane().status()), h.name(), h.dane().headline()));
            }
        }
        out.add(new CheckSection("Mail servers of " + r.domain(), r.headline(), List.of("Server", "Address", "Result"),
                servers, null));
        if (!tls.isEmpty()) {
            out.add(new CheckSection("Encryption (STARTTLS)", null, List.of("Server", "Result"), tls, null));
        }
        if (!certs.isEmpty()) {
            out.add(new CheckSection("Certificates", null, List.of("Server", "Subject", "Issuer", "Expires", "Verdict"),
                    certs, null));
        }
        if (!versions.isEmpty()) {
            out.add(new CheckSection("TLS versions", "Old versions (TLS 1.0 and 1.1) should no longer be accepted.",
                    List.of("Server", "Version", "Result"), versions, null));
        }
        if (r.mtaSts() != null) {
            List<Row> rows = new ArrayList<>();
            rows.add(Row.of(status(r.mtaSts().status()), "Policy", r.mtaSts().headline()));
            r.mtaSts().findings().forEach(f -> rows.add(Row.of(status(f.status()), mtaStsItem(f.code()), f.headline())));
            out.add(new CheckSection("MTA-STS", null, List.of("Item", "Result"), rows, null));
        }
        if (!dane.isEmpty() || r.dane() != null) {
            out.add(new CheckSection("DANE", r.dane(), List.of("Server", "Result"), dane, null));
        }
        if (r.downgrade() != null) {
            out.add(new CheckSection("Downgrade risk", r.downgrade().headline(), List.of("Detail"),
                    r.downgrade().detail() == null || r.downgrade().detail().isBlank() ? List.of()
                            : List.of(Row.of(status(r.downgrade().status()), r.downgrade().detail())), null));
        }
        return out;
    }

    private static void transcript(ReportModel.Builder b, String host, SessionResult s) {
        if (s == null || s.transcript().isEmpty()) {
            return;
        }
        b.transcript(new ReportModel.Transcript(host, s.address() + " port " + s.port() + ", " + s.mode(),
                s.transcript().stream().map(Object::toString).toList()));
    }

    // ---- forecast -----------------------------------------------------------------------

    /**
     * The forecast's inputs for the most throttled destination in the logs, inferred the way
     * the Forecast screen does: arrivals per day and by hour from the logs, the limit the logs
     * show, the retry policy of the sending MTA, and the messages still queued.
     *
     * @param mta the sending MTA's name ("postfix", "sendmail", ...), or null for Postfix
     */
    public static Optional<ForecastInput> inferForecast(LogAnalysis logs, String mta) {
        if (logs == null || logs.throttles().isEmpty()) {
            return Optional.empty();
        }
        LogAnalysis.Throttle t = logs.throttles().stream()
                .filter(x -> x.inferredDailyLimit() != null && x.inferredDailyLimit() > 0)
                .max((x, y) -> Long.compare(x.deferredMessages(), y.deferredMessages())).orElse(null);
        if (t == null) {
            return Optional.empty();
        }
        LogAnalysis.Arrivals a = logs.arrivalsFor(t.destination());
        double perDay = a == null ? 0 : a.averagePerDay();
        double[] profile = null;
        if (a != null && a.byHourOfDay().size() == 24 && a.total() > 0) {
            profile = a.byHourOfDay().stream().mapToDouble(Long::doubleValue).toArray();
        }
        int queued = 0;
        long oldest = 86_400;
        if (logs.queue() != null) {
            for (LogAnalysis.QueuedDestination q : logs.queue().byDestination()) {
                if (q.destination().equalsIgnoreCase(t.destination())) {
                    queued = (int) Math.min(Integer.MAX_VALUE, q.recipients());
                    oldest = Math.max(1, q.oldestSeconds());
                }
            }
        }
        RetryPolicy policy = RetryPolicy.forMta(mta == null ? "postfix" : mta).orElse(RetryPolicy.postfix());
        ForecastInput in = ForecastInput.builder().destination(t.destination()).arrivalsPerDay(perDay)
                .hourProfile(profile).limit(t.inferredDailyLimit()).limitKind(LimitKind.ROLLING_24H).policy(policy)
                .lifetimeSeconds(policy.defaultLifetimeSeconds()).horizonDays(14).backlog(queued, oldest).build();
        return in.validate().isEmpty() ? Optional.of(in) : Optional.empty();
    }

    /** Runs the forecast for inferred inputs; empty when there is nothing to forecast. */
    public static Optional<org.mailmedic.engine.forecast.Forecast> forecastFromLogs(LogAnalysis logs, String mta) {
        return inferForecast(logs, mta).map(QueueForecaster::forecast);
    }

    static ReportModel.Forecast forecast(org.mailmedic.engine.forecast.Forecast f) {
        List<ReportModel.Day> days = f.days().stream()
                .map(d -> new ReportModel.Day(d.day(), d.backlog(), d.delivered(), d.expired())).toList();
        org.mailmedic.engine.forecast.Forecast.Inputs i = f.inputs();
        List<ReportModel.Input> inputs = new ArrayList<>();
        String dest = f.destination().isEmpty() ? "the destination" : f.destination();
        inputs.add(new ReportModel.Input("New messages for " + dest + " per day", fmt(i.arrivalsPerDay())));
        inputs.add(new ReportModel.Input("Accepted by " + dest, String.format(Locale.ROOT, "%,d %s", i.limit(), i.limitLabel())));
        inputs.add(new ReportModel.Input("Retry schedule", i.policyLabel()
                + (i.policyRetries() == null || i.policyRetries().isBlank() ? "" : ": " + i.policyRetries())));
        inputs.add(new ReportModel.Input("Messages give up after", fmt(i.lifetimeDays()) + " days in the queue"));
        if (i.backlog() > 0) {
            inputs.add(new ReportModel.Input("Already waiting", String.format(Locale.ROOT, "%,d messages", i.backlog())));
        }
        inputs.add(new ReportModel.Input("Days forecast", Integer.toString(i.horizonDays())));
        ReportModel.Severity sev = switch (f.outcome()) {
            case KEEPS_UP, DRAINS -> ReportModel.Severity.OK;
            case STILL_DRAINING, DRAINS_WITH_BOUNCES -> ReportModel.Severity.DEGRADING;
            case NEVER_DRAINS -> ReportModel.Severity.BLOCKING;
        };
        String verdict = f.verdict().isEmpty() ? "" : Character.toUpperCase(f.verdict().charAt(0)) + f.verdict().substring(1);
        if (!verdict.isEmpty() && !verdict.endsWith(".")) {
            verdict += ".";
        }
        return new ReportModel.Forecast(verdict, sev, f.destination().isEmpty() ? null : f.destination(), days, inputs);
    }

    private static String fmt(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? String.format(Locale.ROOT, "%,d", (long) r) : String.format(Locale.ROOT, "%,.1f", r);
    }

}
