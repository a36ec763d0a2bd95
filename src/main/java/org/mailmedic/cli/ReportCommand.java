package org.mailmedic.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailmedic.engine.diagnosis.Diagnoser;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.MtaDetector;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.probe.DomainCheck;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.report.JsonReportWriter;
import org.mailmedic.engine.report.PdfOptions;
import org.mailmedic.engine.report.PdfReportWriter;
import org.mailmedic.engine.report.ProviderPack;
import org.mailmedic.engine.report.ReportAssembler;
import org.mailmedic.engine.report.ReportFileException;
import org.mailmedic.engine.report.ReportModel;

/**
 * {@code mailmedic report FILE... --pdf OUT.pdf}: reads the files, diagnoses them (optionally
 * with a live check of a domain), forecasts the queue of a throttled destination and writes the
 * report as PDF (and JSON). Both files are written atomically: a failed write leaves no file
 * under the chosen name. Exit 1 when nothing usable was given or a file cannot be written.
 */
final class ReportCommand implements Command {

    private static final Set<String> FLAGS = Set.of("--redact");
    private static final Set<String> VALUED = Set.of("--check", "--dns", "--smtp-port", "--timeout", "--pdf", "--json",
            "--provider-pack", "--mta");

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "report FILE... [--check DOMAIN] [--dns HOST:PORT] [--smtp-port N] [--timeout SECONDS]"
                + " --pdf OUT.pdf [--json OUT.json] [--redact] [--provider-pack DESTINATION]"
                + " [--mta postfix|sendmail|exim|exchange]";
    }

    @Override
    public int run(List<String> rawArgs, CliContext ctx) throws UsageException {
        Args a = Args.parse(rawArgs, FLAGS, VALUED);
        String pdf = a.value("--pdf");
        if (pdf == null || pdf.isBlank()) {
            throw new UsageException("say where to write the report: --pdf OUT.pdf");
        }
        String check = a.value("--check");
        if (a.positional().isEmpty() && check == null) {
            throw new UsageException("name at least one file (a bounce email or a mail server log) or --check DOMAIN");
        }
        MailServer chosen = null;
        if (a.value("--mta") != null) {
            chosen = MailServer.fromId(a.value("--mta")).orElseThrow(() -> new UsageException(
                    "--mta must be postfix, sendmail, exim or exchange, not '" + a.value("--mta") + "'"));
        }
        Duration timeout = DnsOptions.timeout(a, 5);
        int smtpPort = a.intValue("--smtp-port", 25, 1, 65535);
        Dns dns = check == null ? null : DnsOptions.resolver(a, timeout);

        List<Path> paths = a.positional().stream().map(Path::of).toList();
        EvidenceSet evidence = new EvidenceAnalysis(ctx.clock()).analyze(paths, p -> { }, () -> false);
        for (EvidenceFile f : evidence.files()) {
            if (!f.usable()) {
                ctx.err().println("mailmedic report: " + f.path() + " " + f.problem());
            }
        }
        if (!paths.isEmpty() && evidence.files().stream().noneMatch(EvidenceFile::usable) && check == null) {
            ctx.err().println("mailmedic report: none of the files could be used; no report written");
            return Cli.BAD_INPUT;
        }
        MailServer server = chosen != null ? chosen : MtaDetector.fromEvidence(evidence.files()).orElse(null);

        DomainCheckResult dnsResult = null;
        SmtpCheckResult smtpResult = null;
        String domain = check;
        if (check != null) {
            dnsResult = new DomainCheck(dns).run(check, DomainCheckOptions.defaults().withQueryTimeout(timeout)
                    .withSmtpPort(smtpPort), null);
            if (dnsResult.domain() == null) {
                ctx.err().println("mailmedic report: " + dnsResult.checks().get(0).headline());
                return Cli.BAD_INPUT;
            }
            domain = dnsResult.domain();
            smtpResult = smtpCheck(dns, dnsResult, smtpPort, timeout);
        }
        List<Finding> findings = new Diagnoser().diagnose(new DiagnosisInput(domain == null ? ""
                : domain, evidence, dnsResult, smtpResult));
        String mta = server == null ? null : server.id();
        Forecast forecast = ReportAssembler.forecastFromLogs(evidence.logs(), mta).orElse(null);
        ReportModel model = ReportAssembler.assemble(new ReportAssembler.Input(domain, evidence, findings, server,
                Map.of(), dnsResult, smtpResult, forecast), ctx.clock());

        boolean redact = a.flag("--redact");
        PdfOptions options = PdfOptions.defaults().withRedact(redact);
        String pack = a.value("--provider-pack");
        ReportModel jsonModel = model;
        if (pack != null) {
            options = options.withVariant(PdfOptions.Variant.providerPack(pack));
            try {
                jsonModel = ProviderPack.derive(model, pack);
            } catch (IllegalArgumentException e) {
                ctx.err().println("mailmedic report: " + e.getMessage());
                return Cli.BAD_INPUT;
            }
        }
        try {
            PdfReportWriter.write(model, Path.of(pdf), options);
            ctx.out().println("Wrote " + pdf + ": " + summary(model));
            if (a.value("--json") != null) {
                JsonReportWriter.write(jsonModel, Path.of(a.value("--json")), redact);
                ctx.out().println("Wrote " + a.value("--json"));
            }
        } catch (ReportFileException e) {
            ctx.err().println("mailmedic report: " + e.getMessage());
            return Cli.BAD_INPUT;
        }
        return Cli.OK;
    }

    private static String summary(ReportModel m) {
        int n = m.findings().size();
        return m.verdict().severity().label().toLowerCase(Locale.ROOT) + ", " + n + " finding" + (n == 1 ? "" : "s")
                + (m.forecast() == null ? "" : ", with a queue forecast for " + m.forecast().destination()) + ".";
    }

    /** The mail servers the MX check found, checked over SMTP (never DATA). */
    static SmtpCheckResult smtpCheck(Dns dns, DomainCheckResult r, int smtpPort, Duration timeout) {
        String hosts = r.check("mx").map(c -> c.facts().getOrDefault("mx.hosts", "")).orElse("");
        List<MxHost> list = new ArrayList<>();
        int pref = 0;
        for (String h : hosts.split("\\s+")) {
            if (!h.isBlank()) {
                list.add(new MxHost(h, pref++, List.of()));
            }
        }
        if (list.isEmpty()) {
            return null;
        }
        SmtpOptions o = SmtpOptions.builder(dns).smtpPort(smtpPort)
                .timeoutSeconds((int) Math.max(1, Math.ceil(timeout.toMillis() / 1000.0))).build();
        return new MailServerCheck().check(r.domain(), list, o, h -> { });
    }
}
