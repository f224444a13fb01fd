package dev.teleform.engine.json;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes and reads JSON in Teleform's canonical form: sorted keys, {@code "key": value}, two-space indent. */
public final class CanonicalJson {

    private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(TWO_SPACES)
                    .withArrayIndenter(TWO_SPACES))
            .build();

    private CanonicalJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** The canonical text of {@code node}: sorted keys, pretty, newline-terminated. */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(sorted(node)) + "\n";
    }

    /** A copy of {@code node} whose object keys are in sorted order at every level. */
    public static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = MAPPER.createObjectNode();
            object.propertyNames().stream().sorted().forEach(name -> copy.set(name, sorted(object.get(name))));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = MAPPER.createArrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
