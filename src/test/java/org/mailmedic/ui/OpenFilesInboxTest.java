package org.mailmedic.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files from outside (command line, macOS open-file events) wait until the window attaches, then
 * reach it in order through its executor; and the macOS hook is installed only on macOS with a
 * display, tried here with a stand-in for java.awt.Desktop.
 */
class OpenFilesInboxTest {

    @TempDir
    Path dir;

    /** Runs what the inbox hands to the "FX thread", recording on which thread. */
    private static final class RecordingExecutor implements java.util.concurrent.Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            queued.add(r);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void filesWaitForTheWindowThenArriveAsOneBatchOnItsThread() throws Exception {
        Path eml = Files.writeString(dir.resolve("bounce.eml"), "x\n");
        Path log = Files.writeString(dir.resolve("maillog"), "x\n");
        OpenFilesInbox inbox = new OpenFilesInbox();
        inbox.offerNames(List.of(eml.toString()));
        inbox.offerFiles(List.of(log.toFile()));
        assertThat(inbox.pending()).containsExactly(eml.toAbsolutePath(), log.toAbsolutePath());

        List<List<Path>> received = new ArrayList<>();
        RecordingExecutor fx = new RecordingExecutor();
        inbox.attach(received::add, fx);
        assertThat(received).as("nothing runs outside the window's executor").isEmpty();
        fx.runAll();
        assertThat(received).containsExactly(List.of(eml.toAbsolutePath(), log.toAbsolutePath()));
        assertThat(inbox.pending()).isEmpty();
    }

    @Test
    void whileTheWindowIsOpenEachEventIsItsOwnBatchInOrder() throws Exception {
        Path a = Files.writeString(dir.resolve("a.eml"), "x\n");
        Path b = Files.writeString(dir.resolve("b.msg"), "x\n");
        OpenFilesInbox inbox = new OpenFilesInbox();
        List<List<Path>> received = new ArrayList<>();
        RecordingExecutor fx = new RecordingExecutor();
        inbox.attach(received::add, fx);
        fx.runAll();
        assertThat(received).as("nothing waited: no empty batch").isEmpty();

        inbox.offerFiles(List.of(a.toFile()));
        inbox.offerFiles(List.of(b.toFile(), a.toFile()));
        fx.runAll();
        assertThat(received).containsExactly(List.of(a.toAbsolutePath()), List.of(b.toAbsolutePath(), a.toAbsolutePath()));
    }

    @Test
    void foldersMissingFilesAndNonPathsAreLeftOut() throws Exception {
        Path eml = Files.writeString(dir.resolve("ok.eml"), "x\n");
        OpenFilesInbox inbox = new OpenFilesInbox();
        inbox.offerFiles(List.of(dir.toFile(), dir.resolve("gone.eml").toFile(), eml.toFile()));
        inbox.offerNames(List.of("bad\0name", dir.resolve("missing.msg").toString()));
        assertThat(inbox.pending()).containsExactly(eml.toAbsolutePath());

        RecordingExecutor fx = new RecordingExecutor();
        List<List<Path>> received = new ArrayList<>();
        inbox.attach(received::add, fx);
        inbox.offerFiles(List.of(dir.toFile()));
        fx.runAll();
        assertThat(received).as("an event with nothing usable is no batch").containsExactly(List.of(eml.toAbsolutePath()));
    }

    @Test
    void offersFromAnotherThreadDuringAttachAreNeitherLostNorReordered() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            files.add(Files.writeString(dir.resolve("f" + i + ".eml"), "x\n").toAbsolutePath());
        }
        OpenFilesInbox inbox = new OpenFilesInbox();
        ExecutorService appKit = Executors.newSingleThreadExecutor();
        ExecutorService fxThread = Executors.newSingleThreadExecutor();
        List<Path> received = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(1);
        try {
            var offering = appKit.submit(() -> {
                started.countDown();
                for (Path p : files) {
                    inbox.offer(List.of(p));
                }
            });
            started.await();
            inbox.attach(received::addAll, fxThread);
            offering.get(10, TimeUnit.SECONDS);
            fxThread.submit(() -> { }).get(10, TimeUnit.SECONDS); // everything queued before has run
        } finally {
            appKit.shutdownNow();
            fxThread.shutdownNow();
        }
        assertThat(received).containsExactlyElementsOf(files);
    }

    @Test
    void attachingAgainSendsLaterFilesToTheNewWindow() throws Exception {
        Path eml = Files.writeString(dir.resolve("x.eml"), "x\n");
        OpenFilesInbox inbox = new OpenFilesInbox();
        List<List<Path>> first = new ArrayList<>();
        List<List<Path>> second = new ArrayList<>();
        inbox.attach(first::add, Runnable::run);
        inbox.attach(second::add, Runnable::run);
        inbox.offer(List.of(eml));
        assertThat(first).isEmpty();
        assertThat(second).containsExactly(List.of(eml.toAbsolutePath()));
    }

    // ---- the macOS hook, with a stand-in for java.awt.Desktop ----

    /** Records what MacOpenFileEvents asks of the Desktop, and can fire an open-files event. */
    private static final class FakeDesktop implements MacOpenFileEvents.DesktopHooks {
        final boolean supported;
        Consumer<List<File>> handler;
        int asked;

        FakeDesktop(boolean supported) {
            this.supported = supported;
        }

        @Override
        public boolean supportsOpenFiles() {
            asked++;
            return supported;
        }

        @Override
        public void setOpenFileHandler(Consumer<List<File>> files) {
            handler = files;
        }
    }

    @Test
    void onMacOsTheOpenFileEventFeedsTheInbox() throws Exception {
        Path eml = Files.writeString(dir.resolve("finder.eml"), "x\n");
        FakeDesktop desktop = new FakeDesktop(true);
        OpenFilesInbox inbox = new OpenFilesInbox();
        assertThat(MacOpenFileEvents.install("Mac OS X", () -> false, () -> desktop, inbox)).isTrue();
        assertThat(desktop.handler).isNotNull();

        desktop.handler.accept(List.of(eml.toFile())); // the event that launched the app
        assertThat(inbox.pending()).containsExactly(eml.toAbsolutePath());
        List<List<Path>> received = new ArrayList<>();
        RecordingExecutor fx = new RecordingExecutor();
        inbox.attach(received::add, fx);
        desktop.handler.accept(List.of(eml.toFile(), dir.toFile())); // MailMedic already running
        fx.runAll();
        assertThat(received).containsExactly(List.of(eml.toAbsolutePath()), List.of(eml.toAbsolutePath()));
    }

    @Test
    void elsewhereHeadlessOrUnsupportedNothingIsInstalledAndOtherSystemsNeverAskAwt() {
        OpenFilesInbox inbox = new OpenFilesInbox();
        for (String os : List.of("Linux", "Windows 11", "FreeBSD")) {
            assertThat(MacOpenFileEvents.install(os, () -> {
                throw new AssertionError("headless asked on " + os);
            }, () -> {
                throw new AssertionError("Desktop touched on " + os);
            }, inbox)).as(os).isFalse();
        }
        assertThat(MacOpenFileEvents.install("Mac OS X", () -> true, () -> {
            throw new AssertionError("Desktop touched while headless");
        }, inbox)).as("headless").isFalse();

        FakeDesktop unsupported = new FakeDesktop(false);
        assertThat(MacOpenFileEvents.install("Mac OS X", () -> false, () -> unsupported, inbox)).isFalse();
        assertThat(unsupported.asked).isEqualTo(1);
        assertThat(unsupported.handler).isNull();
    }

    @Test
    void onThisLinuxBuildTheRealInstallIsANoOp() {
        // The test JVM runs headless on Linux (surefire's argLine): nothing to hook, no AWT started.
        assertThat(MacOpenFileEvents.installForThisProcess(new OpenFilesInbox())).isEqualTo(
                System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("mac")
                        && !java.awt.GraphicsEnvironment.isHeadless());
    }
}
