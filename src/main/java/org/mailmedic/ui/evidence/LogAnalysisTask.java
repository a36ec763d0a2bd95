package org.mailmedic.ui.evidence;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.concurrent.Task;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.logs.LogAnalyzer;

/**
 * Runs {@link LogAnalyzer#analyze} off the FX thread with progress (bytes read of total) and
 * cancel: {@link #cancel()} makes the analyzer stop at its next block and the task end CANCELLED.
 * Never fails for bad input (problems are inside the result).
 */
public final class LogAnalysisTask extends Task<LogAnalysis> {

    private final LogAnalyzer analyzer;
    private final List<Path> files;

    public LogAnalysisTask(LogAnalyzer analyzer, List<Path> files) {
        this.analyzer = Objects.requireNonNull(analyzer);
        this.files = List.copyOf(files);
        updateTitle("Reading mail logs");
    }

    @Override
    protected LogAnalysis call() {
        updateMessage("Reading " + (files.size() == 1 ? files.get(0).getFileName() : files.size() + " log files") + "…");
        LogAnalysis result = analyzer.analyze(files, (read, total) -> {
            updateProgress(read, Math.max(1, total));
            updateMessage(String.format("Reading mail logs… %,d of %,d MB", read >> 20, total >> 20));
        }, this::isCancelled);
        updateMessage(result.cancelled() ? "Cancelled." : "Done.");
        return result;
    }
}
