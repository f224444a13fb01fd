package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.InviteLink;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.testing.LatencyProvider;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-memory Teleport that {@link #writesTogether writes together}, as the teleport provider does with tctl, or
 * one by one: it keeps what is written per cluster, logs each call as {@code operation cluster [refs]}, and refuses,
 * fails transiently or reports as existing the documents a test names ({@code kind/name}), whichever way they are
 * written.
 */
class TogetherProvider extends LatencyProvider {

    private final boolean together;

    /** Calls in the order made, e.g. {@code writeInOrder east [role/a, user/b]}. */
    final List<String> log = new CopyOnWriteArrayList<>();
    /** Refused with BadParameter whenever written ({@code kind/name}, or {@code kind/name@cluster}: see {@link #refusal}). */
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Failed with ConnectionProblem this many times more, then written. */
    final Map<String, Integer> flaky = new ConcurrentHashMap<>();
    /** Refused when written whole after {@code users add} (the rest of an invited user). */
    final Set<String> restRefused = ConcurrentHashMap.newKeySet();
    /** How many more reads of a workload cluster say it is provisioning, by name; none: active. */
    final Map<String, Integer> provisioning = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ObjectNode>> live = new ConcurrentHashMap<>();

    TogetherProvider() {
        this(true);
    }

    TogetherProvider(boolean together) {
        super(Duration.ZERO, Duration.ZERO);
        this.together = together;
    }

    @Override
    public boolean writesTogether() {
        return together;
    }

    /** A resource as it is now, without the server's fields. */
    Optional<ObjectNode> live(String cluster, String ref) {
        return Optional.ofNullable(cluster(cluster).get(ref));
    }

    /** Everything written, by cluster and {@code kind/name}. */
    Map<String, Map<String, ObjectNode>> world() {
        Map<String, Map<String, ObjectNode>> world = new TreeMap<>();
        live.forEach((cluster, resources) -> world.put(cluster, new TreeMap<>(resources)));
        return world;
    }

    void put(String cluster, ObjectNode document) {
        cluster(cluster).put(ref(document), document.deepCopy());
    }

    @Override
    public WrittenInOrder writeInOrder(ClusterTarget target, List<Write> writes) {
        log.add("writeInOrder " + target.clusterName() + " " + writes.stream().map(write -> ref(write.document())).toList());
        return written(target, writes);
    }

    private WrittenInOrder written(ClusterTarget target, List<Write> writes) {
        Map<String, ObjectNode> cluster = cluster(target.clusterName());
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            String ref = ref(write.document());
            boolean there = cluster.containsKey(ref);
            // A user's rest is written over what users add made.
            Optional<ProviderError> refusal = refusal(ref, target.clusterName(), write.mode() == Write.Mode.UPSERT && there
                    ? restRefused
                    : refused);
            if (refusal.isEmpty() && write.mode() == Write.Mode.CREATE && there) {
                refusal = Optional.of(new ProviderError.AlreadyExists(ref + " already exists"));
            }
            if (refusal.isEmpty() && write.mode() == Write.Mode.UPDATE && !there) {
                refusal = Optional.of(new ProviderError.NotFound(ref + " is not found"));
            }
            if (refusal.isPresent()) {
                return new WrittenInOrder(i, refusal);
            }
            cluster.put(ref, write.document().deepCopy());
        }
        return new WrittenInOrder(writes.size(), Optional.empty());
    }

    @Override
    public Either<ProviderError, Added> addInvited(ClusterTarget target, ObjectNode user, Duration ttl) {
        String ref = ref(user);
        log.add("addInvited " + target.clusterName() + " " + ref);
        Map<String, ObjectNode> cluster = cluster(target.clusterName());
        Optional<ProviderError> refusal = refusal(ref, target.clusterName(), refused);
        if (refusal.isPresent()) {
            return Either.left(refusal.get());
        }
        if (cluster.putIfAbsent(ref, rolesOnly(user)) != null) {
            return Either.left(new ProviderError.AlreadyExists(ref + " already exists"));
        }
        return Either.right(new Added(new InviteLink(target.clusterName(), user.path("metadata").path("name").asString(),
                URI.create("https://example.invalid/web/invite/" + ref.replace('/', '-')), Instant.now().plus(ttl)),
                !user.path("spec").has("traits")));
    }

    @Override
    public Either<ProviderError, Map<ResourceKind, List<LiveResource>>> getNamed(ClusterTarget target,
            Map<ResourceKind, Set<String>> names) {
        Map<ResourceKind, List<LiveResource>> found = new EnumMap<>(ResourceKind.class);
        List<String> refs = new ArrayList<>();
        names.forEach((kind, named) -> {
            found.put(kind, new ArrayList<>());
            named.forEach(name -> {
                refs.add(kind.kind() + "/" + name);
                Optional.ofNullable(cluster(target.clusterName()).get(kind.kind() + "/" + name))
                        .ifPresent(document -> found.get(kind).add(served(kind, name, document)));
            });
        });
        log.add("getNamed " + target.clusterName() + " " + refs.stream().sorted().toList());
        return Either.right(found);
    }

    @Override
    public Either<ProviderError, LiveResource> get(ClusterTarget target, ResourceKind kind, String name) {
        log.add("get " + target.clusterName() + " " + kind.kind() + "/" + name);
        ObjectNode document = cluster(target.clusterName()).get(kind.kind() + "/" + name);
        return document == null ? Either.left(new ProviderError.NotFound(kind.kind() + " \"" + name + "\" is not found"))
                : Either.right(served(kind, name, document));
    }

    @Override
    public Either<ProviderError, LiveResource> create(ClusterTarget target, ObjectNode document) {
        log.add("create " + target.clusterName() + " " + ref(document));
        return one(target, new Write(Write.Mode.CREATE, document));
    }

    @Override
    public Either<ProviderError, LiveResource> upsert(ClusterTarget target, ObjectNode document) {
        log.add("upsert " + target.clusterName() + " " + ref(document));
        return one(target, new Write(Write.Mode.UPSERT, document));
    }

    @Override
    public Either<ProviderError, LiveResource> update(ClusterTarget target, ObjectNode document) {
        log.add("update " + target.clusterName() + " " + ref(document));
        return one(target, new Write(Write.Mode.UPDATE, document));
    }

    /** {@code users add}, then the rest written whole or the user read back, as the teleport provider does. */
    @Override
    public Either<ProviderError, Invited> createInvited(ClusterTarget target, ObjectNode user, Duration ttl) {
        return addInvited(target, user, ttl).map(added -> new Invited(added.link(), added.complete()
                ? get(target, ResourceKind.USER, user.path("metadata").path("name").asString())
                : upsert(target, user)));
    }

    private Either<ProviderError, LiveResource> one(ClusterTarget target, Write write) {
        WrittenInOrder made = written(target, List.of(write));
        if (made.stoppedBy().isPresent()) {
            return Either.left(made.stoppedBy().get());
        }
        ObjectNode document = write.document();
        ResourceKind kind = ResourceKind.of(document.path("kind").asString()).orElseThrow();
        return Either.right(served(kind, document.path("metadata").path("name").asString(), document));
    }

    /** A fault named {@code kind/name@cluster} is that cluster's; one named {@code kind/name}, every cluster's. */
    private Optional<ProviderError> refusal(String ref, String cluster, Set<String> refusing) {
        String here = ref + "@" + cluster;
        if (refusing.contains(ref) || refusing.contains(here)) {
            return Optional.of(new ProviderError.BadParameter(ref + " is refused"));
        }
        String key = flaky.containsKey(here) ? here : ref;
        if (flaky.computeIfPresent(key, (r, left) -> left - 1) instanceof Integer left && left >= 0) {
            return Optional.of(new ProviderError.ConnectionProblem("connection reset while writing " + ref));
        }
        return Optional.empty();
    }

    private Map<String, ObjectNode> cluster(String name) {
        return live.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
    }

    private static ObjectNode rolesOnly(ObjectNode user) {
        ObjectNode made = user.deepCopy();
        made.withObjectProperty("spec").remove("traits");
        return made;
    }

    private LiveResource served(ResourceKind kind, String name, ObjectNode document) {
        ObjectNode served = document.deepCopy();
        served.withObjectProperty("metadata").put("revision", "r1");
        if (kind == ResourceKind.WORKLOAD_CLUSTER) {
            boolean active = provisioning.computeIfPresent(name, (n, left) -> left - 1) instanceof Integer left
                    ? left < 0 : true;
            served.putObject("status").put("state", active ? "active" : "provisioning");
        }
        return new LiveResource(kind, name, served);
    }

    static String ref(ObjectNode document) {
        return document.path("kind").asString() + "/" + document.path("metadata").path("name").asString();
    }
}
