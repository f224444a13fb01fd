package dev.teleform.engine.render;

import dev.teleform.engine.json.CanonicalJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;

/**
 * One JSON value as one line, for NDJSON and files appended to a line at a time: Jackson's compact
 * form (no spaces, no line breaks; a line break inside a string is escaped), with keys in the order
 * they were put, so a reader meets {@code time} and {@code event} first.
 */
public final class JsonLine {

    private static final ObjectWriter COMPACT = CanonicalJson.mapper().writer()
            .without(SerializationFeature.INDENT_OUTPUT)
            .without(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private JsonLine() {
    }

    /** An empty object to fill in, keeping the order its keys are put in. */
    public static ObjectNode object() {
        return CanonicalJson.mapper().createObjectNode();
    }

    /** The line, without its line break. */
    public static String of(JsonNode node) {
        return COMPACT.writeValueAsString(node);
    }
}
