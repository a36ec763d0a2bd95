package org.mailmedic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Open with": only a list of existing files opens the window; everything else stays the command line. */
class MainOpenWithTest {

    @TempDir
    Path dir;

    @Test
    void existingFilesOpenTheWindowButCommandsFlagsAndMissingFilesDoNot() throws Exception {
        Path log = Files.writeString(dir.resolve("maillog"), "x\n");
        Path eml = Files.writeString(dir.resolve("bounce.eml"), "x\n");
        assertThat(Main.openWith(new String[] {log.toString(), eml.toString()})).isTrue();

        assertThat(Main.openWith(new String[] {log.toString(), dir.resolve("missing").toString()})).isFalse();
        assertThat(Main.openWith(new String[] {dir.toString()})).as("a directory").isFalse();
        assertThat(Main.openWith(new String[] {"--json", log.toString()})).isFalse();
        assertThat(Main.openWith(new String[] {})).isFalse();
        // A file that happens to be called like a subcommand still means the subcommand.
        Path analyze = Files.writeString(dir.resolve("analyze"), "x\n");
        assertThat(Main.openWith(new String[] {"analyze", log.toString()})).isFalse();
        assertThat(analyze).exists();
    }
}
