package org.mailmedic.engine.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.mailmedic.engine.Version;

/**
 * Everything a report shows, as plain data: the one model behind the PDF, the JSON and the
 * command line's text. Engines (bounces, logs, live checks, diagnosis, forecast) are mapped
 * into it; the writers know nothing else. Serialised as-is by {@link Json#mapper()} with
 * {@code "schemaVersion": 1}; fields are only ever added within one schema version.
 *
 * <p>Lists are never null (null becomes empty); optional values ({@code forecast}, a
 * snippet, a verify step, ...) may be null. Text is stored raw, exactly as observed: the PDF
 * writer sanitises it when printing, the JSON writer only repairs unpaired surrogates.
 */
public record ReportModel(
        int schemaVersion,
        String title,
        String domain,
        Instant generatedAt,
        String generatorVersion,
        Verdict verdict,
        Sender sender,
        List<Finding> findings,
        List<CheckSection> checks,
        Forecast forecast,
        Appendix appendix,
        String providerRequest) {

    /** The JSON schema version this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    public ReportModel {
        title = title == null || title.isBlank() ? "Mail delivery report" : title;
        domain = domain == null ? "" : domain;
        generatorVersion = generatorVersion == null ? "MailMedic " + Version.get() : generatorVersion;
        findings = copy(findings);
        checks = copy(checks);
        appendix = appendix == null ? new Appendix(List.of(), List.of()) : appendix;
        verdict = verdict == null ? Verdict.fromFindings(findings) : verdict;
    }

    public static Builder builder(String domain) {
        return new Builder(domain);
    }

    /** This model with other findings (used by the provider pack and by tests). */
    public ReportModel withFindings(List<Finding> newFindings) {
        return new ReportModel(schemaVersion, title, domain, generatedAt, generatorVersion, verdict, sender,
                newFindings, checks, forecast, appendix, providerRequest);
    }

    static <T> List<T> copy(List<T> list) {
        if (list == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            if (t != null) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** How bad something is. Findings use the first three; {@code OK} is for a clean verdict. */
    public enum Severity {
        @JsonProperty("blocking") BLOCKING("Blocking", "mail is not getting through"),
        @JsonProperty("degrading") DEGRADING("Degrading", "some mail is delayed, lost or at risk"),
        @JsonProperty("advice") ADVICE("Advice", "worth doing, not urgent"),
        @JsonProperty("ok") OK("OK", "nothing wrong found");

        private final String label;
        private final String meaning;

        Severity(String label, String meaning) {
            this.label = label;
            this.meaning = meaning;
        }

        public String label() {
            return label;
        }

        /** A plain-words explanation for a non-expert reader. */
        public String meaning() {
            return meaning;
        }
    }

    public enum Confidence {
        @JsonProperty("high") HIGH, @JsonProperty("medium") MEDIUM, @JsonProperty("low") LOW
    }

    /** The last result of a verify step. */
    public enum Outcome {
        @JsonProperty("pass") PASS, @JsonProperty("fail") FAIL, @JsonProperty("not-run") NOT_RUN
    }

    /** The status of one row of a live-check table. */
    public enum RowStatus {
        @JsonProperty("pass") PASS, @JsonProperty("warn") WARN, @JsonProperty("fail") FAIL, @JsonProperty("info") INFO
    }

    /** The one-sentence overall verdict shown first. */
    public record Verdict(Severity severity, String sentence) {
        public Verdict {
            Objects.requireNonNull(severity, "severity");
            sentence = sentence == null ? "" : sentence;
        }

        /** A default verdict from the worst finding, for when no engine states one. */
        public static Verdict fromFindings(List<Finding> findings) {
            Severity worst = Severity.OK;
            int count = 0;
            for (Finding f : findings) {
                if (f.severity().ordinal() < worst.ordinal()) {
                    worst = f.severity();
                }
                if (f.severity() != Severity.ADVICE && f.severity() != Severity.OK) {
                    count++;
                }
            }
            String sentence = switch (worst) {
                case BLOCKING -> "Mail is failing: " + (count == 1 ? "1 problem was found that stops or delays"
                        : count + " problems were found that stop or delay") + " delivery.";
                case DEGRADING -> "Mail mostly works, but " + (count == 1 ? "1 problem delays or loses"
                        : count + " problems delay or lose") + " some of it.";
                case ADVICE -> "Mail is working; some improvements are advised.";
                case OK -> "No problems were found.";
            };
            return new Verdict(worst, sentence);
        }
    }

    /** Who sends: shown in the provider pack's request. All fields optional. */
    public record Sender(String organisation, String contact, List<String> sendingIps) {
        public Sender {
            sendingIps = copy(sendingIps);
        }
    }

    /**
     * One diagnosed problem. {@code destination} (optional) is the remote domain it concerns,
     * e.g. {@code btinternet.com}; the provider pack selects findings by it. {@code providerAsk}
     * (optional) is what to ask that destination's postmaster about this finding.
     */
    public record Finding(
            String id,
            Severity severity,
            String headline,
            String why,
            Confidence confidence,
            String impact,
            String destination,
            List<Evidence> evidence,
            FixGuide fix,
            String providerAsk) {
        public Finding {
            Objects.requireNonNull(severity, "severity");
            id = id == null ? "" : id;
            headline = headline == null ? "" : headline;
            why = why == null ? "" : why;
            impact = impact == null ? "" : impact;
            confidence = confidence == null ? Confidence.MEDIUM : confidence;
            evidence = copy(evidence);
        }

        public Finding(String id, Severity severity, String headline, String why, Confidence confidence,
                String impact, String destination, List<Evidence> evidence, FixGuide fix) {
            this(id, severity, headline, why, confidence, impact, destination, evidence, fix, null);
        }
    }

    /** What proves a finding: a log line, a bounce excerpt, or a live-check result. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = LogLine.class, name = "log"),
        @JsonSubTypes.Type(value = BounceExcerpt.class, name = "bounce"),
        @JsonSubTypes.Type(value = CheckRef.class, name = "check")
    })
    public sealed interface Evidence permits LogLine, BounceExcerpt, CheckRef {
        /** The text shown as the excerpt. */
        String text();
    }

    /** One line of a mail log: {@code file:line text}. {@code time} is optional. */
    public record LogLine(String file, long line, Instant time, String text) implements Evidence {
        public LogLine {
            file = file == null ? "" : file;
            text = text == null ? "" : text;
        }

        public LogLine(String file, long line, String text) {
            this(file, line, null, text);
        }

        @JsonIgnore
        public String location() {
            return line > 0 ? file + ":" + line : file;
        }
    }

    /**
     * A bounce's diagnostic for one recipient. {@code subject} (optional) is the bounced
     * message's subject: the redactor hides it wherever it appears.
     */
    public record BounceExcerpt(String file, String recipient, String status, String subject, String text)
            implements Evidence {
        public BounceExcerpt {
            file = file == null ? "" : file;
            recipient = recipient == null ? "" : recipient;
            status = status == null ? "" : status;
            text = text == null ? "" : text;
        }
    }

    /** A pointer to a live-check result: the section and row it is in, and what it said. */
    public record CheckRef(String section, String item, RowStatus status, String text) implements Evidence {
        public CheckRef {
            section = section == null ? "" : section;
            item = item == null ? "" : item;
            status = status == null ? RowStatus.INFO : status;
            text = text == null ? "" : text;
        }
    }

    /** How to fix one finding: numbered steps, then a verify step. */
    public record FixGuide(String title, List<FixStep> steps, VerifyStep verify) {
        public FixGuide {
            title = title == null ? "" : title;
            steps = copy(steps);
        }
    }

    /** One step; {@code snippet} optional. */
    public record FixStep(String text, Snippet snippet) {
        public FixStep {
            text = text == null ? "" : text;
        }

        public FixStep(String text) {
            this(text, null);
        }
    }

    /** Code or configuration to paste, and the file it goes in (optional). */
    public record Snippet(String file, String code) {
        public Snippet {
            code = code == null ? "" : code;
        }
    }

    /** How to confirm the fix, and its last result ({@code at} and {@code detail} optional). */
    public record VerifyStep(String text, Outcome lastResult, Instant at, String detail) {
        public VerifyStep {
            text = text == null ? "" : text;
            lastResult = lastResult == null ? Outcome.NOT_RUN : lastResult;
        }
    }

    /**
     * One live check as a table (MX, TLS, certificate, SPF, DMARC, MTA-STS, DANE, blacklists...).
     * {@code summary} (optional) is a sentence above the table; {@code tree} (optional) is a
     * trace shown below it, e.g. SPF's include/redirect evaluation.
     */
    public record CheckSection(String title, String summary, List<String> columns, List<Row> rows, TraceNode tree) {
        public CheckSection {
            title = title == null ? "" : title;
            columns = copy(columns);
            rows = copy(rows);
        }

        public CheckSection(String title, List<String> columns, List<Row> rows) {
            this(title, null, columns, rows, null);
        }
    }

    /** A table row; {@code status} optional. */
    public record Row(List<String> cells, RowStatus status) {
        public Row {
            cells = cells == null ? List.of() : cells.stream().map(c -> c == null ? "" : c).toList();
        }

        public static Row of(RowStatus status, String... cells) {
            return new Row(List.of(cells), status);
        }
    }

    /** A node of a trace tree: {@code label} evaluated to {@code result} (optional). */
    public record TraceNode(String label, String result, List<TraceNode> children) {
        public TraceNode {
            label = label == null ? "" : label;
            children = copy(children);
        }

        public static TraceNode of(String label, String result, TraceNode... children) {
            return new TraceNode(label, result, List.of(children));
        }
    }

    /**
     * The queue forecast: the verdict sentence, the day-by-day series, and the inputs it was
     * computed from (name/value pairs in display order). {@code destination} and
     * {@code severity} are optional.
     */
    public record Forecast(String verdict, Severity severity, String destination, List<Day> series,
            List<Input> inputs) {
        public Forecast {
            verdict = verdict == null ? "" : verdict;
            series = copy(series);
            inputs = copy(inputs);
        }
    }

    /** End-of-day state: messages waiting, delivered that day, expired (bounced) that day. */
    public record Day(int day, double backlog, double delivered, double expired) {
    }

    public record Input(String name, String value) {
    }

    /** Raw material: SMTP transcripts and the files analysed. */
    public record Appendix(List<Transcript> transcripts, List<AnalysedFile> files) {
        public Appendix {
            transcripts = copy(transcripts);
            files = copy(files);
        }
    }

    /** A raw SMTP conversation with {@code host}; {@code title} optional (e.g. "port 25, STARTTLS"). */
    public record Transcript(String host, String title, List<String> lines) {
        public Transcript {
            host = host == null ? "" : host;
            lines = lines == null ? List.of() : lines.stream().map(l -> l == null ? "" : l).toList();
        }
    }

    /** A file that was analysed, with its size in bytes and SHA-256 (hex). {@code kind} optional. */
    public record AnalysedFile(String name, long size, String sha256, String kind) {
        /** Reads the file once to compute its size and checksum. */
        public static AnalysedFile of(Path path, String kind) throws IOException {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long size = 0;
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(path)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    size += n;
                }
            }
            return new AnalysedFile(path.getFileName().toString(), size, HexFormat.of().formatHex(md.digest()), kind);
        }
    }

    /** Assembles a model step by step; anything not set gets its default. */
    public static final class Builder {
        private String title;
        private final String domain;
        private Instant generatedAt = Instant.now();
        private String generatorVersion;
        private Verdict verdict;
        private Sender sender;
        private final List<Finding> findings = new ArrayList<>();
        private final List<CheckSection> checks = new ArrayList<>();
        private Forecast forecast;
        private final List<Transcript> transcripts = new ArrayList<>();
        private final List<AnalysedFile> files = new ArrayList<>();

        private Builder(String domain) {
            this.domain = domain;
        }

        public Builder title(String t) {
            this.title = t;
            return this;
        }

        public Builder generatedAt(Instant t) {
            this.generatedAt = t;
            return this;
        }

        public Builder generatorVersion(String v) {
            this.generatorVersion = v;
            return this;
        }

        public Builder verdict(Severity s, String sentence) {
            this.verdict = new Verdict(s, sentence);
            return this;
        }

        public Builder sender(Sender s) {
            this.sender = s;
            return this;
        }

        public Builder finding(Finding f) {
            findings.add(f);
            return this;
        }

        public Builder check(CheckSection c) {
            checks.add(c);
            return this;
        }

        public Builder forecast(Forecast f) {
            this.forecast = f;
            return this;
        }

        public Builder transcript(Transcript t) {
            transcripts.add(t);
            return this;
        }

        public Builder file(AnalysedFile f) {
            files.add(f);
            return this;
        }

        public ReportModel build() {
            return new ReportModel(SCHEMA_VERSION, title, domain, generatedAt, generatorVersion, verdict, sender,
                    findings, checks, forecast, new Appendix(transcripts, files), null);
        }
    }
}
