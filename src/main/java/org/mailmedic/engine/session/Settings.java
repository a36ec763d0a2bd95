package org.mailmedic.engine.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailmedic.engine.report.AtomicFiles;
import org.mailmedic.engine.report.Json;
import org.mailmedic.engine.report.ReportFileException;

/**
 * The user's settings, kept between runs as {@code settings.json} in the config folder of the
 * OS ({@link #defaultFile()}): the DNS resolver to ask, the HELO name for SMTP checks, the DNS
 * blocklists, and the recently opened files. A missing or damaged file gives the defaults (a
 * damaged one is never overwritten silently: {@link #load(Path)} reports it).
 *
 * @param schemaVersion 1
 * @param dnsResolver   "HOST:PORT" of a DNS server to ask, or "" for the system's resolvers
 * @param heloName      the name to introduce MailMedic with in SMTP checks, or "" for the default
 * @param dnsbls        the blocklist zones to check, empty for MailMedic's default list
 * @param recentFiles   recently opened files and sessions, most recent first, at most {@link #MAX_RECENT}
 */
public record Settings(int schemaVersion, String dnsResolver, String heloName, List<String> dnsbls,
        List<String> recentFiles) {

    public static final int MAX_RECENT = 10;

    /** A system property naming the config folder (tests point it at a temporary folder). */
    public static final String DIR_PROPERTY = "mailmedic.config.dir";

    public Settings {
        schemaVersion = 1;
        dnsResolver = dnsResolver == null ? "" : dnsResolver.strip();
        heloName = heloName == null ? "" : heloName.strip();
        dnsbls = dnsbls == null ? List.of() : dnsbls.stream().filter(s -> s != null && !s.isBlank()).map(String::strip)
                .distinct().toList();
        recentFiles = recentFiles == null ? List.of()
                : recentFiles.stream().filter(s -> s != null && !s.isBlank()).distinct().limit(MAX_RECENT).toList();
    }

    public static Settings defaults() {
        return new Settings(1, "", "", List.of(), List.of());
    }

    public Settings withDnsResolver(String v) {
        return new Settings(1, v, heloName, dnsbls, recentFiles);
    }

    public Settings withHeloName(String v) {
        return new Settings(1, dnsResolver, v, dnsbls, recentFiles);
    }

    public Settings withDnsbls(List<String> v) {
        return new Settings(1, dnsResolver, heloName, v, recentFiles);
    }

    /** With {@code file} first in the recent list (moved up if it was there already). */
    public Settings withRecentFile(Path file) {
        List<String> r = new ArrayList<>();
        String p = file.toAbsolutePath().normalize().toString();
        r.add(p);
        recentFiles.stream().filter(x -> !x.equals(p)).forEach(r::add);
        return new Settings(1, dnsResolver, heloName, dnsbls, r);
    }

    /** Where the settings live on this OS, or under {@value #DIR_PROPERTY} when it is set. */
    public static Path defaultFile() {
        return configDir(System.getProperty(DIR_PROPERTY), System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("user.home", ".")).resolve("settings.json");
    }

    /**
     * The config folder: {@code %APPDATA%\MailMedic} on Windows, {@code ~/Library/Application
     * Support/MailMedic} on macOS, {@code $XDG_CONFIG_HOME/mailmedic} or {@code ~/.config/mailmedic}
     * elsewhere.
     */
    static Path configDir(String override, String osName, Map<String, String> env, String home) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank() ? Path.of(appData, "MailMedic")
                    : Path.of(home, "AppData", "Roaming", "MailMedic");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "MailMedic");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg, "mailmedic")
                : Path.of(home, ".config", "mailmedic");
    }

    /** The settings and, when the file could not be used, why (else null). */
    public record Loaded(Settings settings, String problem) {
    }

    /** Reads {@code file}; a missing file gives the defaults, a damaged one the defaults and a problem. */
    public static Loaded load(Path file) {
        if (!Files.exists(file)) {
            return new Loaded(defaults(), null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            Settings s = Json.mapper().readerFor(Settings.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in);
            return new Loaded(s == null ? defaults() : s, null);
        } catch (IOException | RuntimeException e) {
            return new Loaded(defaults(), "The settings in " + file + " could not be read (" + e.getMessage()
                    .lines().findFirst().orElse("") + "); the defaults are used.");
        }
    }

    /** Writes {@code file} atomically, creating its folder. */
    public void save(Path file) throws ReportFileException {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ReportFileException(file, "Cannot save the settings: the folder " + dir + " cannot be created ("
                    + e.getMessage() + ").", e);
        }
        AtomicFiles.write(file, out -> {
            JsonGenerator g = Json.mapper().getFactory().createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            Json.mapper().writeValue(g, this);
            out.flush();
        });
    }
}
