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
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
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
     * The stack's workload clusters, sorted, that {@code cluster:} globs are matched against.
     *
     * @param complete false when some file could not be read, so a glob that matches nothing may be missing
     *                 its clusters rather than mistyped: it is not reported then
     */
    record WorkloadClusters(SortedSet<String> names, boolean complete) {
        WorkloadClusters {
            names = Collections.unmodifiableSortedSet(new TreeSet<>(names));
        }

        /** The names of the workload_cluster documents among {@code documents}. */
        static WorkloadClusters of(List<SourceDocument> documents, boolean complete) {
            SortedSet<String> names = new TreeSet<>();
            for (SourceDocument document : documents) {
                if (ResourceKind.WORKLOAD_CLUSTER.kind().equals(document.text("kind"))) {
                    String name = document.root().path("metadata").path("name").asString("");
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            return new WorkloadClusters(names, complete);
        }
    }

    /**
     * One resource per cluster the document names ({@code cluster: [a, b]} or {@code cluster: "*"}
     * declares a shared baseline once); empty when the document has no usable name, which the schema
     * has reported.
     */
    static List<Resource> build(SourceDocument source, ResourceKind kind, SensitiveFields sensitive,
            WorkloadClusters clusters, List<Diagnostic> problems) {
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
        return placements(source, kind, clusters, problems).stream()
                .map(cluster -> new Resource(Address.in(kind, name, cluster), kind, version,
                        shallowCopy(document), lifecycle, invite, sent, source))
                .toList();
    }

    /**
     * The clusters a document places its resource in ("" is the parent): the union of the names and
     * glob matches it lists, each once, in the order first named.
     */
    private static List<String> placements(SourceDocument source, ResourceKind kind, WorkloadClusters clusters,
            List<Diagnostic> problems) {
        JsonNode cluster = source.root().path("cluster");
        if (kind.parentOnly() || cluster.isMissingNode() || cluster.isNull()) {
            return List.of("");
        }
        Set<String> placed = new LinkedHashSet<>();
        if (cluster.isArray()) {
            for (int i = 0; i < cluster.size(); i++) {
                if (cluster.get(i).isString()) { // the schema reports any other entry
                    place(cluster.get(i).asString(), "/cluster/" + i, source, clusters, placed, problems);
                }
            }
        } else {
            place(cluster.asString(""), "/cluster", source, clusters, placed, problems);
        }
        return List.copyOf(placed);
    }

    private static void place(String entry, String pointer, SourceDocument source, WorkloadClusters clusters,
            Set<String> placed, List<Diagnostic> problems) {
        if (entry.isEmpty()) {
            return;
        }
        if (!ClusterGlob.isGlob(entry)) {
            placed.add(entry); // whether it exists is StackRules' question
            return;
        }
        List<String> matched = ClusterGlob.of(entry).matching(clusters.names());
        if (matched.isEmpty() && clusters.complete()) {
            // "*" over no cluster is a fleet emptied on purpose (its last tenant removed), where a glob with
            // letters in it that matches nothing is likely a typo
            problems.add(entry.equals("*")
                    ? Diagnostic.warning(source.at(pointer), FieldPaths.display(pointer), "\"*\" matches no "
                            + "workload_cluster: the stack declares none, so this is managed nowhere")
                    : Diagnostic.error(source.at(pointer), FieldPaths.display(pointer), "\"" + entry
                            + "\" matches no workload_cluster of this stack (" + declared(clusters.names())
                            + "); the resource would be managed nowhere"));
        }
        placed.addAll(matched);
    }

    /** {@code there are: a, b, c}, at most ten of them named. */
    private static String declared(SortedSet<String> names) {
        if (names.isEmpty()) {
            return "it declares none";
        }
        List<String> shown = names.stream().limit(10).toList();
        return "there are: " + String.join(", ", shown)
                + (names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "");
    }

    /**
     * Where {@code resource}'s cluster is written in its document: {@code /cluster}, or the list
     * element naming it (by name, else the first glob matching it), so that a problem with one
     * cluster of a list points at that entry.
     */
    static String clusterPointer(Resource resource) {
        JsonNode cluster = resource.source().root().path("cluster");
        for (int i = 0; cluster.isArray() && i < cluster.size(); i++) {
            if (resource.cluster().equals(cluster.get(i).asString(""))) {
                return "/cluster/" + i;
            }
        }
        for (int i = 0; cluster.isArray() && i < cluster.size(); i++) {
            String entry = cluster.get(i).asString("");
            if (ClusterGlob.isGlob(entry) && ClusterGlob.of(entry).matches(resource.cluster())) {
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
