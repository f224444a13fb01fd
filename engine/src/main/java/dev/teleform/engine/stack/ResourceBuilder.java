package dev.teleform.engine.stack;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.resource.InvitePolicy;
import dev.teleform.engine.resource.Lifecycle;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.provider.ResourceKind;
import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.SourceDocument;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a {@link Resource} from a declared document: Teleform's own keys become settings, and
 * fields the server sets (pasted from {@code tctl get}) are dropped with a warning, so what is left
 * is exactly what will be sent to Teleport.
 */
final class ResourceBuilder {

    /** Teleform keys, stripped before anything is sent to Teleport (DESIGN.md §3). */
    static final List<String> TELEFORM_KEYS = List.of("cluster", "lifecycle", "invite");

    /** Fields that Teleport fills in and a stack cannot set: (parent object, field name). */
    private static final List<ServerSetField> SERVER_SET = List.of(
            new ServerSetField("/metadata", "revision"), new ServerSetField("/metadata", "id"),
            new ServerSetField("/metadata", "namespace"), new ServerSetField("", "status"),
            new ServerSetField("/spec", "created_by"), new ServerSetField("/spec", "status"));

    private record ServerSetField(String parent, String name) {
        String pointer() {
            return parent + "/" + name;
        }

        /**
         * Removes the field from {@code document}, copying the object that held it first: the
         * document shares its other subtrees with the source tree, which must stay as written.
         * True when the field was there.
         */
        boolean removeFrom(ObjectNode document) {
            if (parent.isEmpty()) {
                return document.remove(name) != null;
            }
            String holderName = parent.substring(1);
            if (!(document.get(holderName) instanceof ObjectNode holder) || !holder.has(name)) {
                return false;
            }
            ObjectNode copy = shallowCopy(holder);
            copy.remove(name);
            document.set(holderName, copy);
            return true;
        }
    }

    private static ObjectNode shallowCopy(ObjectNode object) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        object.properties().forEach(member -> copy.set(member.getKey(), member.getValue()));
        return copy;
    }

    /** Empty when the document has no usable name; the schema has already reported that. */
    static Optional<Resource> build(SourceDocument source, ResourceKind kind, List<Diagnostic> problems) {
        JsonNode root = source.root();
        String name = root.path("metadata").path("name").asString("");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String cluster = kind.parentOnly() ? "" : root.path("cluster").asString("");
        ObjectNode document = shallowCopy(source.root());
        TELEFORM_KEYS.forEach(document::remove);
        for (ServerSetField field : SERVER_SET) {
            if (field.removeFrom(document)) {
                problems.add(Diagnostic.warning(source.keyAt(field.pointer()), FieldPaths.display(field.pointer()),
                        "is set by the server; Teleform ignores it (you may delete it)"));
            }
        }
        return Optional.of(new Resource(Address.in(kind.kind(), name, cluster), kind, root.path("version").asString(""),
                document, lifecycle(root.path("lifecycle")), invite(kind, root.path("invite")), source));
    }

    private static Lifecycle lifecycle(JsonNode node) {
        if (!node.isObject()) {
            return Lifecycle.DEFAULT;
        }
        List<String> ignore = StreamSupport.stream(node.path("ignore_changes").spliterator(), false)
                .map(n -> n.asString(""))
                .filter(s -> !s.isEmpty())
                .toList();
        return new Lifecycle(node.path("prevent_destroy").asBoolean(false), ignore);
    }

    private static InvitePolicy invite(ResourceKind kind, JsonNode node) {
        if (kind != ResourceKind.USER) {
            return InvitePolicy.NONE;
        }
        if (node.isBoolean() && !node.asBoolean()) {
            return InvitePolicy.NONE;
        }
        Duration ttl = SettingsReader.duration(node.path("ttl")).orElse(InvitePolicy.DEFAULT_TTL);
        return new InvitePolicy(true, ttl);
    }
}
