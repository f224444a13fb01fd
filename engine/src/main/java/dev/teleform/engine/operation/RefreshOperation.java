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
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.time.Duration;

/**
 * Reads what is live, through the provider, in calls that grow with clusters × kinds and never
 * with resources: one bulk list per managed kind in the parent, and for each workload cluster that
 * holds managed resources one join (through {@link ClusterAccess}), one list per kind and one
 * permission check per kind. Workload clusters are read in parallel, at most {@code parallelism} at a time.
 *
 * <p>Where listing is denied (Teleport Cloud promises a workload cluster's bot {@code create}, {@code read} and
 * {@code update}, not {@code list}), the cluster's managed resources, those of the stack and of state, are read
 * by name instead ({@link Provider#getNamed}). That is all a plan needs: it decides only about managed resources,
 * so what it cannot see then, resources in the cluster that neither the stack nor state names, it never looks at.
 * Once one cluster's listing was denied, the rest of the fleet is read by name straight away ({@link Listing}).
 *
 * <p>Made {@linkplain #withoutJoining without joining} the workload clusters, it reads the parent as ever (the
 * clusters' existence and status) but joins none: the contents of each active one come from {@link AppliedContents}.
 */
public final class RefreshOperation {

    /**
     * What to read: the managed resources, those the stack declares and those state holds.
     *
     * @param managed their addresses
     */
    public record Scope(Set<Address> managed) {

        public Scope {
            managed = Set.copyOf(managed);
        }

        /** Kinds managed in the parent cluster. */
        public Set<ResourceKind> parentKinds() {
            Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
            managed.stream().filter(Address::inParentCluster).forEach(address -> kinds.add(address.kind()));
            return kinds;
        }

        /** Workload clusters with managed resources, and the kinds managed in each. */
        public Map<String, Set<ResourceKind>> clusters() {
            Map<String, Set<ResourceKind>> clusters = new TreeMap<>();
            managed.stream().filter(address -> !address.inParentCluster()).forEach(address -> clusters
                    .computeIfAbsent(address.cluster(), c -> EnumSet.noneOf(ResourceKind.class)).add(address.kind()));
            return clusters;
        }

        /**
         * The names managed in each cluster ("" for the parent), by kind: what is read there when listing is denied.
         * The parent's include every workload cluster whose contents are managed, since its status is read.
         */
        public Map<String, Map<ResourceKind, Set<String>>> names() {
            Map<String, Map<ResourceKind, Set<String>>> names = new HashMap<>();
            for (Address address : managed) {
                add(names, address.cluster(), address.kind(), address.name());
                if (!address.inParentCluster()) {
                    add(names, "", ResourceKind.WORKLOAD_CLUSTER, address.cluster());
                }
            }
            return names;
        }

        private static void add(Map<String, Map<ResourceKind, Set<String>>> names, String cluster, ResourceKind kind,
                String name) {
            names.computeIfAbsent(cluster, c -> new EnumMap<>(ResourceKind.class))
                    .computeIfAbsent(kind, k -> new TreeSet<>()).add(name);
        }
    }

    /**
     * What a workload cluster's Machine ID bot may do with roles and users, as Teleport Cloud promises it (TELEPORT.md
     * §2): create, read and update, never delete. A refresh that does not join a cluster reached as its bot takes
     * these for its permissions, so that a delete or replace the bot may not do is refused as a plan that joined it
     * refuses it (the planner asks for no other verb). A cluster reached with an identity file
     * ({@code spec.clusters.<name>.identity_file}) is taken to allow everything: what a person's identity may do
     * is known only by asking, and a refusal here would block a change that a plan made with the clusters joined
     * (the one applied) may well allow, and refuses otherwise.
     */
    static final Set<Verb> BOT_PROMISE = Collections.unmodifiableSet(EnumSet.of(Verb.READ, Verb.CREATE, Verb.UPDATE));

    private final Provider provider;
    private final ClusterAccess access;
    private final int parallelism;
    /** Where the contents of workload clusters come from instead of joining them, or null to join them. */
    private final AppliedContents notJoined;

    /**
     * @param access how workload clusters are reached, and how each call is made (with the run's retries)
     */
    public RefreshOperation(Provider provider, ClusterAccess access, int parallelism) {
        this(provider, access, parallelism, null);
    }

    private RefreshOperation(Provider provider, ClusterAccess access, int parallelism, AppliedContents notJoined) {
        this.provider = provider;
        this.access = access;
        this.parallelism = Math.max(1, parallelism);
        this.notJoined = notJoined;
    }

    /**
     * The same refresh, joining no workload cluster: the roles and users of each active one are taken from
     * {@code applied} instead ({@code plan --no-join-clusters}), and its permissions are {@link #BOT_PROMISE}'s.
     */
    public RefreshOperation withoutJoining(AppliedContents applied) {
        return new RefreshOperation(provider, access, parallelism, applied);
    }

    private <T> Either<ProviderError, T> call(Address about, Supplier<Either<ProviderError, T>> call) {
        return access.calls().call(about, call);
    }

    /**
     * What {@code use} makes of what is live in {@code scope}, or every problem met reading it. {@code use} runs
     * while the workload clusters are read, on a snapshot {@linkplain LiveSnapshot#fed fed} cluster by cluster
     * in name order, so a fleet's live documents are never all held at once; what it returns counts only if
     * every read succeeded.
     */
    public <T> Outcome<Fed<T>> readWith(Scope scope, Function<LiveSnapshot, T> use) {
        return readAll(scope, use).fold(problems -> problems.first() == null
                ? Outcome.failed("cannot read live state:\n" + problems.text())
                : Outcome.failed("cannot read live state:\n" + problems.text(), problems.first()), Outcome::done);
    }

    /**
     * What a fed snapshot was used for, and when its reading ended.
     *
     * @param readTime from the start of the refresh until the last workload cluster was read
     */
    public record Fed<T>(T value, Duration readTime) {}

    /** Problems met while reading, sorted so a fleet's output is stable; the first names its cause. */
    private record Problems(String text, ProviderError first) {}

    private <T> Either<Problems, Fed<T>> readAll(Scope scope, Function<LiveSnapshot, T> use) {
        long start = System.nanoTime();
        Map<Address, LiveResource> parentResources = new HashMap<>();
        // by text, so a fleet's output is stable and the first line is the one whose cause is kept
        NavigableMap<String, ProviderError> problems = new ConcurrentSkipListMap<>();
        Map<String, LiveResource> workloadClusters = new HashMap<>();
        Map<String, Map<ResourceKind, Set<String>>> names = scope.names();
        Map<String, Set<ResourceKind>> clusters = scope.clusters();
        Set<ResourceKind> managedInParent = scope.parentKinds();
        boolean readClusters = managedInParent.contains(ResourceKind.WORKLOAD_CLUSTER) || !clusters.isEmpty();
        Set<ResourceKind> parentKinds = EnumSet.noneOf(ResourceKind.class);
        parentKinds.addAll(managedInParent);
        if (readClusters) {
            parentKinds.add(ResourceKind.WORKLOAD_CLUSTER);
        }
        if (!parentKinds.isEmpty()) {
            readParent(parentKinds, names.getOrDefault("", Map.of()), parentResources, workloadClusters, problems);
        }
        if (!managedInParent.contains(ResourceKind.WORKLOAD_CLUSTER)) {
            workloadClusters.keySet().forEach(name -> parentResources.remove(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, name)));
        }
        ClusterFeed feed = new ClusterFeed(List.copyOf(clusters.keySet()));
        Listing listing = new Listing();
        T value;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> reading = threads.submit(() -> feed.produce(threads, cluster -> readCluster(cluster,
                    clusters.get(cluster), names.get(cluster), Optional.ofNullable(workloadClusters.get(cluster)), listing,
                    problems)));
            try {
                value = use.apply(LiveSnapshot.fed(parentResources, feed));
                feed.drain();
            } finally {
                feed.cancel();
            }
            reading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new Problems("refresh was interrupted", null));
        } catch (ExecutionException e) {
            return Either.left(new Problems("refresh failed: " + e.getCause(), null));
        }
        if (feed.failure().isPresent()) {
            if (feed.failure().get() instanceof OutOfMemoryError tooSmall) {
                throw tooSmall; // the CLI says what to do about it
            }
            return Either.left(new Problems("refresh failed: " + feed.failure().get(), null));
        }
        if (!problems.isEmpty()) {
            return Either.left(new Problems(String.join("\n", problems.keySet()), problems.firstEntry().getValue()));
        }
        return Either.right(new Fed<>(value, Duration.ofNanos(feed.lastRead() - start)));
    }

    /**
     * The workload clusters of one refresh, read at most {@code parallelism} at a time in name order, and taken
     * in that order by whoever uses the snapshot. Reading stays at most {@code 2 × parallelism} clusters ahead
     * of the taking, so what was read and not yet taken stays small however large the fleet.
     */
    private final class ClusterFeed implements LiveSnapshot.Feed {
        private final List<String> order;
        /** Until taken or skipped: a cluster's documents go with its entry. */
        private final Map<String, CompletableFuture<LiveSnapshot.ClusterRead>> reads = new ConcurrentHashMap<>();
        private final Semaphore ahead = new Semaphore(2 * parallelism);
        private final Semaphore slots = new Semaphore(parallelism);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicLong lastRead = new AtomicLong(System.nanoTime());
        private volatile boolean cancelled;
        /** Taking side only: the index of the first cluster neither taken nor skipped. */
        private int next;

        ClusterFeed(List<String> order) {
            this.order = order;
            order.forEach(cluster -> reads.put(cluster, new CompletableFuture<>()));
        }

        /**
         * Starts each cluster's read in order, as the limits allow; a read never fails its future, and should this
         * fail, every read it did not start is answered empty, so that no one waits for it.
         */
        void produce(ExecutorService threads, Function<String, LiveSnapshot.ClusterRead> read) {
            try {
                startAll(threads, read);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                reads.values().forEach(answer -> answer.complete(null));
                throw e;
            }
        }

        private void startAll(ExecutorService threads, Function<String, LiveSnapshot.ClusterRead> read) {
            for (String cluster : order) {
                ahead.acquireUninterruptibly();
                slots.acquireUninterruptibly();
                CompletableFuture<LiveSnapshot.ClusterRead> answer = reads.get(cluster);
                if (cancelled) {
                    slots.release();
                    answer.complete(null);
                    continue;
                }
                threads.submit(() -> {
                    LiveSnapshot.ClusterRead result = null;
                    try {
                        result = read.apply(cluster);
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        try {
                            // read once: its identity need not wait on disk while the rest of the fleet is read
                            access.release(cluster);
                        } catch (RuntimeException | Error e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            slots.release();
                            lastRead.accumulateAndGet(System.nanoTime(), Math::max);
                            answer.complete(result);
                        }
                    }
                });
            }
        }

        @Override
        public LiveSnapshot.ClusterRead take(String cluster) {
            int at = Collections.binarySearch(order, cluster);
            if (at >= 0 && at < next) {
                // taken or skipped already: the taker's order is not the feed's, and a plan made so would be wrong
                throw new IllegalStateException("workload cluster " + cluster + " was asked for out of name order");
            }
            while (next < order.size() && order.get(next).compareTo(cluster) < 0) {
                skipNext();
            }
            if (next < order.size() && order.get(next).equals(cluster)) {
                LiveSnapshot.ClusterRead read = answerOf(cluster);
                next++;
                ahead.release();
                return read;
            }
            return null;
        }

        @Override
        public void drain() {
            while (next < order.size()) {
                skipNext();
            }
        }

        private void skipNext() {
            answerOf(order.get(next));
            next++;
            ahead.release();
        }

        /**
         * Waits for {@code cluster}'s read, then lets go of it. Only then: the producer looks its answer up when
         * it starts the read, which may be after the taking side asked for it.
         */
        private LiveSnapshot.ClusterRead answerOf(String cluster) {
            LiveSnapshot.ClusterRead read = reads.get(cluster).join();
            reads.remove(cluster);
            return read;
        }

        /** Stops starting reads (those under way finish), and lets the producer run to its end. */
        void cancel() {
            cancelled = true;
            ahead.release(order.size());
        }

        Optional<Throwable> failure() {
            return Optional.ofNullable(failure.get());
        }

        long lastRead() {
            return lastRead.get();
        }
    }

    /** One bulk list of {@code kinds} in the parent, reached first (as the bot of spec.parent.join, if set). */
    private void readParent(Set<ResourceKind> kinds, Map<ResourceKind, Set<String>> names,
            Map<Address, LiveResource> resources, Map<String, LiveResource> workloadClusters,
            Map<String, ProviderError> problems) {
        Either<ProviderError, ClusterTarget.Parent> parent = access.parent();
        if (parent.isLeft()) {
            note(problems, "parent cluster: cannot join it as the Machine ID bot of spec.parent.join: "
                    + parent.getLeft().message(), parent.getLeft());
            return;
        }
        // About the parent as a whole, which no address names; refresh's calls only retry and do not look at it.
        Address about = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "");
        read(parent.get(), kinds, names, about, true).result().fold(
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

    private LiveSnapshot.ClusterRead readCluster(String name, Set<ResourceKind> kinds,
            Map<ResourceKind, Set<String>> names, Optional<LiveResource> cluster, Listing listing,
            Map<String, ProviderError> problems) {
        Map<Address, LiveResource> resources = new HashMap<>();
        return new LiveSnapshot.ClusterRead(viewOf(name, kinds, names, cluster, listing, resources, problems), resources);
    }

    private LiveSnapshot.ClusterView viewOf(String name, Set<ResourceKind> kinds,
            Map<ResourceKind, Set<String>> names, Optional<LiveResource> cluster, Listing listing,
            Map<Address, LiveResource> resources, Map<String, ProviderError> problems) {
        if (cluster.isEmpty()) {
            return new LiveSnapshot.ClusterView(name, false, new WorkloadClusterStatus("", Optional.empty()), false, "",
                    Set.of(), Set.of());
        }
        WorkloadClusterStatus status = WorkloadClusterStatus.of(cluster.get().document());
        if (!status.active()) {
            return new LiveSnapshot.ClusterView(name, true, status, false, "", Set.of(), Set.of());
        }
        if (notJoined != null) {
            return asApplied(name, kinds, cluster.get(), resources);
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
            boolean list = listing.worthTrying();
            Read read = null;
            try {
                read = read(child, kinds, names, about, list);
            } finally {
                listing.learnt(list, read != null && read.listingDenied());
            }
            read.result().fold(error -> note(problems, describe("workload cluster " + name, kinds, error), error), lists -> {
                lists.forEach((kind, found) -> found.forEach(live ->
                        resources.put(Address.in(kind, live.name(), name), live)));
                return null;
            });
        }
        Set<Verb> roleVerbs = verbs(child, ResourceKind.ROLE, kinds, problems, name);
        Set<Verb> userVerbs = verbs(child, ResourceKind.USER, kinds, problems, name);
        return new LiveSnapshot.ClusterView(name, true, status, true, access.identity(name), roleVerbs, userVerbs);
    }

    /**
     * Active workload cluster {@code name} as state last applied its contents, not joined: no call is made.
     */
    private LiveSnapshot.ClusterView asApplied(String name, Set<ResourceKind> kinds, LiveResource cluster,
            Map<Address, LiveResource> resources) {
        notJoined.in(name).forEach((address, standIn) -> {
            if (kinds.contains(address.kind())) {
                resources.put(address, standIn);
            }
        });
        Optional<Path> identityFile = access.identityFile(name);
        String bot = cluster.document().path("spec").path("bot").path("name").asString("");
        String identity = identityFile.map(file -> "identity file " + file.getFileName())
                .orElse(bot.isEmpty() ? "its bot" : "bot " + bot) + ", not joined";
        Set<Verb> verbs = identityFile.isPresent() ? EnumSet.allOf(Verb.class) : BOT_PROMISE;
        return new LiveSnapshot.ClusterView(name, true, WorkloadClusterStatus.of(cluster.document()), true, identity,
                kinds.contains(ResourceKind.ROLE) ? verbs : Set.of(), kinds.contains(ResourceKind.USER) ? verbs : Set.of());
    }

    /**
     * What one read of a cluster found, and whether its listing was denied.
     *
     * @param listingDenied the identity may not list, so the managed names were read instead
     */
    private record Read(Either<ProviderError, Map<ResourceKind, List<LiveResource>>> result, boolean listingDenied) {}

    /**
     * {@code kinds} in {@code target}: listed, unless {@code list} is false or the listing is denied; then the
     * managed {@code names}, read by name.
     */
    private Read read(ClusterTarget target, Set<ResourceKind> kinds, Map<ResourceKind, Set<String>> names, Address about,
            boolean list) {
        if (list) {
            Either<ProviderError, Map<ResourceKind, List<LiveResource>>> listed = call(about,
                    () -> provider.listKinds(target, kinds));
            if (!(listed.isLeft() && listed.getLeft() instanceof ProviderError.AccessDenied)) {
                return new Read(listed, false);
            }
        }
        Map<ResourceKind, Set<String>> asked = new EnumMap<>(ResourceKind.class);
        kinds.forEach(kind -> asked.put(kind, names.getOrDefault(kind, Set.of())));
        return new Read(call(about, () -> provider.getNamed(target, asked)), list);
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
