package org.mailmedic.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs one fuzz target without Maven, so that several can run side by side from the same
 * build (Maven runs would fight over target/). From the project directory, after
 * {@code mvn test-compile} and {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}:
 * <pre>
 * JAZZER_FUZZ=1 java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     -Djunit.jupiter.execution.timeout.testtemplate.method.default=1s \
 *     org.mailmedic.fuzz.FuzzMain 'org.mailmedic.fuzz.ParserFuzzTest#logLines(byte[])'
 * </pre>
 * Exit code 0 when the run ended without a finding.
 */
public final class FuzzMain {

    private FuzzMain() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
        for (String a : args) {
            b.selectors(selectMethod(a));
        }
        LauncherDiscoveryRequest request = b.configurationParameter("junit.jupiter.execution.timeout.mode", "disabled")
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        summary.getSummary().printTo(new PrintWriter(System.out));
        summary.getSummary().printFailuresTo(new PrintWriter(System.out), 30);
        System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
    }
}
