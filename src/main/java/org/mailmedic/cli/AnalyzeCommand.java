package org.mailmedic.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.evidence.EvidenceSniffer;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.report.Json;

/**
 * {@code mailmedic analyze FILE... [--json]}: reads bounces and mail server logs, detected from
 * their content. Files that cannot be used are reported by name; the others are still analysed.
 */
final class AnalyzeCommand implements Command {

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String usage() {
        return "analyze FILE... [--json]";
    }

    @Override
    public int run(List<String> rawArgs, CliContext ctx) throws UsageException {
        Args args = Args.parse(rawArgs, Set.of("--json"), Set.of());
        if (args.positional().isEmpty()) {
            throw new UsageException("name at least one file (a bounce email or a mail server log)");
        }
        EvidenceSniffer sniffer = new EvidenceSniffer();
        List<EvidenceFile> files = new ArrayList<>();
        for (String name : args.positional()) {
            files.add(sniffer.sniff(Path.of(name)));
        }
        boolean anyUsable = files.stream().anyMatch(EvidenceFile::usable);
        for (EvidenceFile f : files) {
            if (!f.usable()) {
                ctx.err().println("mailmedic analyze: " + f.path() + " " + f.problem());
            }
        }
        BounceOutput bounces = new BounceOutput(files);
        LogAnalysis logs = LogsReport.analyze(files, ctx);
        if (args.flag("--json")) {
            ObjectNode root = Json.mapper().createObjectNode();
            ArrayNode arr = root.putArray("files");
            for (EvidenceFile f : files) {
                ObjectNode o = arr.addObject();
                o.put("file", f.path().toString());
                o.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
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
            try {
                ctx.out().println(Json.mapper().writeValueAsString(root));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            for (EvidenceFile f : files) {
                ctx.out().printf("%s: %s%s%n", f.path(), f.kind().label(),
                        f.usable() ? (f.detail().isEmpty() ? "" : " (" + f.detail() + ")") : " — " + f.problem());
                bounces.printText(f, ctx.out());
            }
            if (logs != null) {
                LogsReport.printText(ctx.out(), logs);
            }
        }
        return anyUsable ? Cli.OK : Cli.BAD_INPUT;
    }
}
