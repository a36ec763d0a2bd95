package org.mailmedic.engine.diagnosis;

import java.util.List;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.evidence.BounceRecipient;
import org.mailmedic.engine.evidence.EvidenceFile;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * Everything read from the user's files: what each file is, the bounces found in the message
 * files, and the analysis of all log files together (null when no log was given).
 */
public record EvidenceSet(List<EvidenceFile> files, List<BounceFileResult> bounces, LogAnalysis logs) {

    public EvidenceSet {
        files = List.copyOf(files);
        bounces = List.copyOf(bounces);
    }

    public static EvidenceSet empty() {
        return new EvidenceSet(List.of(), List.of(), null);
    }

    /** Every bounced recipient with the file it came from. */
    public List<Located> recipients() {
        return bounces.stream().filter(BounceFileResult::usable)
                .flatMap(b -> b.messages().stream().flatMap(m -> m.recipients().stream()
                        .map(r -> new Located(fileName(b), r, m.original() == null ? null : m.original().from()))))
                .toList();
    }

    private static String fileName(BounceFileResult b) {
        return b.file().getFileName() == null ? b.file().toString() : b.file().getFileName().toString();
    }

    /** A bounced recipient and where it was read. */
    public record Located(String file, BounceRecipient recipient, String originalFrom) {
    }
}
