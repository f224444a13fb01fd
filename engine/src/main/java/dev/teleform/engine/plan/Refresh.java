package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.engine.retry.Retries;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Reads what is live, through the provider, in calls that grow with clusters × kinds and never
 * with resources: one bulk list per managed kind in the parent, and for each workload cluster that
 * holds managed resources one join, one list per kind and one permission check per kind. Workload
 * clusters are read in parallel, at most {@code parallelism} at a time.
 */
public final class Refresh {

    /**
     * What to read.
     *
     * @param parentKinds        kinds managed in the parent cluster
     * @param clusters           workload clusters with managed resources, and the kinds managed there
     * @param clusterIdentities  identity files replacing the bot identity, by cluster
     */
    public record Scope(Set<ResourceKind> parentKinds, Map<String, Set<ResourceKind>> clusters,
            Map<String, Path> clusterIdentities) {}

    private final Provider provider;
    private final int parallelism;
    private final Retries retries;

    /** Transient failures are retried as {@link RetryPolicy#DEFAULT} says. */
    public Refresh(Provider provider, int parallelism) {
        this(provider, parallelism, new Retries(RetryPolicy.DEFAULT, Sleeper.REAL));
    }

    public Refresh(Provider provider, int parallelism, Retries retries) {
        this.provider = provider;
        this.parallelism = Math.max(1, parallelism);
        this.retries = retries;
    }

    private <T> Either<ProviderError, T> call(java.util.function.Supplier<Either<ProviderError, T>> call) {
        return retries.call(call, Retries.Listener.NONE);
    }

    public Either<String, LiveSnapshot> read(Scope scope) {
        Map<Address, LiveResource> resources = new ConcurrentHashMap<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ClusterTarget parent = ClusterTarget.parent();
        Map<String, LiveResource> workloadClusters = new HashMap<>();
        boolean readClusters = scope.parentKinds().contains(ResourceKind.WORKLOAD_CLUSTER) || !scope.clusters().isEmpty();
        Set<ResourceKind> parentKinds = EnumSet.noneOf(ResourceKind.class);
        parentKinds.addAll(scope.parentKinds());
        if (readClusters) {
            parentKinds.add(ResourceKind.WORKLOAD_CLUSTER);
        }
        if (!parentKinds.isEmpty()) {
            call(() -> provider.listKinds(parent, parentKinds)).fold(
                    error -> problems.add(describe("parent cluster", parentKinds, error)), lists -> {
                        lists.forEach((kind, list) -> {
                            for (LiveResource live : list) {
                                resources.put(Address.inParent(kind, live.name()), live);
                                if (kind == ResourceKind.WORKLOAD_CLUSTER) {
                                    workloadClusters.put(live.name(), live);
                                }
                            }
                        });
                        return null;
                    });
        }
        if (!scope.parentKinds().contains(ResourceKind.WORKLOAD_CLUSTER)) {
            workloadClusters.keySet().forEach(name -> resources.remove(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, name)));
        }
        Map<String, LiveSnapshot.ClusterView> views = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(parallelism);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (Map.Entry<String, Set<ResourceKind>> cluster : new java.util.TreeMap<>(scope.clusters()).entrySet()) {
                work.add(threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        views.put(cluster.getKey(), readCluster(cluster.getKey(), cluster.getValue(),
                                Optional.ofNullable(workloadClusters.get(cluster.getKey())),
                                Optional.ofNullable(scope.clusterIdentities().get(cluster.getKey())), resources, problems));
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("refresh was interrupted");
        } catch (ExecutionException e) {
            return Either.left("refresh failed: " + e.getCause());
        }
        if (!problems.isEmpty()) {
            return Either.left(String.join("\n", new TreeSet<>(problems)));
        }
        return Either.right(new LiveSnapshot(resources, views));
    }

    private LiveSnapshot.ClusterView readCluster(String name, Set<ResourceKind> kinds, Optional<LiveResource> cluster,
            Optional<Path> identityFile, Map<Address, LiveResource> resources, List<String> problems) {
        if (cluster.isEmpty()) {
            return new LiveSnapshot.ClusterView(name, false, new WorkloadClusterStatus("", Optional.empty()), false, "",
                    Set.of(), Set.of());
        }
        WorkloadClusterStatus status = WorkloadClusterStatus.of(cluster.get().document());
        if (!status.active()) {
            return new LiveSnapshot.ClusterView(name, true, status, false, "", Set.of(), Set.of());
        }
        Either<ProviderError, ClusterCredentials> credentials = identityFile
                .map(file -> call(() -> provider.login(name, file)))
                .orElseGet(() -> call(() -> provider.bootstrap(name)));
        if (credentials.isLeft()) {
            problems.add("workload cluster " + name + ": cannot obtain credentials: " + credentials.getLeft().message());
            return new LiveSnapshot.ClusterView(name, true, status, false, "", Set.of(), Set.of());
        }
        try (ClusterCredentials held = credentials.get()) {
            ClusterTarget child = ClusterTarget.child(held);
            if (!kinds.isEmpty()) {
                call(() -> provider.listKinds(child, kinds)).fold(
                        error -> problems.add(describe("workload cluster " + name, kinds, error)), lists -> {
                            lists.forEach((kind, list) -> list.forEach(live ->
                                    resources.put(Address.in(kind, live.name(), name), live)));
                            return null;
                        });
            }
            Set<Verb> roleVerbs = verbs(child, ResourceKind.ROLE, kinds, problems, name);
            Set<Verb> userVerbs = verbs(child, ResourceKind.USER, kinds, problems, name);
            return new LiveSnapshot.ClusterView(name, true, status, true, held.describe(), roleVerbs, userVerbs);
        }
    }

    private Set<Verb> verbs(ClusterTarget child, ResourceKind kind, Set<ResourceKind> kinds, List<String> problems,
            String name) {
        if (!kinds.contains(kind)) {
            return Set.of();
        }
        return call(() -> provider.permissions(child, kind)).fold(error -> {
            problems.add(describe("workload cluster " + name, Set.of(kind), error));
            return Set.of();
        }, verbs -> verbs);
    }

    private static String describe(String where, Set<ResourceKind> kinds, ProviderError error) {
        return where + ": cannot read " + kinds.stream().sorted().map(kind -> kind.kind() + "s")
                .collect(java.util.stream.Collectors.joining(", ")) + ": " + error.message();
    }
}
