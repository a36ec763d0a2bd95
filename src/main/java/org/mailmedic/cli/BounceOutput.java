package org.mailmedic.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.mailmedic.engine.diagnosis.EvidenceAnalysis;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.evidence.Bounce;
import org.mailmedic.engine.evidence.BounceRecipient;
import org.mailmedic.engine.evidence.EvidenceFile;

/**
 * The bounce part of {@code mailmedic analyze}: renders what {@link EvidenceAnalysis} read from
 * every message file (bounce, mbox, email) with {@link BounceReader}, and prints one JSON object per recipient (the DESIGN.md shape plus
 * explanations) or a readable per-recipient summary.
 */
final class BounceOutput {

    private final Map<EvidenceFile, BounceFileResult> results = new LinkedHashMap<>();

    /** The message files of {@code set} with their bounces; the files are not read again. */
    BounceOutput(EvidenceSet set) {
        for (EvidenceFile f : set.files()) {
            for (BounceFileResult r : set.bounces()) {
                if (r.file().equals(f.path())) {
                    results.put(f, r);
                }
            }
        }
    }

    /** Adds a top-level "bounces" array; notes a file's bounce problem on its "files" entry. */
    void addJson(ObjectNode root) {
        ArrayNode arr = root.putArray("bounces");
        ArrayNode filesArr = root.has("files") ? (ArrayNode) root.get("files") : null;
        for (Map.Entry<EvidenceFile, BounceFileResult> e : results.entrySet()) {
            BounceFileResult r = e.getValue();
            String file = e.getKey().path().toString();
            if (r.problem() != null && filesArr != null) {
                for (var node : filesArr) {
                    if (node.path("file").asText().equals(file)) {
                        ((ObjectNode) node).put("bounceProblem", r.problem());
                    }
                }
            }
            for (Bounce b : r.messages()) {
                for (BounceRecipient x : b.recipients()) {
                    ObjectNode o = arr.addObject();
                    o.put("file", file);
                    o.put("recipient", x.recipient());
                    o.put("action", x.action());
                    o.put("status", x.status());
                    o.put("replyCode", x.replyCode());
                    o.put("reason", x.reason());
                    o.put("remoteMta", x.remoteMta());
                    o.put("reportingMta", x.reportingMta());
                    o.put("diagnostic", x.diagnostic());
                    o.put("mta", x.mta());
                    o.put("date", x.date());
                    o.put("message", b.index());
                    o.put("kind", b.kind().name().toLowerCase(java.util.Locale.ROOT));
                    o.put("expired", x.expired());
                    o.put("temporary", x.temporary());
                    o.put("smtpCommand", x.smtpCommand());
                    o.put("feedbackType", x.feedbackType());
                    o.put("statusMeaning", x.statusMeaning());
                    o.put("plain", x.plain());
                    o.put("subject", b.original().subject());
                    o.put("originalDate", b.original().date());
                    o.put("originalMessageId", b.original().messageId());
                }
            }
        }
    }

    /** Prints the per-recipient summary under the file's line. */
    void printText(EvidenceFile f, PrintStream out) {
        BounceFileResult r = results.get(f);
        if (r == null) {
            return;
        }
        if (r.problem() != null) {
            out.println("  " + r.problem());
            return;
        }
        for (Bounce b : r.messages()) {
            for (BounceRecipient x : b.recipients()) {
                out.printf("  %s — %s%s%n", x.recipient(), x.reason(), x.expired() && !x.reason().equals("expired")
                        ? " (expired)" : "");
                out.println("    " + x.plain());
                if (!x.status().isEmpty() || !x.replyCode().isEmpty()) {
                    out.printf("    code: %s %s%s%n", x.replyCode(), x.status(),
                            x.statusMeaning().isEmpty() ? "" : " — " + x.statusMeaning());
                }
                if (!x.diagnostic().isEmpty()) {
                    out.println("    said: " + x.diagnostic());
                }
                if (!x.remoteMta().isEmpty() || !x.reportingMta().isEmpty()) {
                    out.printf("    remote: %s  reported by: %s  (format: %s)%n", x.remoteMta().isEmpty() ? "?" : x.remoteMta(),
                            x.reportingMta().isEmpty() ? "?" : x.reportingMta(), x.mta());
                }
                if (!b.original().subject().isEmpty()) {
                    out.printf("    original: \"%s\" %s%n", b.original().subject(), b.original().date());
                }
            }
        }
    }
}
