package org.mailmedic.engine.diagnosis;

import java.util.function.Consumer;

/**
 * One diagnosis rule: reads the evidence and live results and reports the findings of one kind,
 * merging related evidence into one finding rather than one per line. A rule never throws for
 * odd input; it reports nothing when its kind of fault is not there.
 */
public interface Rule {

    /** The finding kind it reports (also the fix guide's folder). */
    String kind();

    void apply(DiagnosisInput in, Consumer<Finding> out);
}
