package dev.teleform.provider.simulator.cloud;

import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.provider.simulator.store.SimStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Out-of-band administration of a simulator data directory, for {@code teleform sim}: what a person
 * with {@code tctl} and full rights would do to the clusters "outside Teleform" (edit or delete a
 * resource, issue an identity), plus looking at everything and configuring faults.
 */
public final class SimConsole {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final ProviderConfig config;
    private final SimStore store;
    private final Faults faults;
    private SimulatedCloud cloud;

    public SimConsole(ProviderConfig config) {
        this.config = config;
        this.store = new SimStore(config.simulator().dataDir());
        this.faults = new Faults(store);
    }

    /** Created on first use: creating it writes the parent's presets, which looking must not do. */
    public SimulatedCloud cloud() {
        if (cloud == null) {
            cloud = new SimulatedCloud(store, config.clock(), config.simulator(), faults::provisioning);
        }
        return cloud;
    }

    public SimStore store() {
        return store;
    }

    public ProviderConfig config() {
        return config;
    }

    public Faults faults() {
        return faults;
    }

    /** One workload cluster as {@code sim status} shows it. */
    public record ClusterSummary(String name, WorkloadClusterStatus status, int roles, int users) {}

    /** A deleted workload cluster and until when it can be restored. */
    public record Deletion(String name, Instant deletedAt, Instant restorableUntil) {}

    public List<ClusterSummary> clusters() {
        List<ClusterSummary> out = new ArrayList<>();
        for (String name : store.names(SimStore.PARENT, SimulatedCloud.WORKLOAD_CLUSTER)) {
            out.add(new ClusterSummary(name, cloud().statusOf(name), store.names(name, SimulatedCloud.ROLE).size(),
                    store.names(name, SimulatedCloud.USER).size()));
        }
        return out;
    }

    public int count(String cluster, String kind) {
        return store.names(cluster, kind).size();
    }

    public List<Deletion> deletions() {
        return store.list(SimStore.PARENT, "deletion").stream()
                .map(d -> new Deletion(d.path("name").asString(), Instant.parse(d.path("deleted_at").asString()),
                        Instant.parse(d.path("restorable_until").asString())))
                .toList();
    }

    public Map<String, Long> counters() {
        return faults.counters();
    }

    public Map<String, Long> creations() {
        return faults.creations();
    }

    /** The resource as the server holds it (a workload cluster with its live status). */
    public Either<String, ObjectNode> get(SimAddress address) {
        return cloud().get(admin(address.cluster()), address.kind(), address.name()).mapLeft(ProviderError::message);
    }

    /**
     * Sets fields of a live resource as an administrator would with {@code tctl edit}: the server's
     * defaults are applied again and the revision changes. Values are YAML ({@code [root]}, {@code 8h}).
     */
    public Either<String, ObjectNode> edit(SimAddress address, List<String> assignments) {
        if (SimulatedCloud.WORKLOAD_CLUSTER.equals(address.kind())) {
            return Either.left("a workload cluster's spec cannot be edited: Teleport Cloud rejects any change");
        }
        return store.locked(address.cluster(), () -> {
            Optional<ObjectNode> found = store.read(address.cluster(), address.kind(), address.name());
            if (found.isEmpty()) {
                return Either.<String, ObjectNode>left(address + " does not exist");
            }
            ObjectNode document = found.get();
            for (String assignment : assignments) {
                Either<String, ObjectNode> applied = assign(document, assignment);
                if (applied.isLeft()) {
                    return applied;
                }
            }
            if (SimulatedCloud.ROLE.equals(address.kind())) {
                ServerDefaults.role(document);
            }
            ServerDefaults.newRevision(document);
            store.write(address.cluster(), address.kind(), address.name(), document);
            return Either.<String, ObjectNode>right(document);
        });
    }

    /** Deletes as an administrator: allowed even where the bot may not (a user or role of a child). */
    public Either<String, String> delete(SimAddress address) {
        return cloud().delete(admin(address.cluster()), address.kind(), address.name())
                .mapLeft(ProviderError::message)
                .map(suspended -> suspended.map(at -> address + " deleted; restorable until "
                        + at.plus(SimulatedCloud.RESTORE_WINDOW)).orElse(address + " deleted"));
    }

    /** Writes an identity file for {@code cluster} holding {@code roles}, as {@code tctl auth sign} would. */
    public Either<String, Path> issueIdentity(String cluster, String user, List<String> roles, Duration ttl, Path file) {
        SimulatedCloud cloud = cloud(); // a fresh simulator gets the parent's preset roles first
        if (!SimStore.PARENT.equals(cluster) && !store.exists(SimStore.PARENT, SimulatedCloud.WORKLOAD_CLUSTER, cluster)) {
            return Either.left("there is no workload cluster \"" + cluster + "\"");
        }
        for (String role : roles) {
            if (!store.exists(cluster, SimulatedCloud.ROLE, role)) {
                return Either.left("role " + role + " is not found in " + Identities.display(cluster));
            }
        }
        try {
            cloud.identities().issue(new Caller(cluster, user, roles, false), ttl, cloud.now(), file);
            return Either.right(file);
        } catch (IOException e) {
            return Either.left("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Turns MFA for admin actions in the parent on or off (for {@code teleform sim admin-mfa}). */
    public void adminMfa(boolean required) {
        cloud().adminMfa(required);
    }

    public boolean adminMfa() {
        return cloud().adminMfaRequired();
    }

    public void reset() {
        store.wipe();
    }

    public boolean exists() {
        return Files.isDirectory(store.dir().resolve("clusters"));
    }

    /** A person with full rights at a terminal, where an MFA check for admin actions can be passed. */
    private static Caller admin(String cluster) {
        return new Caller(cluster, "admin", List.of("editor"), false, true);
    }

    private static Either<String, ObjectNode> assign(ObjectNode document, String assignment) {
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
            return Either.left("--set takes PATH=VALUE, e.g. spec.allow.logins=[root]; got \"" + assignment + "\"");
        }
        String path = assignment.substring(0, equals);
        JsonNode value;
        try {
            value = YAML.readTree(assignment.substring(equals + 1));
        } catch (RuntimeException e) {
            return Either.left("the value of " + path + " is not valid YAML: " + e.getMessage());
        }
        List<Object> steps = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        int end = 0;
        while (m.find()) {
            if (m.start() != end && !(m.start() == end + 1 && path.charAt(end) == '.')) {
                return Either.left("cannot read path \"" + path + "\"");
            }
            steps.add(m.group(1) != null ? m.group(1) : Integer.parseInt(m.group(2)));
            end = m.end();
        }
        if (steps.isEmpty() || end != path.length()) {
            return Either.left("cannot read path \"" + path + "\"");
        }
        JsonNode parent = document;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object step = steps.get(i);
            JsonNode next = step instanceof Integer index ? parent.path(index) : parent.path((String) step);
            if (next.isMissingNode() && parent instanceof ObjectNode object && !(steps.get(i + 1) instanceof Integer)) {
                next = object.putObject((String) step);
            }
            if (!next.isContainer()) {
                return Either.left(path + ": " + steps.subList(0, i + 1) + " is not an object or list");
            }
            parent = next;
        }
        Object last = steps.getLast();
        if (parent instanceof ObjectNode object && last instanceof String field) {
            object.set(field, value);
        } else if (parent instanceof ArrayNode array && last instanceof Integer index && index <= array.size()) {
            if (index == array.size()) {
                array.add(value);
            } else {
                array.set(index, value);
            }
        } else {
            return Either.left("cannot set " + path);
        }
        return Either.right(document);
    }
}
