package org.mailmedic.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Applies a text transformation to every free-text string of a model, in document order, by
 * walking its JSON tree: new model fields are covered without code changes here. Structural
 * fields (enums, the evidence kind tag, times, checksums, sizes) are left alone.
 */
final class ModelText {

    /** JSON field names whose values are identifiers or formats, never free text. */
    private static final Set<String> STRUCTURAL = Set.of("kind", "schemaVersion", "generatedAt", "time", "at",
            "sha256", "severity", "confidence", "lastResult", "status", "generatorVersion");

    private ModelText() {
    }

    static ReportModel map(ReportModel model, UnaryOperator<String> fn) {
        JsonNode tree = Json.mapper().valueToTree(model);
        JsonNode mapped = walk(tree, null, fn);
        try {
            return Json.mapper().treeToValue(mapped, ReportModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report model did not survive a text transformation", e);
        }
    }

    /** The model's JSON tree with {@code fn} applied to its free text (for writing JSON directly). */
    static JsonNode mapTree(ReportModel model, UnaryOperator<String> fn) {
        return walk(Json.mapper().valueToTree(model), null, fn);
    }

    private static JsonNode walk(JsonNode node, String field, UnaryOperator<String> fn) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(walk(e.getValue(), e.getKey(), fn));
            }
            return obj;
        }
        if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, walk(arr.get(i), field, fn));
            }
            return arr;
        }
        if (node.isTextual() && (field == null || !STRUCTURAL.contains(field))) {
            String before = node.textValue();
            String after = fn.apply(before);
            return after == before ? node : TextNode.valueOf(after);
        }
        return node;
    }
}
