package org.mailmedic.ui.settings;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.mailmedic.engine.probe.dnsbl.Dnsbl;
import org.mailmedic.engine.session.Settings;
import org.mailmedic.engine.session.SettingsCheck;

/**
 * The Preferences dialog's state: the DNS resolver, the HELO name and the blocklists as the
 * user types them, a message per field as soon as it cannot be used, and the settings they make.
 * Needs no toolkit (plain properties; every check is string work).
 */
public final class PreferencesViewModel {

    private final Settings start;
    private final StringProperty resolver = new SimpleStringProperty("");
    private final StringProperty helo = new SimpleStringProperty("");
    private final StringProperty dnsbls = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper resolverError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper heloError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dnsblError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private boolean clearRecent;

    /** @param current the settings in use (their recent files are kept unless cleared) */
    public PreferencesViewModel(Settings current) {
        this.start = current;
        resolver.set(current.dnsResolver());
        helo.set(current.heloName());
        dnsbls.set(String.join("\n", current.dnsbls().isEmpty() ? defaultZones() : current.dnsbls()));
        resolver.addListener((o, a, b) -> validate());
        helo.addListener((o, a, b) -> validate());
        dnsbls.addListener((o, a, b) -> validate());
        validate();
    }

    /** The shipped blocklist zones, in order. */
    public static List<String> defaultZones() {
        return Dnsbl.defaults().stream().map(Dnsbl::zone).toList();
    }

    /** Puts MailMedic's own blocklist list back in the text. */
    public void restoreDefaultDnsbls() {
        dnsbls.set(String.join("\n", defaultZones()));
    }

    /** Forgets the recent files when the settings are applied. */
    public void clearRecentFiles() {
        clearRecent = true;
    }

    private void validate() {
        String r = SettingsCheck.resolverProblem(resolver.get());
        resolverError.set(r == null ? "" : capitalise(r) + ".");
        String h = SettingsCheck.heloProblem(helo.get());
        heloError.set(h == null ? "" : capitalise(h) + ".");
        List<String> d = SettingsCheck.dnsblProblems(dnsbls.get());
        dnsblError.set(d.isEmpty() ? "" : String.join("\n", d.stream().limit(5).toList())
                + (d.size() > 5 ? "\n… and " + (d.size() - 5) + " more." : ""));
        valid.set(r == null && h == null && d.isEmpty());
    }

    /**
     * The settings as typed, or null while a field cannot be used. A blocklist text equal to the
     * default list is kept as "the defaults" (empty), so that a later MailMedic's new defaults apply.
     */
    public Settings result() {
        if (!valid.get()) {
            return null;
        }
        List<String> zones = SettingsCheck.dnsblZones(dnsbls.get());
        if (zones.isEmpty() || zones.equals(defaultZones())) {
            zones = List.of();
        }
        Settings s = start.withDnsResolver(resolver.get()).withHeloName(helo.get()).withDnsbls(zones);
        return clearRecent ? new Settings(1, s.dnsResolver(), s.heloName(), s.dnsbls(), List.of()) : s;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public StringProperty resolverProperty() {
        return resolver;
    }

    public StringProperty heloProperty() {
        return helo;
    }

    /** The blocklist zones, one a line. */
    public StringProperty dnsblsProperty() {
        return dnsbls;
    }

    public ReadOnlyStringProperty resolverErrorProperty() {
        return resolverError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty heloErrorProperty() {
        return heloError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dnsblErrorProperty() {
        return dnsblError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
