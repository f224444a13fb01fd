package dev.teleform.engine.render;

import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.plan.FieldChange;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A field change's values as every format shows them: the value, {@code (absent)}, or for a sensitive
 * field the placeholder, so a reviewer sees that it changes and never what it holds.
 */
final class FieldValues {

    static final String ABSENT = "(absent)";

    private FieldValues() {
    }

    static String before(FieldChange change) {
        return text(change, change.before());
    }

    static String after(FieldChange change) {
        return text(change, change.after());
    }

    /** {@code value} (a side of {@code change}) for JSON output. */
    static Optional<JsonNode> json(FieldChange change, Optional<JsonNode> value) {
        return change.sensitive() ? value.map(v -> JsonNodeFactory.instance.stringNode(Redaction.PLACEHOLDER)) : value;
    }

    private static String text(FieldChange change, Optional<JsonNode> value) {
        return value.map(v -> change.sensitive() ? Redaction.PLACEHOLDER : v.toString()).orElse(ABSENT);
    }
}
