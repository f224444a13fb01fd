package dev.teleform.engine.stack;

import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.DidYouMean;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.resource.InvitePolicy;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.resource.TeleportPresets;
import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.SourceDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Teleform's rules over a whole stack, beyond what a schema can say about one document: unique
 * addresses, workload cluster names and join methods, {@code cluster:} references, objects that
 * Teleport Cloud owns in a child cluster, and roles that users name.
 */
final class StackRules {

    /** A DNS label: the cluster name becomes {@code <name>.teleport.sh}. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** The stack name becomes part of a git ref ({@code refs/teleform/locks/<stack>}) and a file name. */
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String SUPPORTED_JOIN_METHOD = "iam";
    private static final java.time.Duration SHORTEST_LOCK_LEASE = java.time.Duration.ofSeconds(1);

    private final StackSettings settings;
    private final SourceDocument stackDocument;
    private final List<Resource> resources;
    private final Path dir;
    private final Map<String, Resource> clusters = new HashMap<>();
    private final List<Diagnostic> problems = new ArrayList<>();

    StackRules(StackSettings settings, SourceDocument stackDocument, List<Resource> resources) {
        this.settings = settings;
        this.stackDocument = stackDocument;
        this.resources = resources;
        this.dir = stackDocument.positions().file().toAbsolutePath().getParent();
        resources.stream().filter(r -> r.kind() == ResourceKind.WORKLOAD_CLUSTER)
                .forEach(r -> clusters.putIfAbsent(r.name(), r));
    }

    List<Diagnostic> check() {
        checkStackSettings();
        checkUniqueAddresses();
        resources.stream().filter(r -> r.kind() == ResourceKind.WORKLOAD_CLUSTER).forEach(this::checkWorkloadCluster);
        resources.stream().filter(r -> r.kind() != ResourceKind.WORKLOAD_CLUSTER).forEach(this::checkPlacement);
        resources.stream().filter(r -> r.kind() == ResourceKind.ROLE && TeleportPresets.ROLES.contains(r.name()))
                .filter(onePerDocument()) // a baseline over many clusters is one mistake, said once
                .forEach(this::warnPresetRole);
        resources.stream().filter(onePerDocument()).forEach(this::refuseTeleportsOwnLabels);
        Map<String, Set<String>> roles = rolesByCluster();
        resources.stream().filter(r -> r.kind() == ResourceKind.USER)
                .forEach(user -> checkUser(user, roles.getOrDefault(user.cluster(), Set.of())));
        return problems;
    }

    /** {@code roles.yaml:12}, relative to the stack directory: short enough to sit inside a message. */
    static String shortPlace(Path stackDir, SourcePosition position) {
        Path base = stackDir.toAbsolutePath().normalize();
        String place = SourcePosition.displayPath(position.file(), base) + ":" + position.line();
        // no parentheses: this sits inside a message's own "(first at ...)"
        return position.stamp() == null ? place : place + ", stamped for \"" + position.stamp().key() + "\" by "
                + position.stamp().item().display(base);
    }

    private void checkStackSettings() {
        if (!STACK_NAME.matcher(settings.name()).matches()) {
            error(stackDocument, "/metadata/name", "stack name \"" + settings.name() + "\" must be letters, digits, "
                    + "'.', '_' or '-' (it names the state file and lock)");
        }
        if ("teleport".equals(settings.provider()) && settings.parent().proxy().isEmpty()) {
            error(stackDocument, "/spec/parent/proxy", "is required with provider teleport "
                    + "(the parent cluster's proxy, e.g. acme.teleport.sh:443)");
        }
        if (settings.parent().identityFile().isPresent() && stackDocument.root().path("spec").path("parent").has("join")) {
            problems.add(Diagnostic.error(stackDocument.keyAt("/spec/parent/join"), "spec.parent.join",
                    "set either identity_file or join, not both: identity_file is a person's identity (on a laptop), "
                            + "join a Machine ID bot that joins for the run (in CI)"));
        }
        if (settings.state().lockLease().compareTo(SHORTEST_LOCK_LEASE) < 0) {
            error(stackDocument, "/spec/state/lock_lease", "must be at least 1s: a lease shorter than the time a "
                    + "heartbeat takes to reach the lock would let another run take over a live one");
        }
        for (String name : settings.clusters().keySet()) {
            if (!clusters.containsKey(name)) {
                String pointer = "/spec/clusters/" + name;
                problems.add(Diagnostic.error(stackDocument.keyAt(pointer), "spec.clusters." + name,
                        "names no workload_cluster of this stack" + DidYouMean.hint(name, clusters.keySet())));
            }
        }
    }

    private void checkUniqueAddresses() {
        Map<Address, Resource> first = new HashMap<>();
        for (Resource resource : resources) {
            Resource earlier = first.putIfAbsent(resource.address(), resource);
            if (earlier != null) {
                error(resource.source(), "/metadata/name", resource.address() + " is declared twice (first at "
                        + shortPlace(dir, earlier.source().start()) + ")");
            }
        }
    }

    private void checkWorkloadCluster(Resource cluster) {
        SourceDocument source = cluster.source();
        if (!DNS_LABEL.matcher(cluster.name()).matches()) {
            error(source, "/metadata/name", "workload cluster name \"" + cluster.name() + "\" must be a DNS label: "
                    + "at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit "
                    + "(it becomes " + cluster.name() + ".teleport.sh)");
        }
        if (source.root().has("cluster")) {
            error(source, "/cluster", "a workload_cluster lives in the parent cluster; remove \"cluster:\"");
        }
        JsonNode joinMethod = source.root().path("spec").path("token").path("join_method");
        if (joinMethod.isString() && !SUPPORTED_JOIN_METHOD.equals(joinMethod.asString())) {
            error(source, "/spec/token/join_method", "join method \"" + joinMethod.asString() + "\" is not supported: "
                    + "Teleform bootstraps child clusters with IAM joining only (join_method: iam)");
        }
    }

    /** Roles and users: the cluster they name must exist, be bootstrappable, and not own them. */
    private void checkPlacement(Resource resource) {
        if (resource.address().inParentCluster()) {
            return;
        }
        SourceDocument source = resource.source();
        String clusterPointer = ResourceBuilder.clusterPointer(resource);
        Resource cluster = clusters.get(resource.cluster());
        if (cluster == null) {
            error(source, clusterPointer, "\"" + resource.cluster() + "\" names no workload_cluster of this stack"
                    + DidYouMean.hint(resource.cluster(), clusters.keySet())
                    + (clusters.isEmpty() ? " (the stack declares none)" : ""));
            return;
        }
        JsonNode spec = cluster.source().root().path("spec");
        if (spec.path("bot").path("name").asString("").isEmpty() || spec.path("token").isMissingNode()) {
            error(source, clusterPointer, "workload cluster \"" + cluster.name() + "\" has no spec.bot and spec.token, "
                    + "so Teleform cannot obtain an identity for it to manage " + resource.kind().kind() + "s");
            return;
        }
        String bot = spec.path("bot").path("name").asString();
        if (resource.name().equals(bot) || resource.name().equals("bot-" + bot)) {
            error(source, "/metadata/name", resource.kind().kind() + " \"" + resource.name() + "\" belongs to the bot "
                    + "that Teleport Cloud creates in \"" + cluster.name() + "\" (spec.bot.name: " + bot
                    + "); Teleform must never change it");
        }
    }

    private static Predicate<Resource> onePerDocument() {
        Set<SourceDocument> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return resource -> seen.add(resource.source());
    }

    /**
     * A preset role exists in every cluster, a new workload cluster included, so creating it fails
     * with "already exists" at apply time; changing a preset is legitimate, but only through import.
     */
    private void warnPresetRole(Resource role) {
        problems.add(Diagnostic.warning(role.source().at("/metadata/name"), "metadata.name", "role \"" + role.name()
                + "\" is a Teleport preset role that every cluster already has: creating it fails unless the stack "
                + "matches it exactly; to manage it, '" + new CommandHint(dir).teleform("import " + role.address())
                + "' once it exists, "
                + "or choose another name"));
    }

    /**
     * Labels under {@code teleport.internal/} mark what Teleport made and keeps for itself (a bot's user and role,
     * preset roles): Teleform never writes such a resource, so a stack may not declare one.
     */
    private void refuseTeleportsOwnLabels(Resource resource) {
        resource.document().path("metadata").path("labels").propertyNames().stream()
                .filter(key -> key.startsWith(TeleportPresets.INTERNAL_LABEL_PREFIX))
                .map(key -> "/metadata/labels/" + key.replace("~", "~0").replace("/", "~1"))
                .forEach(pointer -> problems.add(Diagnostic.error(resource.source().keyAt(pointer),
                        FieldPaths.display(pointer), "labels under " + TeleportPresets.INTERNAL_LABEL_PREFIX + " are Teleport's own: they mark a "
                                + "resource Teleport made (a bot's user or role, a preset role), which Teleform never "
                                + "writes; remove the label, or stop declaring the resource")));
    }

    private void checkUser(Resource user, Set<String> known) {
        if (!user.address().inParentCluster() && !clusters.containsKey(user.cluster())) {
            return; // its cluster: is already an error; which roles exist there is unknowable
        }
        SourceDocument source = user.source();
        JsonNode roles = source.root().path("spec").path("roles");
        for (int i = 0; roles.isArray() && i < roles.size(); i++) {
            String role = roles.get(i).asString("");
            if (!role.isEmpty() && !known.contains(role) && !role.contains("{{")) {
                String where = user.address().inParentCluster() ? "the parent cluster"
                        : "workload cluster \"" + user.cluster() + "\"";
                problems.add(Diagnostic.warning(source.at("/spec/roles/" + i), "spec.roles[" + i + "]",
                        "role \"" + role + "\" is neither declared for " + where + " in this stack nor a Teleport "
                                + "preset role" + DidYouMean.hint(role, known) + " (fine if it exists unmanaged)"));
            }
        }
        if (user.invite().enabled() && user.invite().ttl().compareTo(InvitePolicy.MAX_TTL) > 0) {
            error(source, "/invite/ttl", "Teleport issues invite links valid for at most 48h");
        }
        if (user.invite().enabled() && (roles.isMissingNode() || roles.isNull() || roles.isArray() && roles.isEmpty())) {
            error(source, "/spec/roles", "a user who gets an invite needs at least one role: Teleport makes a new user "
                    + "and its invite link together (tctl users add), which takes the user's roles; give it a role in "
                    + "spec.roles, or set invite: false");
        }
    }

    /** Role names usable in each cluster: presets, the stack's roles there, and the child's bot role. */
    private Map<String, Set<String>> rolesByCluster() {
        Map<String, Set<String>> byCluster = new HashMap<>();
        byCluster.put("", new HashSet<>(TeleportPresets.ROLES));
        clusters.forEach((name, cluster) -> {
            Set<String> roles = new HashSet<>(TeleportPresets.ROLES);
            String bot = cluster.source().root().path("spec").path("bot").path("name").asString("");
            if (!bot.isEmpty()) {
                roles.add(bot);
            }
            byCluster.put(name, roles);
        });
        resources.stream().filter(r -> r.kind() == ResourceKind.ROLE)
                .forEach(role -> byCluster.computeIfAbsent(role.cluster(), c -> new HashSet<>()).add(role.name()));
        return byCluster;
    }

    private void error(SourceDocument source, String pointer, String message) {
        problems.add(Diagnostic.error(source.at(pointer), FieldPaths.display(pointer), message));
    }
}
