package org.mailmedic.ui.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailmedic.engine.evidence.EvidenceSniffer;
import org.mailmedic.engine.logs.LogGenerator;
import org.mailmedic.ui.App;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A big log's checksum, left empty by the sniffer, reaches the evidence list when its analysis is done. */
@ExtendWith(ApplicationExtension.class)
class EvidenceViewModelChecksumTest {

    @TempDir
    Path dir;

    private ExecutorService executor;
    private EvidenceViewModel model;

    @Start
    void start(Stage stage) {
        executor = App.newExecutor();
        model = new EvidenceViewModel(executor);
    }

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void theListTakesTheChecksumTheAnalysisComputed() throws Exception {
        Path log = dir.resolve("maillog");
        LogGenerator.write(log, EvidenceSniffer.HASH_LOGS_UP_TO + 500_000, LogGenerator.Config.defaults());

        WaitForAsyncUtils.asyncFx(() -> model.addFiles(List.of(log))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.analysisProperty().get().logs() != null);
        WaitForAsyncUtils.waitForFxEvents();

        String sha = WaitForAsyncUtils.asyncFx(() -> model.files().get(0).sha256()).get(5, TimeUnit.SECONDS);
        assertThat(sha).isEqualTo(EvidenceSniffer.sha256(log));
    }
}
