package org.mailmedic.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a {@link ReportModel} as JSON ({@code "schemaVersion": 1}) with {@link Json#mapper()},
 * atomically (see {@link AtomicFiles}). Text is written as observed, except that broken UTF-16
 * becomes U+FFFD (JSON cannot carry it).
 */
public final class JsonReportWriter {

    private JsonReportWriter() {
    }

    public static void write(ReportModel model, Path out) throws ReportFileException {
        write(model, out, false);
    }

    /** With {@code redact}, the model is passed through a fresh {@link Redactor} first. */
    public static void write(ReportModel model, Path out, boolean redact) throws ReportFileException {
        ReportModel m = redact ? Redactor.redactModel(model) : model;
        AtomicFiles.write(out, stream -> writeTo(m, stream));
    }

    /** The same JSON onto a stream (the command line's {@code --json}); the stream stays open. */
    public static void writeTo(ReportModel model, OutputStream out) throws IOException {
        JsonNode tree = ModelText.mapTree(model, TextSanitizer::fixSurrogates);
        JsonGenerator g = Json.mapper().getFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        Json.mapper().writeValue(g, tree);
        out.write('\n');
        out.flush();
    }

}
