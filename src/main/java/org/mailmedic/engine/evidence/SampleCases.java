package org.mailmedic.engine.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The sample cases shipped inside the app. They are copied out to a folder of the caller's
 * choosing (normally a fresh temporary folder) so that they are ordinary files like any the
 * user drops in.
 */
public final class SampleCases {

    private static final String ROOT = "/org/mailmedic/samples/";

    private SampleCases() {
    }

    /** Every shipped case, in the order of {@code index.txt}. */
    public static List<SampleCase> all() {
        List<SampleCase> out = new ArrayList<>();
        for (String id : readResource("index.txt").lines().map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList()) {
            Properties p = new Properties();
            try (InputStream in = open(id + "/case.properties")) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("sample case " + id + " is damaged", e);
            }
            List<String> files = Arrays.stream(p.getProperty("files", "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            out.add(new SampleCase(id, p.getProperty("title", id), p.getProperty("summary", ""),
                    p.getProperty("domain", ""), p.getProperty("mta", ""), files));
        }
        return out;
    }

    public static Optional<SampleCase> byId(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Copies a case's files into {@code dir} (created if needed) and returns their paths. */
    public static List<Path> extract(SampleCase c, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> paths = new ArrayList<>();
        for (String f : c.files()) {
            Path target = dir.resolve(f);
            try (InputStream in = open(c.id() + "/" + f)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            paths.add(target);
        }
        return paths;
    }

    /** Copies a case into a new temporary folder. */
    public static List<Path> extractToTemp(SampleCase c) throws IOException {
        return extract(c, Files.createTempDirectory("mailmedic-sample-" + c.id() + "-"));
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = SampleCases.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IOException("sample resource missing: " + name);
        }
        return in;
    }

    private static String readResource(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
