package dev.teleform.provider.simulator.command;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * How {@code teleform sim} prints documents, the way {@code tctl get} does: YAML with sorted keys and
 * no needless quotes, or JSON indented by four spaces with {@code "key": value}.
 */
final class SimOutput {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();
    private static final DefaultIndenter FOUR_SPACES = new DefaultIndenter("    ", "\n");
    private static final DefaultPrettyPrinter TCTL_JSON = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(FOUR_SPACES)
            .withArrayIndenter(FOUR_SPACES);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(TCTL_JSON)
            .build();

    private SimOutput() {
    }

    static String yaml(JsonNode document) {
        return YAML.writeValueAsString(sorted(document));
    }

    static String json(Object value) {
        Object printable = value instanceof JsonNode node ? sorted(node) : value;
        return JSON.writeValueAsString(printable) + "\n";
    }

    /** Jackson sorts map entries but not tree properties; a sorted copy prints in key order. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            var copy = JSON.createObjectNode();
            node.propertyNames().stream().sorted().forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
