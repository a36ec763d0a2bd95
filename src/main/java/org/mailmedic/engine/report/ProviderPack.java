package org.mailmedic.engine.report;

import java.net.IDN;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailmedic.engine.report.ReportModel.BounceExcerpt;
import org.mailmedic.engine.report.ReportModel.Evidence;
import org.mailmedic.engine.report.ReportModel.Finding;
import org.mailmedic.engine.report.ReportModel.LogLine;
import org.mailmedic.engine.report.ReportModel.Severity;

/**
 * The "evidence pack for the provider": what a destination's postmaster desk needs and
 * nothing internal. Keeps only the findings that concern that destination (with their log
 * lines and bounce excerpts, without our own fix guides), the forecast if it is about that
 * destination, our SMTP transcripts with its hosts (by name, or named in the evidence), the checksums of the files the evidence
 * comes from, and adds a ready-to-send request text built from those findings.
 */
public final class ProviderPack {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ProviderPack() {
    }

    /** The destinations named by findings, in order of first appearance (for a choice list). */
    public static List<String> destinations(ReportModel model) {
        Set<String> out = new LinkedHashSet<>();
        for (Finding f : model.findings()) {
            if (f.destination() != null && !f.destination().isBlank()) {
                out.add(f.destination().strip());
            }
        }
        return List.copyOf(out);
    }

    /** True when {@code name} is {@code destination} or a host under it (IDN and case insensitive). */
    public static boolean concerns(String name, String destination) {
        if (name == null || destination == null) {
            return false;
        }
        String n = ascii(name);
        String d = ascii(destination);
        return !d.isEmpty() && (n.equals(d) || n.endsWith("." + d));
    }

    private static String ascii(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return IDN.toASCII(t, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return t;
        }
    }

    /**
     * The pack's model for {@code destination}.
     *
     * @throws IllegalArgumentException when no finding concerns it (the message lists those that do)
     */
    public static ReportModel derive(ReportModel model, String destination) {
        List<Finding> kept = new ArrayList<>();
        for (Finding f : model.findings()) {
            if (concerns(f.destination(), destination)) {
                kept.add(new Finding(f.id(), f.severity(), f.headline(), f.why(), f.confidence(), f.impact(),
                        f.destination(), f.evidence(), null, f.providerAsk()));
            }
        }
        if (kept.isEmpty()) {
            List<String> known = destinations(model);
            throw new IllegalArgumentException("No finding in this report concerns " + destination + "; "
                    + (known.isEmpty() ? "no finding names a destination." : "findings name: " + String.join(", ", known)
                    + "."));
        }
        Set<String> files = new LinkedHashSet<>();
        for (Finding f : kept) {
            for (Evidence e : f.evidence()) {
                if (e instanceof LogLine l) {
                    files.add(l.file());
                } else if (e instanceof BounceExcerpt b) {
                    files.add(b.file());
                }
            }
        }
        List<ReportModel.AnalysedFile> keptFiles = model.appendix().files().stream()
                .filter(a -> files.contains(a.name()) || files.stream().anyMatch(n -> n.endsWith("/" + a.name())))
                .toList();
        // A destination's MX hosts often live under another name (btinternet.com is served by
        // *.cpcloud.co.uk): keep a transcript whose host the kept evidence names, too.
        StringBuilder evidenceText = new StringBuilder();
        for (Finding f : kept) {
            for (Evidence e : f.evidence()) {
                evidenceText.append(e.text().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        List<ReportModel.Transcript> keptTranscripts = model.appendix().transcripts().stream()
                .filter(t -> concerns(t.host(), destination) || (!t.host().isBlank()
                        && evidenceText.indexOf(t.host().toLowerCase(Locale.ROOT)) >= 0))
                .toList();
        ReportModel.Forecast forecast = model.forecast() != null
                && concerns(model.forecast().destination(), destination) ? model.forecast() : null;

        Severity worst = ReportModel.Verdict.fromFindings(kept).severity();
        String sentence = kept.size() + " problem" + (kept.size() == 1 ? "" : "s") + " with mail from "
                + model.domain() + " to " + destination + ", with the log lines that show " + (kept.size() == 1 ? "it"
                : "them") + ".";
        return new ReportModel(model.schemaVersion(), "Evidence for the postmaster of " + destination, model.domain(),
                model.generatedAt(), model.generatorVersion(), new ReportModel.Verdict(worst, sentence), model.sender(),
                kept, List.of(), forecast, new ReportModel.Appendix(keptTranscripts, keptFiles),
                requestText(model, destination, kept, forecast));
    }

    /** The request to the provider, in plain words, from the findings that concern it. */
    static String requestText(ReportModel model, String destination, List<Finding> findings,
            ReportModel.Forecast forecast) {
        StringBuilder b = new StringBuilder();
        b.append("Subject: Mail from ").append(model.domain()).append(" to ").append(destination)
                .append(" is being refused or delayed\n\n");
        b.append("Hello ").append(destination).append(" postmaster team,\n\n");
        b.append("We run the mail server for ").append(model.domain());
        ReportModel.Sender s = model.sender();
        if (s != null && s.organisation() != null && !s.organisation().isBlank()) {
            b.append(" (").append(s.organisation()).append(')');
        }
        b.append('.');
        if (s != null && !s.sendingIps().isEmpty()) {
            b.append(" Our mail leaves from ").append(s.sendingIps().size() == 1 ? "the IP address " : "the IP addresses ")
                    .append(String.join(", ", s.sendingIps())).append('.');
        }
        Instant first = null;
        Instant last = null;
        int logLines = 0;
        int bounces = 0;
        String sample = null;
        for (Finding f : findings) {
            for (Evidence e : f.evidence()) {
                if (e instanceof LogLine l) {
                    logLines++;
                    if (l.time() != null) {
                        first = first == null || l.time().isBefore(first) ? l.time() : first;
                        last = last == null || l.time().isAfter(last) ? l.time() : last;
                    }
                } else if (e instanceof BounceExcerpt) {
                    bounces++;
                }
                if (sample == null && !(e instanceof ReportModel.CheckRef) && !e.text().isBlank()) {
                    sample = e.text().length() > 400 ? e.text().substring(0, 400) + "…" : e.text();
                }
            }
        }
        b.append("\n\n");
        if (first != null) {
            b.append("Between ").append(WHEN.format(first)).append(" and ").append(WHEN.format(last)).append(", our ");
        } else {
            b.append("Our ");
        }
        b.append("delivery attempts to ").append(destination).append(" ran into the following:\n");
        for (Finding f : findings) {
            String h = f.headline().strip();
            b.append("  - ").append(h);
            if (!h.isEmpty() && ".!?".indexOf(h.charAt(h.length() - 1)) < 0) {
                b.append('.');
            }
            if (!f.impact().isBlank()) {
                b.append(' ').append(f.impact().strip());
            }
            b.append('\n');
        }
        if (sample != null) {
            b.append("\nA typical response from your servers:\n  ").append(sample.replace("\n", "\n  ")).append('\n');
        }
        if (forecast != null && !forecast.verdict().isBlank()) {
            b.append("\nAt the current rate: ").append(forecast.verdict()).append('\n');
        }
        b.append("\nThe attached pages list ").append(logLines).append(" log line").append(logLines == 1 ? "" : "s");
        if (bounces > 0) {
            b.append(" and ").append(bounces).append(" bounce").append(bounces == 1 ? "" : "s");
        }
        b.append(" with file names and line numbers; the SHA-256 checksums of the files are in the appendix.\n\n");
        b.append("Could you please:\n");
        Set<String> asks = new LinkedHashSet<>();
        for (Finding f : findings) {
            if (f.providerAsk() != null && !f.providerAsk().isBlank()) {
                asks.add(f.providerAsk().strip());
            }
        }
        if (asks.isEmpty()) {
            asks.add("tell us which limit or block applies to mail from us, and how we can have it lifted or raised;");
            asks.add("let us know if you see anything wrong on our side that we should fix first.");
        }
        for (String a : asks) {
            b.append("  - ").append(a).append('\n');
        }
        b.append("\nThank you,\n");
        if (s != null && s.contact() != null && !s.contact().isBlank()) {
            b.append(s.contact());
        } else {
            b.append("The mail administrator of ").append(model.domain());
        }
        b.append('\n');
        return b.toString();
    }
}
