package dev.teleform.engine.operation;

import dev.teleform.engine.operation.access.ClusterAccess;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.plan.LiveSnapshot;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.Verb;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Reads what is live, through the provider, in calls that grow with clusters × kinds and never
 * with resources: one bulk list per managed kind in the parent, and for each workload cluster that
 * holds managed resources one join (through {@link ClusterAccess}), one list per kind and one
 * permission check per kind. Workload clusters are read in parallel, at most {@code parallelism} at a time.
 */
public final class RefreshOperation {

    /**
     * What to read.
     *
     * @param parentKinds kinds managed in the parent cluster
     * @param clusters    workload clusters with managed resources, and the kinds managed there
     */
    public record Scope(Set<ResourceKind> parentKinds, Map<String, Set<ResourceKind>> clusters) {}

    private final Provider provider;
    private final ClusterAccess access;
    private final int parallelism;

    /**
     * @param access how workload clusters are reached, and how each call is made (with the run's retries)
     */
    public RefreshOperation(Provider provider, ClusterAccess access, int parallelism) {
        this.provider = provider;
        this.access = access;
        this.parallelism = Math.max(1, parallelism);
    }

    private <T> Either<ProviderError, T> call(Address about, Supplier<Either<ProviderError, T>> call) {
        return access.calls().call(about, call);
    }

    /** What is live in {@code scope}, or every problem met reading it (one diagnostic, worded for a person). */
    public Outcome<LiveSnapshot> read(Scope scope) {
        return readAll(scope).fold(problems -> problems.first() == null
                ? Outcome.failed("cannot read live state:\n" + problems.text())
                : Outcome.failed("cannot read live state:\n" + problems.text(), problems.first()), Outcome::done);
    }

    /** Problems met while reading, sorted so a fleet's output is stable; the first names its cause. */
    private record Problems(String text, ProviderError first) {}

    private Either<Problems, LiveSnapshot> readAll(Scope scope) {
        Map<Address, LiveResource> resources = new ConcurrentHashMap<>();
        // by text, so a fleet's output is stable and the first line is the one whose cause is kept
        NavigableMap<String, ProviderError> problems = new ConcurrentSkipListMap<>();
        Map<String, LiveResource> workloadClusters = new HashMap<>();
        boolean readClusters = scope.parentKinds().contains(ResourceKind.WORKLOAD_CLUSTER) || !scope.clusters().isEmpty();
        Set<ResourceKind> parentKinds = EnumSet.noneOf(ResourceKind.class);
        parentKinds.addAll(scope.parentKinds());
        if (readClusters) {
            parentKinds.add(ResourceKind.WORKLOAD_CLUSTER);
        }
        if (!parentKinds.isEmpty()) {
            readParent(parentKinds, resources, workloadClusters, problems);
        }
        if (!scope.parentKinds().contains(ResourceKind.WORKLOAD_CLUSTER)) {
            workloadClusters.keySet().forEach(name -> resources.remove(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, name)));
        }
        Map<String, LiveSnapshot.ClusterView> views = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(parallelism);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (Map.Entry<String, Set<ResourceKind>> cluster : new TreeMap<>(scope.clusters()).entrySet()) {
                work.add(threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        views.put(cluster.getKey(), readCluster(cluster.getKey(), cluster.getValue(),
                                Optional.ofNullable(workloadClusters.get(cluster.getKey())),
                                resources, problems));
                    } finally {
                        // read once: its identity need not wait on disk while the rest of the fleet is read
                        access.release(cluster.getKey());
                        slots.release();
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new Problems("refresh was interrupted", null));
        } catch (ExecutionException e) {
            return Either.left(new Problems("refresh failed: " + e.getCause(), null));
        }
        if (!problems.isEmpty()) {
            return Either.left(new Problems(String.join("\n", problems.keySet()), problems.firstEntry().getValue()));
        }
        return Either.right(new LiveSnapshot(resources, views));
    }

    /** One bulk list of {@code kinds} in the parent, reached first (as the bot of spec.parent.join, if set). */
    private void readParent(Set<ResourceKind> kinds, Map<Address, LiveResource> resources,
            Map<String, LiveResource> workloadClusters, Map<String, ProviderError> problems) {
        Either<ProviderError, ClusterTarget.Parent> parent = access.parent();
        if (parent.isLeft()) {
            note(problems, "parent cluster: cannot join it as the Machine ID bot of spec.parent.join: "
                    + parent.getLeft().message(), parent.getLeft());
            return;
        }
        // About the parent as a whole, which no address names; refresh's calls only retry and do not look at it.
        call(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, ""), () -> provider.listKinds(parent.get(), kinds)).fold(
                error -> note(problems, describe("parent cluster", kinds, error), error), lists -> {
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

    private static boolean note(Map<String, ProviderError> problems, String problem, ProviderError cause) {
        return problems.putIfAbsent(problem, cause) == null;
    }

    private LiveSnapshot.ClusterView readCluster(String name, Set<ResourceKind> kinds, Optional<LiveResource> cluster,
            Map<Address, LiveResource> resources, Map<String, ProviderError> problems) {
        if (cluster.isEmpty()) {
            return new LiveSnapshot.ClusterView(name, false, new WorkloadClusterStatus("", Optional.empty()), false, "",
                    Set.of(), Set.of());
        }
        WorkloadClusterStatus status = WorkloadClusterStatus.of(cluster.get().document());
        if (!status.active()) {
            return new LiveSnapshot.ClusterView(name, true, status, false, "", Set.of(), Set.of());
        }
        Either<ProviderError, ClusterTarget> reached = access.child(name);
        if (reached.isLeft()) {
            note(problems, "workload cluster " + name + ": cannot obtain credentials: " + reached.getLeft().message(),
                    reached.getLeft());
            return new LiveSnapshot.ClusterView(name, true, status, false, "", Set.of(), Set.of());
        }
        ClusterTarget child = reached.get();
        Address about = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, name);
        if (!kinds.isEmpty()) {
            call(about, () -> provider.listKinds(child, kinds)).fold(
                    error -> note(problems, describe("workload cluster " + name, kinds, error), error), lists -> {
                        lists.forEach((kind, list) -> list.forEach(live ->
                                resources.put(Address.in(kind, live.name(), name), live)));
                        return null;
                    });
        }
        Set<Verb> roleVerbs = verbs(child, ResourceKind.ROLE, kinds, problems, name);
        Set<Verb> userVerbs = verbs(child, ResourceKind.USER, kinds, problems, name);
        return new LiveSnapshot.ClusterView(name, true, status, true, access.identity(name), roleVerbs, userVerbs);
    }

    private Set<Verb> verbs(ClusterTarget child, ResourceKind kind, Set<ResourceKind> kinds,
            Map<String, ProviderError> problems, String name) {
        if (!kinds.contains(kind)) {
            return Set.of();
        }
        return call(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, name), () -> provider.permissions(child, kind))
                .fold(error -> {
                    note(problems, describe("workload cluster " + name, Set.of(kind), error), error);
                    return Set.<Verb>of();
                }, verbs -> verbs);
    }

    private static String describe(String where, Set<ResourceKind> kinds, ProviderError error) {
        return where + ": cannot read " + kinds.stream().sorted().map(kind -> kind.kind() + "s")
                .collect(java.util.stream.Collectors.joining(", ")) + ": " + error.message();
    }
}
