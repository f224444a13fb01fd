package dev.teleform.engine.plan;

import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One field's change: {@code before} is what is live (or was applied, for drift), {@code after}
 * what it becomes. An empty side means the field is absent there.
 *
 * @param pointer   the field as a JSON Pointer, {@code /spec/allow/logins}
 * @param field     the same in dotted form, {@code spec.allow.logins}
 * @param sensitive the field holds, or held, a sensitive variable's value: neither side may be shown or
 *                  saved, only that it changes
 */
public record FieldChange(String pointer, String field, Optional<JsonNode> before, Optional<JsonNode> after,
        boolean sensitive) {

    /** What happens to the field. */
    public enum Kind { ADD, CHANGE, REMOVE }

    public Kind kind() {
        if (before.isEmpty()) {
            return Kind.ADD;
        }
        return after.isEmpty() ? Kind.REMOVE : Kind.CHANGE;
    }

    /**
     * Makes the change in {@code document}: sets the field to {@code after}, creating objects on the
     * way, or removes it when {@code after} is empty. Nothing else in the document is touched.
     */
    public void applyTo(ObjectNode document) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = document;
        for (JsonPointer step = path; !step.tail().matches(); step = step.tail()) {
            JsonNode next = parent.isArray() ? parent.path(step.getMatchingIndex()) : parent.get(step.getMatchingProperty());
            if (next == null || next.isMissingNode() || !next.isContainer()) {
                if (after.isEmpty() || !(parent instanceof ObjectNode object)) {
                    return; // nothing to remove, or no object to create the path in
                }
                next = object.putObject(step.getMatchingProperty());
            }
            parent = next;
        }
        String last = path.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            after.ifPresentOrElse(v -> object.set(last, v.deepCopy()), () -> object.remove(last));
        } else if (parent instanceof ArrayNode array && path.last().getMatchingIndex() >= 0) {
            int index = path.last().getMatchingIndex();
            if (index < array.size()) {
                after.ifPresentOrElse(v -> array.set(index, v.deepCopy()), () -> array.remove(index));
            } else {
                after.ifPresent(v -> array.add(v.deepCopy()));
            }
        }
    }
}
