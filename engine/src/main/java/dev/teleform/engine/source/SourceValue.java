package dev.teleform.engine.source;

import dev.teleform.engine.diag.SourcePosition;
import tools.jackson.databind.JsonNode;

/**
 * One YAML value of any kind (a data file's list or mapping) with the position of every part.
 *
 * @param root      the value
 * @param positions where each part came from
 */
public record SourceValue(JsonNode root, SourceMap positions) {

    public SourcePosition at(String pointer) {
        return positions.valueAt(pointer);
    }

    public SourcePosition keyAt(String pointer) {
        return positions.keyAt(pointer);
    }
}
