package dev.teleform.engine.source;

import dev.teleform.engine.diag.SourcePosition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One YAML document of a stack file, as a JSON tree with the position of every value.
 *
 * @param root      the document (a mapping: anything else is reported by the reader)
 * @param positions where each value came from
 */
public record SourceDocument(ObjectNode root, SourceMap positions) {

    /** Where the document starts. */
    public SourcePosition start() {
        return positions.valueAt("");
    }

    /** Position of the value at {@code pointer} (or its nearest ancestor). */
    public SourcePosition at(String pointer) {
        return positions.valueAt(pointer);
    }

    /** Position of the key naming {@code pointer} (or the value, for array elements). */
    public SourcePosition keyAt(String pointer) {
        return positions.keyAt(pointer);
    }

    /** The text of a top-level string field, or empty. */
    public String text(String field) {
        JsonNode node = root.get(field);
        return node != null && node.isString() ? node.asString() : "";
    }
}
