package dev.teleform.engine.testing;

import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.InviteLink;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import io.vavr.control.Either;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider for apply's creates that only takes time: every call sleeps {@code latency}, a workload
 * cluster is active {@code provisioning} after its create, nothing is stored. It records how many
 * calls were under way at once, per Teleport cluster ("" is the parent) and overall, so tests can
 * check apply's limits and benchmarks can time the scheduler without any provider's own cost.
 */
public class LatencyProvider implements Provider {

    /** When every workload cluster this provider deletes was suspended. */
    public static final Instant SUSPENDED_AT = Instant.parse("2026-11-25T10:05:00Z");

    private final Duration latency;
    private final Duration provisioning;
    private final Map<String, Instant> createdClusters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> underWay = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostPerCluster = new ConcurrentHashMap<>();
    private final AtomicInteger underWayOverall = new AtomicInteger();
    private final AtomicInteger mostOverall = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, AtomicInteger> callsByOperation = new ConcurrentHashMap<>();

    public LatencyProvider(Duration latency, Duration provisioning) {
        this.latency = latency;
        this.provisioning = provisioning;
    }

    /** The most calls that were under way at once to each cluster. */
    public Map<String, Integer> mostPerCluster() {
        Map<String, Integer> most = new TreeMap<>();
        mostPerCluster.forEach((cluster, count) -> most.put(cluster, count.get()));
        return most;
    }

    public int mostOverall() {
        return mostOverall.get();
    }

    /** Calls of one operation ({@code status}, {@code upsert}, ...). */
    public int calls(String operation) {
        AtomicInteger count = callsByOperation.get(operation);
        return count == null ? 0 : count.get();
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public Either<ProviderError, LiveResource> create(ClusterTarget target, ObjectNode document) {
        return timed("create", target.clusterName(), () -> stored(document));
    }

    @Override
    public Either<ProviderError, LiveResource> upsert(ClusterTarget target, ObjectNode document) {
        return timed("upsert", target.clusterName(), () -> {
            if (document.path("kind").asString().equals(ResourceKind.WORKLOAD_CLUSTER.kind())) {
                createdClusters.putIfAbsent(document.path("metadata").path("name").asString(), Instant.now());
                return stored(document).map(live -> {
                    live.document().putObject("status").put("state", provisioning.isZero() ? "active" : "provisioning");
                    return live;
                });
            }
            return stored(document);
        });
    }

    @Override
    public Either<ProviderError, LiveResource> update(ClusterTarget target, ObjectNode document) {
        return timed("update", target.clusterName(), () -> stored(document));
    }

    @Override
    public Either<ProviderError, WorkloadClusterStatus> status(ClusterTarget.Parent parent, String workloadCluster) {
        return timed("status", "", () -> {
            Instant created = createdClusters.get(workloadCluster);
            boolean active = created != null && !Instant.now().isBefore(created.plus(provisioning));
            return Either.right(new WorkloadClusterStatus(active ? "active" : "provisioning", Optional.empty()));
        });
    }

    @Override
    public Either<ProviderError, ClusterCredentials> bootstrap(ClusterTarget.Parent parent, String workloadCluster) {
        return timed("bootstrap", "", () -> Either.right(new Credentials(workloadCluster)));
    }

    @Override
    public Either<ProviderError, Invited> createInvited(ClusterTarget target, ObjectNode user, Duration ttl) {
        return timed("createInvited", target.clusterName(), () -> Either.right(new Invited(new InviteLink(
                target.clusterName(), user.path("metadata").path("name").asString(), URI.create(
                        "https://example.invalid/web/invite/made"), Instant.now().plus(ttl)), stored(user))));
    }

    @Override
    public Either<ProviderError, InviteLink> invite(ClusterTarget target, String user, Duration ttl) {
        return timed("invite", target.clusterName(), () -> Either.right(new InviteLink(target.clusterName(), user,
                URI.create("https://example.invalid/invite"), Instant.now().plus(ttl))));
    }

    @Override
    public Either<ProviderError, List<LiveResource>> list(ClusterTarget target, ResourceKind kind) {
        return timed("list", target.clusterName(), () -> Either.right(List.of()));
    }

    @Override
    public Either<ProviderError, LiveResource> get(ClusterTarget target, ResourceKind kind, String name) {
        return timed("get", target.clusterName(), () -> Either.left(new ProviderError.NotFound(kind.kind() + " " + name)));
    }

    @Override
    public Either<ProviderError, Deleted> delete(ClusterTarget target, ResourceKind kind, String name) {
        return timed("delete", target.clusterName(), () -> Either.right(new Deleted(kind, name,
                kind == ResourceKind.WORKLOAD_CLUSTER ? Optional.of(SUSPENDED_AT) : Optional.empty())));
    }

    @Override
    public Either<ProviderError, ClusterCredentials> login(ClusterTarget.Parent parent, String workloadCluster,
            Path identityFile) {
        return bootstrap(parent, workloadCluster);
    }

    /** The parent's bot: credentials as a workload cluster's, under the parent's empty name. */
    @Override
    public Either<ProviderError, ClusterCredentials> joinParent(BotJoin join) {
        return timed("joinParent", "", () -> Either.right(new Credentials("")));
    }

    @Override
    public Either<ProviderError, Set<Verb>> permissions(ClusterTarget target, ResourceKind kind) {
        return timed("permissions", target.clusterName(), () -> Either.right(Set.of(Verb.values())));
    }

    @Override
    public void close() {
    }

    private static Either<ProviderError, LiveResource> stored(ObjectNode document) {
        ObjectNode live = document.deepCopy();
        live.withObjectProperty("metadata").put("revision", "1");
        return Either.right(new LiveResource(ResourceKind.of(live.path("kind").asString()).orElseThrow(),
                live.path("metadata").path("name").asString(), live));
    }

    private <T> Either<ProviderError, T> timed(String operation, String cluster, Supplier<Either<ProviderError, T>> call) {
        calls.incrementAndGet();
        callsByOperation.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
        AtomicInteger now = underWay.computeIfAbsent(cluster, c -> new AtomicInteger());
        mostPerCluster.computeIfAbsent(cluster, c -> new AtomicInteger()).accumulateAndGet(now.incrementAndGet(), Math::max);
        mostOverall.accumulateAndGet(underWayOverall.incrementAndGet(), Math::max);
        try {
            Thread.sleep(latency);
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new ProviderError.ConnectionProblem("interrupted"));
        } finally {
            now.decrementAndGet();
            underWayOverall.decrementAndGet();
        }
    }

    private record Credentials(String cluster) implements ClusterCredentials {
        @Override
        public String describe() {
            return "bot " + cluster + "-bot";
        }

        @Override
        public Instant expires() {
            return Instant.MAX;
        }

        @Override
        public void close() {
        }
    }
}
