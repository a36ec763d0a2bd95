package org.mailmedic.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.fix.FixGuide;
import org.mailmedic.engine.diagnosis.fix.FixLibrary;
import org.mailmedic.engine.diagnosis.fix.FixStep;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.Snippet;
import org.mailmedic.engine.diagnosis.fix.VerifySpec;
import org.mailmedic.engine.forecast.Forecast;
import org.mailmedic.engine.report.Json;

/**
 * The findings part of {@code analyze} and {@code check}: the same JSON shape and the same text
 * for both. Each finding carries the fix guide for the user's mail server ({@code "fix": {"id":
 * "kind/server", ...}}) and, for a throttle, the queue forecast of that destination.
 */
final class FindingsOutput {

    static final int EVIDENCE_SHOWN = 3;

    /** Which mail server the fixes are written for, and how that was decided. */
    record Server(MailServer server, String how) {

        /** {@code --mta} if given, else what was detected, else Postfix (the most common) with a note. */
        static Server choose(String mtaOption, Optional<MailServer> detected, String detectedFrom) throws UsageException {
            if (mtaOption != null) {
                MailServer m = MailServer.fromId(mtaOption).orElseThrow(() -> new UsageException(
                        "--mta must be postfix, sendmail, exim, exchange or provider, not '" + mtaOption + "'"));
                return new Server(m, "chosen with --mta");
            }
            return detected.map(m -> new Server(m, "detected from " + detectedFrom))
                    .orElseGet(() -> new Server(MailServer.POSTFIX, "not detected, so fixes are written for Postfix;"
                            + " choose another with --mta"));
        }

        boolean detected() {
            return how.startsWith("detected");
        }
    }

    private FindingsOutput() {
    }

    /** {@code "mailServer": {...}} and {@code "findings": [...]} on {@code root}. */
    static void putJson(ObjectNode root, List<Finding> findings, Server server, Map<String, Forecast> forecasts) {
        ObjectNode ms = root.putObject("mailServer");
        ms.put("id", server.server().id());
        ms.put("label", server.server().label());
        ms.put("detected", server.detected());
        ms.put("how", server.how());
        ArrayNode arr = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode o = arr.addObject();
            o.put("kind", f.kind());
            o.put("severity", f.severity().label());
            o.put("headline", f.headline());
            o.put("why", f.why());
            o.put("confidence", f.confidence().label());
            o.put("impact", f.impact());
            o.put("subject", f.subject());
            ArrayNode ev = o.putArray("evidence");
            for (EvidenceRef e : f.evidence()) {
                ObjectNode x = ev.addObject();
                x.put("kind", e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                x.put("where", e.where());
                x.put("text", e.text());
            }
            ObjectNode facts = o.putObject("facts");
            new TreeMap<>(f.facts()).forEach(facts::put);
            Optional<FixGuide> guide = guide(f, server.server());
            if (guide.isPresent()) {
                o.set("fix", fixJson(guide.get()));
            } else {
                o.putNull("fix");
            }
            Forecast fc = forecastFor(f, forecasts);
            if (fc != null) {
                o.set("forecast", Json.mapper().valueToTree(fc));
            }
        }
    }

    static Optional<FixGuide> guide(Finding f, MailServer server) {
        return FixLibrary.guide(f.kind(), server, f.facts());
    }

    static String fixId(FixGuide g) {
        return g.kind() + "/" + g.server().id();
    }

    private static ObjectNode fixJson(FixGuide g) {
        ObjectNode fix = Json.mapper().createObjectNode();
        fix.put("id", fixId(g));
        fix.put("title", g.title());
        fix.put("intro", g.intro());
        fix.put("source", g.source());
        ArrayNode steps = fix.putArray("steps");
        for (FixStep s : g.steps()) {
            ObjectNode st = steps.addObject();
            st.put("number", s.number());
            st.put("title", s.title());
            st.put("text", s.text());
            ArrayNode sn = st.putArray("snippets");
            for (Snippet x : s.snippets()) {
                ObjectNode so = sn.addObject();
                so.put("type", x.type());
                so.put("target", x.target());
                so.put("code", x.code());
            }
        }
        VerifySpec v = g.verify();
        if (v == null) {
            fix.putNull("verify");
        } else {
            ObjectNode vo = fix.putObject("verify");
            vo.put("check", v.check());
            ArrayNode args = vo.putArray("args");
            v.args().forEach(args::add);
            vo.put("description", v.description());
            vo.put("runnable", v.runnable());
            ArrayNode missing = vo.putArray("missing");
            v.missing().forEach(missing::add);
        }
        return fix;
    }

    private static Forecast forecastFor(Finding f, Map<String, Forecast> forecasts) {
        return f.kind().equals("throttling") ? forecasts.get(f.subject().toLowerCase(Locale.ROOT)) : null;
    }

    /** The readable list: most serious first, each with its proof, its fix and (throttles) the forecast. */
    static void printText(PrintStream out, List<Finding> findings, Server server, Map<String, Forecast> forecasts) {
        out.println();
        out.println("Mail server: " + server.server().label() + " (" + server.how() + ")");
        out.println();
        if (findings.isEmpty()) {
            out.println("Findings: none — nothing in this evidence points at a fault.");
            return;
        }
        out.println("Findings (" + findings.size() + "), most serious first:");
        int n = 0;
        for (Finding f : findings) {
            n++;
            out.println();
            out.printf("%d. [%s] %s%n", n, f.severity().label(), f.headline());
            if (!f.impact().isEmpty()) {
                out.println("   Impact: " + f.impact());
            }
            out.println("   Confidence: " + f.confidence().label() + "  (kind: " + f.kind()
                    + (f.subject().isEmpty() ? "" : ", about " + f.subject()) + ")");
            f.evidence().stream().limit(EVIDENCE_SHOWN).forEach(e -> out.println("   " + e.where() + ": " + cut(e.text(), 160)));
            if (f.evidence().size() > EVIDENCE_SHOWN) {
                out.printf("   … and %d more piece%s of evidence (--json lists them all)%n", f.evidence().size() - EVIDENCE_SHOWN,
                        f.evidence().size() - EVIDENCE_SHOWN == 1 ? "" : "s");
            }
            Forecast fc = forecastFor(f, forecasts);
            if (fc != null) {
                out.println("   Forecast: " + fc.verdict());
            }
            guide(f, server.server()).ifPresentOrElse(
                    g -> out.println("   Fix: " + g.title() + "  [" + fixId(g) + "]"),
                    () -> out.println("   Fix: no guide for this finding yet"));
        }
    }

    private static String cut(String s, int n) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= n ? one : one.substring(0, n - 1) + "…";
    }
}
