package org.mailmedic.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a report written by {@link JsonReportWriter}. Unknown fields are ignored (a newer
 * writer of the same schema version may add some); a missing or newer schema version, or a
 * file that is not a report, is refused with a message naming the file.
 */
public final class JsonReportReader {

    private JsonReportReader() {
    }

    public static ReportModel read(Path in) throws ReportFileException {
        JsonNode tree;
        try (InputStream s = Files.newInputStream(in)) {
            tree = Json.mapper().readTree(s);
        } catch (NoSuchFileException e) {
            throw new ReportFileException(in, "Cannot read " + in + ": no such file.", e);
        } catch (JsonProcessingException e) {
            throw new ReportFileException(in, "Cannot read " + in + ": not valid JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ").", e);
        } catch (IOException e) {
            throw new ReportFileException(in, "Cannot read " + in + ": " + e.getMessage() + ".", e);
        }
        if (tree == null || !tree.isObject() || !tree.has("schemaVersion")) {
            throw new ReportFileException(in, "Cannot read " + in + ": it is not a MailMedic report (no schemaVersion).",
                    null);
        }
        JsonNode v = tree.get("schemaVersion");
        if (!v.isInt() || v.intValue() < 1) {
            throw new ReportFileException(in, "Cannot read " + in + ": schemaVersion " + v + " is not valid.", null);
        }
        if (v.intValue() > ReportModel.SCHEMA_VERSION) {
            throw new ReportFileException(in, "Cannot read " + in + ": it uses report schema version " + v.intValue()
                    + ", newer than this MailMedic understands (" + ReportModel.SCHEMA_VERSION + "). Update MailMedic.",
                    null);
        }
        try {
            return Json.mapper().readerFor(ReportModel.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(tree);
        } catch (IOException | IllegalArgumentException e) {
            throw new ReportFileException(in, "Cannot read " + in + ": the report is damaged ("
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ").", e);
        }
    }
}
