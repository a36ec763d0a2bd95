package org.mailmedic.engine.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mailmedic.engine.report.AtomicFiles;
import org.mailmedic.engine.report.Json;
import org.mailmedic.engine.report.ReportFileException;
import org.mailmedic.engine.report.ReportModel;

/**
 * Saves and opens {@link Session} files. Saving is atomic (a temporary file, then a move: a
 * failed save never leaves a half-written session under the chosen name). Opening validates the
 * version and re-checks every evidence file against its saved checksum: a missing or changed
 * file is flagged, not fatal, so a session sent to a consultant without its logs still opens.
 */
public final class SessionStore {

    private SessionStore() {
    }

    /** How an evidence file compares with the one the session was saved with. */
    public enum FileState { SAME, CHANGED, MISSING }

    /** One evidence file's state on opening, with a sentence for the user when it is not the same. */
    public record FileCheck(Session.FileRef file, FileState state, String message) {
    }

    /** An opened session and the state of its evidence files. */
    public record Loaded(Session session, List<FileCheck> files) {
        /** The files that can be read again as they were (SAME). */
        public List<Path> usableFiles() {
            return files.stream().filter(f -> f.state() == FileState.SAME).map(f -> Path.of(f.file().path())).toList();
        }

        /** The sentences about missing or changed files, empty when all are as saved. */
        public List<String> warnings() {
            return files.stream().filter(f -> f.state() != FileState.SAME).map(FileCheck::message).toList();
        }
    }

    public static void save(Session session, Path out) throws ReportFileException {
        AtomicFiles.write(out, stream -> {
            JsonGenerator g = Json.mapper().getFactory().createGenerator(stream);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            Json.mapper().writeValue(g, session);
            stream.write('\n');
            stream.flush();
        });
    }

    /**
     * Opens a session file.
     *
     * @throws ReportFileException the file cannot be read, is not a session, or is of a version this
     *                             MailMedic does not know (the message says which and what to do)
     */
    public static Loaded load(Path in) throws ReportFileException {
        JsonNode tree;
        try (InputStream s = Files.newInputStream(in)) {
            tree = Json.mapper().readTree(s);
        } catch (NoSuchFileException e) {
            throw new ReportFileException(in, "Cannot open " + in + ": no such file.", e);
        } catch (JsonProcessingException e) {
            throw new ReportFileException(in, "Cannot open " + in + ": it is not a MailMedic session (not valid JSON: "
                    + e.getOriginalMessage() + ").", e);
        } catch (IOException e) {
            throw new ReportFileException(in, "Cannot open " + in + ": " + e.getMessage() + ".", e);
        }
        if (tree == null || !tree.isObject() || !Session.TYPE.equals(tree.path("type").asText())) {
            boolean report = tree != null && tree.isObject() && tree.has("schemaVersion") && tree.has("findings");
            throw new ReportFileException(in, "Cannot open " + in + ": it is not a MailMedic session"
                    + (report ? " (it looks like an exported report; sessions are saved with File > Save session)." : "."),
                    null);
        }
        JsonNode v = tree.get("schemaVersion");
        if (v == null || !v.isInt() || v.intValue() < 1) {
            throw new ReportFileException(in, "Cannot open " + in + ": its schemaVersion " + v + " is not valid.", null);
        }
        if (v.intValue() != Session.SCHEMA_VERSION) {
            throw new ReportFileException(in, "Cannot open " + in + ": it was saved with session schema version "
                    + v.intValue() + ", and this MailMedic understands only version " + Session.SCHEMA_VERSION
                    + (v.intValue() > Session.SCHEMA_VERSION ? ". Update MailMedic to open it." : "."), null);
        }
        Session s;
        try {
            s = Json.mapper().readerFor(Session.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(tree);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new ReportFileException(in, "Cannot open " + in + ": the session is damaged ("
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ").", e);
        }
        List<FileCheck> checks = new ArrayList<>();
        for (Session.FileRef f : s.files()) {
            checks.add(check(f));
        }
        return new Loaded(s, checks);
    }

    static FileCheck check(Session.FileRef f) {
        Path p;
        try {
            p = Path.of(f.path());
        } catch (RuntimeException e) {
            return new FileCheck(f, FileState.MISSING, f.path() + " is not a usable file name on this computer.");
        }
        if (!Files.isRegularFile(p)) {
            return new FileCheck(f, FileState.MISSING, f.path() + " is no longer there; its results are shown as saved.");
        }
        try {
            ReportModel.AnalysedFile now = ReportModel.AnalysedFile.of(p, f.kind());
            if (now.sha256().equalsIgnoreCase(f.sha256())) {
                return new FileCheck(f, FileState.SAME, "");
            }
            return new FileCheck(f, FileState.CHANGED, f.path() + " has changed since the session was saved"
                    + " (its checksum differs); the results shown are those of the file as it was.");
        } catch (IOException e) {
            return new FileCheck(f, FileState.MISSING, f.path() + " cannot be read (" + e.getMessage() + ").");
        }
    }
}
