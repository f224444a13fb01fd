package dev.teleform.engine.stack;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.resource.InvitePolicy;
import dev.teleform.engine.resource.Lifecycle;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.SourceDocument;
import java.time.Duration;
import java.util.List;
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

    /**
     * One resource per cluster the document names ({@code cluster: [a, b]} declares a shared
     * baseline once); empty when the document has no usable name, which the schema has reported.
     */
    static List<Resource> build(SourceDocument source, ResourceKind kind, SensitiveFields sensitive,
            List<Diagnostic> problems) {
        JsonNode root = source.root();
        String name = root.path("metadata").path("name").asString("");
        if (name.isEmpty()) {
            return List.of();
        }
        ObjectNode document = shallowCopy(source.root());
        TELEFORM_KEYS.forEach(document::remove);
        for (ServerSetField field : SERVER_SET) {
            if (field.removeFrom(document)) {
                problems.add(Diagnostic.warning(source.keyAt(field.pointer()), FieldPaths.display(field.pointer()),
                        "is set by the server; Teleform ignores it (you may delete it)"));
            }
        }
        String version = root.path("version").asString("");
        Lifecycle lifecycle = lifecycle(root.path("lifecycle"));
        InvitePolicy invite = invite(kind, root.path("invite"));
        // Teleform's keys and server-set fields are not sent, so what they held is not in the resource.
        SensitiveFields sent = SensitiveFields.of(sensitive.pointers().stream()
                .filter(pointer -> !document.at(pointer).isMissingNode()).toList());
        // each copy gets its own top-level object: later stages may set fields on one cluster's copy
        return clusters(kind, root.path("cluster")).stream()
                .map(cluster -> new Resource(Address.in(kind, name, cluster), kind, version,
                        shallowCopy(document), lifecycle, invite, sent, source))
                .toList();
    }

    /** The clusters a document places its resource in: "" is the parent. */
    private static List<String> clusters(ResourceKind kind, JsonNode cluster) {
        if (kind.parentOnly() || cluster.isMissingNode() || cluster.isNull()) {
            return List.of("");
        }
        if (cluster.isArray()) {
            return StreamSupport.stream(cluster.spliterator(), false)
                    .filter(JsonNode::isString) // the schema reports any other entry
                    .map(JsonNode::asString)
                    .filter(name -> !name.isEmpty())
                    .distinct()
                    .toList();
        }
        return List.of(cluster.asString(""));
    }

    /**
     * Where {@code resource}'s cluster is written in its document: {@code /cluster}, or the list
     * element naming it, so that a problem with one cluster of a list points at that entry.
     */
    static String clusterPointer(Resource resource) {
        JsonNode cluster = resource.source().root().path("cluster");
        for (int i = 0; cluster.isArray() && i < cluster.size(); i++) {
            if (resource.cluster().equals(cluster.get(i).asString(""))) {
                return "/cluster/" + i;
            }
        }
        return "/cluster";
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
