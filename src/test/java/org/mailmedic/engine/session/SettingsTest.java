package org.mailmedic.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void settingsRoundTripAndCreateTheirFolder() throws Exception {
        Path f = dir.resolve("cfg").resolve("settings.json");
        Settings s = Settings.defaults().withDnsResolver("127.0.0.1:5353").withHeloName("probe.example.com")
                .withDnsbls(List.of("zen.spamhaus.org", " bl.spamcop.net ", "zen.spamhaus.org"))
                .withRecentFile(dir.resolve("a.log")).withRecentFile(dir.resolve("b.eml"));
        s.save(f);
        Settings.Loaded l = Settings.load(f);
        assertThat(l.problem()).isNull();
        assertThat(l.settings()).isEqualTo(s);
        assertThat(l.settings().dnsbls()).containsExactly("zen.spamhaus.org", "bl.spamcop.net");
        assertThat(l.settings().recentFiles()).containsExactly(dir.resolve("b.eml").toString(), dir.resolve("a.log").toString());
    }

    @Test
    void recentFilesMoveToTheFrontAndAreCapped() {
        Settings s = Settings.defaults();
        for (int i = 0; i < 15; i++) {
            s = s.withRecentFile(dir.resolve("f" + i));
        }
        s = s.withRecentFile(dir.resolve("f10"));
        assertThat(s.recentFiles()).hasSize(Settings.MAX_RECENT);
        assertThat(s.recentFiles().get(0)).endsWith("f10");
        assertThat(s.recentFiles().get(1)).endsWith("f14");
        assertThat(s.recentFiles()).doesNotHaveDuplicates();
    }

    @Test
    void aMissingFileGivesDefaultsAndADamagedOneSaysSo() throws Exception {
        assertThat(Settings.load(dir.resolve("none.json"))).isEqualTo(new Settings.Loaded(Settings.defaults(), null));
        Path bad = Files.writeString(dir.resolve("bad.json"), "{ not json");
        Settings.Loaded l = Settings.load(bad);
        assertThat(l.settings()).isEqualTo(Settings.defaults());
        assertThat(l.problem()).contains(bad.toString()).contains("defaults are used");
    }

    @Test
    void theConfigFolderFollowsEachOsConvention() {
        assertThat(Settings.configDir(null, "Linux", Map.of(), "/home/ann")).isEqualTo(Path.of("/home/ann/.config/mailmedic"));
        assertThat(Settings.configDir(null, "Linux", Map.of("XDG_CONFIG_HOME", "/xdg"), "/home/ann"))
                .isEqualTo(Path.of("/xdg/mailmedic"));
        assertThat(Settings.configDir(null, "Linux", Map.of("XDG_CONFIG_HOME", "relative"), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.config/mailmedic"));
        assertThat(Settings.configDir(null, "Mac OS X", Map.of(), "/Users/ann"))
                .isEqualTo(Path.of("/Users/ann/Library/Application Support/MailMedic"));
        assertThat(Settings.configDir(null, "Windows 11", Map.of("APPDATA", "/appdata"), "/u"))
                .isEqualTo(Path.of("/appdata", "MailMedic"));
        assertThat(Settings.configDir("/tmp/override", "Linux", Map.of(), "/home/ann")).isEqualTo(Path.of("/tmp/override"));
    }
}
