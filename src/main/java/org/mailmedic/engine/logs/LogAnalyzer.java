package org.mailmedic.engine.logs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Reads mail server logs — Postfix, Sendmail and Exim (syslog or their own files), Exchange
 * message tracking and Microsoft 365 message trace CSV; plain, rotated or gzip-compressed; the
 * format detected from the content — and tells what happened to the mail, per destination.
 * Several files are merged line by line in time order, so rotated logs and logs from two servers
 * combine into one story.
 *
 * <p>Streaming: each file is read in 1 MB blocks and parsed by index without regular expressions;
 * memory holds only per-destination statistics and the messages still open in the queue.
 * Never throws for bad input: unreadable, binary, damaged or foreign files become problems in
 * their {@link LogAnalysis.FileReport} and the other files are still read. Files are opened
 * read-only and never modified.
 *
 * <p>Holds only its options: one instance may serve concurrent calls. A single big syslog-style
 * file is read on two threads ({@link Pipeline}); several files are merged on the caller's thread.
 */
public final class LogAnalyzer {

    /** Bytes read so far out of the total (compressed bytes for .gz files). */
    @FunctionalInterface
    public interface Progress {
        void update(long bytesRead, long bytesTotal);

        Progress NONE = (read, total) -> {
        };
    }

    /**
     * @param zone      time zone for syslog timestamps without one, and for days and hours of day
     * @param reference the "now" each file's missing syslog year is inferred from; by default the
     *                  file's last-modified time (rotated files are modified when they end)
     */
    public record Options(ZoneId zone, Function<Path, Instant> reference) {
        public Options {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(reference, "reference");
        }

        /** The system zone and each file's modification time. */
        public static Options defaults() {
            return new Options(ZoneId.systemDefault(), LogAnalyzer::modified);
        }

        /** A fixed zone and reference time (tests, reproducible reports). */
        public static Options fixed(ZoneId zone, Instant reference) {
            return new Options(zone, p -> reference);
        }
    }

    private static final long PROGRESS_STEP = 4L << 20;
    /** Files from this size on are read on two threads (line finding apart from aggregation). */
    static final long PIPELINE_MIN = 8L << 20;

    private final Options options;

    public LogAnalyzer() {
        this(Options.defaults());
    }

    public LogAnalyzer(Options options) {
        this.options = Objects.requireNonNull(options);
    }

    /** Days and hours in the clock's zone; syslog years from each file's modification time. */
    public LogAnalyzer(Clock clock) {
        this(new Options(clock.getZone(), LogAnalyzer::modified));
    }

    /**
     * Analyses the files together. Never throws for bad input; per-file problems are in the result.
     *
     * @param files     log files in any order (merged by time)
     * @param progress  told of bytes read every few MB and at the end; may be null
     * @param cancelled polled between blocks; when it turns true the analysis stops and returns what
     *                  was read, marked {@link LogAnalysis#cancelled()}; may be null
     */
    public LogAnalysis analyze(List<Path> files, Progress progress, BooleanSupplier cancelled) {
        return run(files, progress, cancelled, null).result;
    }

    /**
     * Analyses one log already in memory (pasted text, an attachment, a fuzz input) exactly as
     * {@link #analyze(List, Progress, BooleanSupplier)} would read a file with this content: same
     * format detection, caps and problems. {@code name} labels it in the problems and is handed to
     * {@link Options#reference()} for the syslog year. Never throws for bad content.
     */
    public LogAnalysis analyze(String name, byte[] content) {
        Objects.requireNonNull(content, "content");
        return analyze(name, new ByteArrayInputStream(content), content.length);
    }

    /**
     * Analyses one log read once from {@code content} (standard input, a generated log), in the
     * same bounded memory as a file: blocks of 1 MB, lines over 64 KB skipped. The stream is
     * closed at the end; a read error ends the log with a problem, keeping what was read.
     *
     * @param size its length in bytes when known (progress, the report), else -1
     */
    public LogAnalysis analyze(String name, InputStream content, long size) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        return read(List.of(new LogReader(0, name, content, size)), Progress.NONE, () -> false, null).result;
    }

    /**
     * The full story of one message (joined by queue id across all the files), or null when the
     * logs never mention it. Reads the files again; meant for "show me this message" on demand.
     */
    public LogAnalysis.MessageTimeline trace(List<Path> files, String queueId, BooleanSupplier cancelled) {
        return run(files, null, cancelled, Objects.requireNonNull(queueId)).traced;
    }

    private record Outcome(LogAnalysis result, LogAnalysis.MessageTimeline traced) {
    }

    private Outcome run(List<Path> files, Progress progress, BooleanSupplier cancelled, String traceId) {
        List<LogReader> readers = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            readers.add(new LogReader(i, files.get(i)));
        }
        return read(readers, progress, cancelled, traceId);
    }

    private Outcome read(List<LogReader> readers, Progress progress, BooleanSupplier cancelled, String traceId) {
        Progress pr = progress == null ? Progress.NONE : progress;
        BooleanSupplier cancel = cancelled == null ? () -> false : cancelled;
        TimeBase time = new TimeBase(options.zone());
        Aggregator agg = new Aggregator(time);
        agg.traceId = traceId;
        long total = 0;
        for (LogReader r : readers) {
            total += r.size();
        }
        boolean wasCancelled = false;
        try {
            List<LogReader> active = new ArrayList<>();
            for (LogReader r : readers) {
                if (!r.open()) {
                    continue;
                }
                Instant ref;
                try {
                    ref = options.reference().apply(r.path != null ? r.path : Path.of(r.name));
                } catch (RuntimeException e) {
                    ref = Instant.now();
                }
                r.format = LineFormat.detect(r, time, ref == null ? Instant.now() : ref);
                if (r.format != null) {
                    r.quotedRecords = r.format.quotedRecords();
                    active.add(r);
                }
            }
            wasCancelled = run(active, agg, pr, cancel, total);
            if (!wasCancelled) {
                for (LogReader r : readers) {
                    r.finishHash();
                }
            }
        } finally {
            for (LogReader r : readers) {
                r.close();
            }
        }
        long read = 0;
        for (LogReader r : readers) {
            read += r.bytesRead();
        }
        pr.update(wasCancelled ? read : total, total);
        List<LogAnalysis.FileReport> reports = new ArrayList<>();
        for (LogReader r : readers) {
            reports.add(report(r, wasCancelled));
        }
        return new Outcome(agg.result(reports, wasCancelled), agg.traced());
    }

    /** Reads the active readers in merged time order; true when cancelled. */
    private static boolean run(List<LogReader> active, Aggregator agg, Progress pr, BooleanSupplier cancel,
                               long total) {
        long nextReport = PROGRESS_STEP;
        int sinceCheck = 0;
        if (active.size() == 1 && active.get(0).format.pipelinable() && active.get(0).size() >= PIPELINE_MIN
                && Runtime.getRuntime().availableProcessors() > 1) {
            LogReader r = active.get(0);
            long[] next = {PROGRESS_STEP};
            return Pipeline.run(r, agg, cancel, () -> {
                long read = r.bytesRead();
                if (read >= next[0]) {
                    pr.update(read, total);
                    next[0] = read + PROGRESS_STEP;
                }
            });
        }
        if (active.size() == 1) {
            LogReader r = active.get(0);
            LineFormat f = r.format;
            while (r.next()) {
                f.handle(r, agg);
                if (++sinceCheck == 8192) {
                    sinceCheck = 0;
                    if (cancel.getAsBoolean()) {
                        return true;
                    }
                    long read = r.bytesRead();
                    if (read >= nextReport) {
                        pr.update(read, total);
                        nextReport = read + PROGRESS_STEP;
                    }
                }
            }
            return false;
        }
        PriorityQueue<LogReader> heads = new PriorityQueue<>((x, y) -> x.time != y.time
                ? Long.compare(x.time, y.time) : Integer.compare(x.index, y.index));
        for (LogReader r : active) {
            if (r.next()) {
                heads.add(r);
            }
        }
        while (!heads.isEmpty()) {
            LogReader r = heads.poll();
            r.format.handle(r, agg);
            if (r.next()) {
                heads.add(r);
            }
            if (++sinceCheck == 8192) {
                sinceCheck = 0;
                if (cancel.getAsBoolean()) {
                    return true;
                }
                long read = 0;
                for (LogReader x : active) {
                    read += x.bytesRead();
                }
                if (read >= nextReport) {
                    pr.update(read, total);
                    nextReport = read + PROGRESS_STEP;
                }
            }
        }
        return false;
    }

    private static LogAnalysis.FileReport report(LogReader r, boolean cancelled) {
        List<String> problems = new ArrayList<>(r.problems());
        String format = r.format == null ? "unknown" : r.format.describe();
        if (r.format != null && r.mailLines == 0 && !cancelled && problems.isEmpty()) {
            problems.add(r.name + ": no mail server lines found among " + String.format("%,d", r.lines)
                    + " line" + (r.lines == 1 ? "" : "s") + " (is this a mail log? MailMedic reads Postfix, "
                    + "Sendmail, Exim, Exchange message tracking and Microsoft 365 message trace)");
        } else if (r.format != null && r.mailLines == 0 && !cancelled) {
            problems.add(r.name + ": no mail server lines could be read");
        }
        return new LogAnalysis.FileReport(r.name, format, r.compressed, r.size(), r.lines, r.mailLines,
                r.firstTime == Long.MAX_VALUE ? null : Instant.ofEpochSecond(r.firstTime),
                r.lastTime == Long.MIN_VALUE ? null : Instant.ofEpochSecond(r.lastTime), List.copyOf(problems),
                r.sha256Hex());
    }

    /** A file's last-modified time, or now when unknown. */
    static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }
}
