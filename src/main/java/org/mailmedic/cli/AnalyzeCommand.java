package org.mailmedic.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailmedic.engine.diagnosis.Diagnoser;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.MtaDetector;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.report.Json;

/**
 * {@code mailmedic analyze FILE... [--json]}: reads bounces and mail server logs, detected from
 * their content, then diagnosed: findings most serious first, each with the fix for the user's mail
 * server (detected from the logs, or {@code --mta}) and, for a throttle, the queue forecast. Files
 * that cannot be used are reported by name on stderr; the others are still analysed. When none
 * can be used, nothing is printed on stdout and the exit code is 1.
 */
final class AnalyzeCommand implements Command {

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String usage() {
        return "analyze FILE... [--json] [--mta postfix|sendmail|exim|exchange|provider]";
    }

    @Override
    public int run(List<String> rawArgs, CliContext ctx) throws UsageException {
        Args args = Args.parse(rawArgs, Set.of("--json"), Set.of("--mta"));
        if (args.positional().isEmpty()) {
            throw new UsageException("name at least one file (a bounce email or a mail server log)");
        }
        String mta = args.value("--mta");
        if (mta != null) {
            FindingsOutput.Server.choose(mta, Optional.empty(), "");
        }
        List<Path> paths = new ArrayList<>();
        for (String name : args.positional()) {
            try {
                paths.add(Path.of(name));
            } catch (InvalidPathException e) {
                ctx.err().println("mailmedic analyze: '" + name + "' is not a usable file name (" + e.getReason() + ")");
                return Cli.BAD_INPUT;
            }
        }
        // Every file is read once, here; the bounce, log and findings output below render from it.
        EvidenceSet set = new EvidenceAnalysis(ctx.clock()).analyze(paths, p -> { }, () -> false);
        List<EvidenceFile> files = set.files();
        for (EvidenceFile f : files) {
            if (!f.usable()) {
                ctx.err().println("mailmedic analyze: " + f.path() + " " + f.problem());
            }
        }
        if (files.stream().noneMatch(EvidenceFile::usable)) {
            return Cli.BAD_INPUT;
        }
        FindingsOutput.Server server = FindingsOutput.Server.choose(mta, MtaDetector.fromEvidence(files),
                "the log format");
        List<Finding> findings = new Diagnoser().diagnose(new DiagnosisInput("", set, null, null));
        Map<String, Forecast> forecasts = ThrottleForecasts.of(set.logs(), server.server());
        BounceOutput bounces = new BounceOutput(set);
        LogAnalysis logs = set.logs();
        if (args.flag("--json")) {
            ObjectNode root = Json.mapper().createObjectNode();
            root.put("schemaVersion", 1);
            ArrayNode arr = root.putArray("files");
            for (EvidenceFile f : files) {
                ObjectNode o = arr.addObject();
                o.put("file", f.path().toString());
                o.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
                o.put("kindLabel", f.kind().label());
                o.put("size", f.size());
                o.put("sha256", f.sha256());
                o.put("detail", f.detail());
                if (f.problem() != null) {
                    o.put("problem", f.problem());
                } else {
                    o.putNull("problem");
                }
            }
            bounces.addJson(root);
            if (logs != null) {
                LogsReport.putJson(root, logs);
            }
            FindingsOutput.putJson(root, findings, server, forecasts);
            String doc;
            try {
                doc = Json.mapper().writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ctx.out().println(doc);
        } else {
            for (EvidenceFile f : files) {
                ctx.out().printf("%s: %s%s%n", f.path(), f.kind().label(),
                        f.usable() ? (f.detail().isEmpty() ? "" : " (" + f.detail() + ")") : " — " + f.problem());
                bounces.printText(f, ctx.out());
            }
            if (logs != null) {
                LogsReport.printText(ctx.out(), logs);
            }
            FindingsOutput.printText(ctx.out(), findings, server, forecasts);
        }
        return Cli.OK;
    }
}
