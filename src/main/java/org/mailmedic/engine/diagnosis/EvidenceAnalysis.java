package org.mailmedic.engine.diagnosis;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.bounce.BounceReader;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.evidence.EvidenceSniffer;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;

/**
 * Reads a set of user files into an {@link EvidenceSet}: each file's kind, the bounces in the
 * message files, and one analysis of all log files together (merged in time order). Files are
 * only read. Never throws for bad input: problems are inside the results, per file.
 */
public final class EvidenceAnalysis {

    private final Clock clock;

    public EvidenceAnalysis(Clock clock) {
        this.clock = clock;
    }

    public EvidenceSet analyze(List<Path> paths, DoubleConsumer progress, BooleanSupplier cancelled) {
        EvidenceSniffer sniffer = new EvidenceSniffer();
        List<EvidenceFile> files = new ArrayList<>();
        for (Path p : paths) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            files.add(sniffer.sniff(p));
        }
        return analyzeSniffed(files, progress, cancelled);
    }

    /** For files already sniffed (the window sniffs on drop). */
    public EvidenceSet analyzeSniffed(List<EvidenceFile> files, DoubleConsumer progress, BooleanSupplier cancelled) {
        long logBytes = files.stream().filter(f -> f.usable() && f.kind().isLog()).mapToLong(EvidenceFile::size).sum();
        long msgBytes = files.stream().filter(f -> f.usable() && f.kind().isMessage()).mapToLong(EvidenceFile::size).sum();
        double total = Math.max(1, logBytes + msgBytes);
        BounceReader reader = new BounceReader();
        List<BounceFileResult> bounces = new ArrayList<>();
        long done = 0;
        for (EvidenceFile f : files) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            if (f.usable() && f.kind().isMessage()) {
                bounces.add(reader.read(f.path()));
                done += f.size();
                progress.accept(done / total);
            }
        }
        List<Path> logs = files.stream().filter(f -> f.usable() && f.kind().isLog()).map(EvidenceFile::path).toList();
        LogAnalysis analysis = null;
        if (!logs.isEmpty() && !cancelled.getAsBoolean()) {
            final long before = done;
            analysis = new LogAnalyzer(clock).analyze(logs,
                    (read, all) -> progress.accept((before + (double) read) / total), cancelled);
        }
        progress.accept(1.0);
        return new EvidenceSet(withChecksums(files, logs, analysis), bounces, analysis);
    }

    /**
     * Big logs are hashed by the analysis while it reads them (see {@link EvidenceSniffer#HASH_LOGS_UP_TO}):
     * their checksums go into the file list here. Unchanged when the analysis was cancelled.
     */
    private static List<EvidenceFile> withChecksums(List<EvidenceFile> files, List<Path> logs, LogAnalysis analysis) {
        if (analysis == null || analysis.files().size() != logs.size()) {
            return files;
        }
        List<EvidenceFile> out = new ArrayList<>(files.size());
        for (EvidenceFile f : files) {
            int i = f.sha256().isEmpty() && f.usable() && f.kind().isLog() ? logs.indexOf(f.path()) : -1;
            String sha = i < 0 ? "" : analysis.files().get(i).sha256();
            out.add(sha.isEmpty() ? f : new EvidenceFile(f.path(), f.kind(), f.size(), sha, f.detail(), f.problem()));
        }
        return List.copyOf(out);
    }
}
