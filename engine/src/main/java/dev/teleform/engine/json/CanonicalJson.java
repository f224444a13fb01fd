package dev.teleform.engine.json;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads JSON in Teleform's canonical form: sorted keys, {@code "key": value}, two-space indent.
 * Jackson sorts the keys of every object as it writes a tree ({@link JsonNodeFeature#WRITE_PROPERTIES_SORTED}),
 * so the tree itself is neither copied nor changed.
 */
public final class CanonicalJson {

    private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
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

    /** For reading JSON and making nodes; what it writes has sorted keys and two-space indentation. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** The canonical text of {@code node}: sorted keys, pretty, newline-terminated. */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node) + "\n";
    }
}
