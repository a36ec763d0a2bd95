package org.mailmedic.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.session.Settings;

/** The Preferences' state without the toolkit. */
class PreferencesViewModelTest {

    private static final Settings SOME = Settings.defaults().withRecentFile(Path.of("/tmp/a.json"));

    @Test
    void startsFromTheSettingsWithTheDefaultBlocklistsSpelledOut() {
        PreferencesViewModel m = new PreferencesViewModel(SOME.withDnsResolver("192.0.2.53:5353").withHeloName("mx.example.com"));
        assertThat(m.resolverProperty().get()).isEqualTo("192.0.2.53:5353");
        assertThat(m.heloProperty().get()).isEqualTo("mx.example.com");
        assertThat(m.dnsblsProperty().get().lines().toList()).isEqualTo(PreferencesViewModel.defaultZones())
                .contains("zen.spamhaus.org");
        assertThat(m.validProperty().get()).isTrue();
        // Unchanged defaults stay "the defaults" (empty), so a later MailMedic's list applies.
        assertThat(m.result().dnsbls()).isEmpty();
        assertThat(m.result().recentFiles()).isEqualTo(SOME.recentFiles());
    }

    @Test
    void eachFieldSaysWhatIsWrongAndNothingIsAppliedUntilAllAreRight() {
        PreferencesViewModel m = new PreferencesViewModel(SOME);
        m.resolverProperty().set("192.0.2.53:70000");
        m.heloProperty().set("mail");
        m.dnsblsProperty().set("zen.spamhaus.org\nbad zone");
        assertThat(m.resolverErrorProperty().get()).isEqualTo("The port '70000' is not a number from 1 to 65535.");
        assertThat(m.heloErrorProperty().get()).startsWith("'mail' is not a valid HELO name: give the full name");
        assertThat(m.dnsblErrorProperty().get()).isEqualTo("Line 2: 'bad zone' is not a domain name (it contains a space)");
        assertThat(m.validProperty().get()).isFalse();
        assertThat(m.result()).isNull();

        m.resolverProperty().set("dns.example.net:5353");
        m.heloProperty().set("mail.example.com");
        m.dnsblsProperty().set("zen.spamhaus.org\nBL.example.net\n");
        assertThat(m.resolverErrorProperty().get()).isEmpty();
        assertThat(m.validProperty().get()).isTrue();
        Settings s = m.result();
        assertThat(s.dnsResolver()).isEqualTo("dns.example.net:5353");
        assertThat(s.heloName()).isEqualTo("mail.example.com");
        assertThat(s.dnsbls()).containsExactly("zen.spamhaus.org", "bl.example.net");
    }

    @Test
    void theDefaultListComesBackAndRecentFilesCanBeForgotten() {
        PreferencesViewModel m = new PreferencesViewModel(SOME.withDnsbls(List.of("only.example.net")));
        assertThat(m.dnsblsProperty().get()).isEqualTo("only.example.net");
        m.restoreDefaultDnsbls();
        assertThat(m.dnsblsProperty().get().lines().toList()).isEqualTo(PreferencesViewModel.defaultZones());
        m.clearRecentFiles();
        assertThat(m.result().dnsbls()).isEmpty();
        assertThat(m.result().recentFiles()).isEmpty();
    }
}
