package org.mailmedic.engine.diagnosis.fix;

import java.util.function.BooleanSupplier;

/**
 * Runs a fix's verify step: re-runs the live check (or log analysis) that proves the fault is
 * gone. Implementations carry their own deadlines and never throw for network outcomes.
 */
@FunctionalInterface
public interface Verifier {

    VerifyResult verify(VerifySpec spec, BooleanSupplier cancelled);
}
