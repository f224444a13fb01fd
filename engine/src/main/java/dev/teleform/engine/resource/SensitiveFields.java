package dev.teleform.engine.resource;

import dev.teleform.engine.diag.Redaction;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of a resource whose values came from a sensitive variable of {@code spec.environment}, as
 * JSON Pointers into its document ({@code /spec/allow/logins/1}). Their values go to Teleport and nowhere
 * else: plans, plan files and state hold {@link Redaction#PLACEHOLDER} in their place.
 *
 * @param pointers the sensitive fields, sorted
 */
public record SensitiveFields(Set<String> pointers) {

    public static final SensitiveFields NONE = new SensitiveFields(Set.of());

    public SensitiveFields {
        pointers = Collections.unmodifiableSortedSet(new TreeSet<>(pointers));
    }

    public static SensitiveFields of(Collection<String> pointers) {
        return pointers.isEmpty() ? NONE : new SensitiveFields(Set.copyOf(pointers));
    }

    public boolean isEmpty() {
        return pointers.isEmpty();
    }

    public SensitiveFields plus(SensitiveFields other) {
        Set<String> both = new TreeSet<>(pointers);
        both.addAll(other.pointers);
        return new SensitiveFields(both);
    }

    /** Whether the value at {@code pointer} is sensitive: it is a sensitive field or lies inside one. */
    public boolean covers(String pointer) {
        return pointers.stream().anyMatch(sensitive -> pointer.equals(sensitive) || pointer.startsWith(sensitive + "/"));
    }

    /**
     * Whether the value at {@code pointer} holds anything sensitive: it is covered, or a sensitive field lies
     * inside it (a list with one sensitive element). Such a value can only be shown whole as the placeholder:
     * the live side of a list Teleport treats as a set may hold the secret at any index.
     */
    public boolean touches(String pointer) {
        return covers(pointer) || pointers.stream().anyMatch(sensitive -> sensitive.startsWith(pointer + "/"));
    }

    /** A copy of {@code document} with the placeholder at each sensitive field it has. */
    public ObjectNode masked(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        for (String pointer : pointers) {
            JsonPointer path = JsonPointer.compile(pointer);
            JsonNode holder = copy.at(path.head());
            JsonNode placeholder = JsonNodeFactory.instance.stringNode(Redaction.PLACEHOLDER);
            String name = path.last().getMatchingProperty();
            int index = path.last().getMatchingIndex();
            if (holder instanceof ObjectNode object && object.has(name)) {
                object.set(name, placeholder);
            } else if (holder instanceof ArrayNode array && index >= 0 && index < array.size()) {
                array.set(index, placeholder);
            }
        }
        return copy;
    }
}
