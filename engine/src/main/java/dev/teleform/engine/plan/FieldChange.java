package dev.teleform.engine.plan;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One field's change: {@code before} is what is live (or was applied, for drift), {@code after}
 * what it becomes. An empty side means the field is absent there.
 *
 * @param pointer the field as a JSON Pointer, {@code /spec/allow/logins}
 * @param field   the same in dotted form, {@code spec.allow.logins}
 */
public record FieldChange(String pointer, String field, Optional<JsonNode> before, Optional<JsonNode> after) {

    /** What happens to the field. */
    public enum Kind { ADD, CHANGE, REMOVE }

    public Kind kind() {
        if (before.isEmpty()) {
            return Kind.ADD;
        }
        return after.isEmpty() ? Kind.REMOVE : Kind.CHANGE;
    }
}
