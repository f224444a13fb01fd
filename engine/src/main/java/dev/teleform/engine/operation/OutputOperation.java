package dev.teleform.engine.operation;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.operation.access.ClusterAccess;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code teleform output}: what other tools need to know of a stack's workload clusters (name, domain, state, bot)
 * and how many roles and users it manages in each, read from state, which reaches no cluster; or, asked to
 * refresh, with each cluster's status read live from the parent, still writing nothing. Never a secret: state
 * holds none, and the live read keeps only a status.
 */
public final class OutputOperation {

    /**
     * What {@code output} shows.
     *
     * @param live     whether the clusters' domain and state were read from Teleport Cloud rather than state
     * @param clusters by name
     * @param parent   what the stack manages in the parent cluster itself
     */
    public record Outputs(String stack, boolean live, List<Cluster> clusters, Counts parent) {
        public Outputs {
            clusters = List.copyOf(clusters);
        }
    }

    /**
     * One workload cluster.
     *
     * @param domain empty when it is not known; {@code why} then says why
     * @param state  Teleport Cloud's word for it ({@code active}, {@code creating}, ...); empty when not known
     * @param bot    {@code spec.bot.name} as applied; empty when the cluster has none or is not managed here
     * @param why    why the domain or the state is missing, if one is
     */
    public record Cluster(String name, Optional<String> domain, Optional<String> state, Optional<String> bot,
            Counts managed, Optional<String> why) {}

    /** How many roles and users the stack manages in one cluster. */
    public record Counts(int roles, int users) {}

    private OutputOperation() {
    }

    /** The outputs as state has them: no provider is opened, no cluster is called. */
    public static Outcome<Outputs> fromState(Workspace workspace) {
        return workspace.state().read().fold(error -> Outcome.failed(error.message(), error),
                snapshot -> Outcome.done(of(workspace.stackName(), snapshot.state())));
    }

    /**
     * The outputs with each workload cluster's domain and state read live from the parent, in one read of them
     * all; state is not written. A stack with no workload cluster in state calls nothing.
     */
    public static Outcome<Outputs> refreshed(Workspace workspace) {
        return fromState(workspace).flatMap(recorded -> recorded.clusters().isEmpty() ? Outcome.done(live(recorded))
                : workspace.withProvider(provider -> workspace.withClusters(provider,
                        access -> readLive(provider, access, recorded))));
    }

    static Outputs of(String stack, State state) {
        Map<String, ResourceState> clusters = new TreeMap<>();
        Map<String, int[]> counts = new TreeMap<>();
        for (ResourceState entry : state.all()) {
            Address address = entry.address();
            switch (address.kind()) {
                case WORKLOAD_CLUSTER -> {
                    clusters.put(address.name(), entry);
                    counts.computeIfAbsent(address.name(), name -> new int[2]);
                }
                case ROLE -> counts.computeIfAbsent(address.cluster(), name -> new int[2])[0]++;
                case USER -> counts.computeIfAbsent(address.cluster(), name -> new int[2])[1]++;
            }
        }
        List<Cluster> out = new ArrayList<>();
        counts.forEach((name, count) -> {
            if (!name.isEmpty()) {
                out.add(recorded(name, Optional.ofNullable(clusters.get(name)), new Counts(count[0], count[1])));
            }
        });
        int[] parent = counts.getOrDefault("", new int[2]);
        return new Outputs(stack, false, out, new Counts(parent[0], parent[1]));
    }

    /** A cluster as state has it; {@code entry} is empty when only its contents are managed here. */
    private static Cluster recorded(String name, Optional<ResourceState> entry, Counts managed) {
        if (entry.isEmpty()) {
            return new Cluster(name, Optional.empty(), Optional.empty(), Optional.empty(), managed,
                    Optional.of("its workload_cluster is not managed by this stack"));
        }
        Optional<String> bot = text(entry.get().applied().path("spec").path("bot").path("name").asString(""));
        // no status at all: the create answered before Teleport Cloud reported one, and no wait saw it ready since
        return withStatus(name, bot, managed, WorkloadClusterStatus.of(entry.get().observed()), false);
    }

    private static Cluster withStatus(String name, Optional<String> bot, Counts managed, WorkloadClusterStatus status,
            boolean live) {
        Optional<String> state = text(status.state());
        Optional<String> domain = status.domain().flatMap(OutputOperation::text);
        Optional<String> why = domain.isPresent() ? Optional.empty() : Optional.of(live
                ? (state.isEmpty() ? "Teleport Cloud reports no status for it yet"
                        : "Teleport Cloud reports no domain for it while it is " + state.get())
                : (state.isEmpty() ? "state recorded no status for it" : "state recorded it " + state.get()
                        + ", before Teleport Cloud gave its domain") + "; --refresh reads it live");
        return new Cluster(name, domain, state, bot, managed, why);
    }

    private static Outcome<Outputs> readLive(Provider provider, ClusterAccess access, Outputs recorded) {
        Either<ProviderError, Map<ResourceKind, List<LiveResource>>> read = access.parent().flatMap(parent -> {
            Set<String> names = recorded.clusters().stream().map(Cluster::name).collect(Collectors.toCollection(TreeSet::new));
            return access.calls().call(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, ""),
                    () -> provider.getNamed(parent, Map.of(ResourceKind.WORKLOAD_CLUSTER, names)));
        });
        return read.fold(error -> Outcome.failed("cannot read the workload clusters' status: " + error.message(), error),
                found -> {
                    Map<String, LiveResource> byName = found.getOrDefault(ResourceKind.WORKLOAD_CLUSTER, List.of())
                            .stream().collect(Collectors.toMap(LiveResource::name, Function.identity()));
                    Outputs live = live(recorded);
                    return Outcome.done(new Outputs(live.stack(), true, live.clusters().stream()
                            .map(cluster -> liveCluster(cluster, Optional.ofNullable(byName.get(cluster.name()))))
                            .toList(), live.parent()));
                });
    }

    private static Cluster liveCluster(Cluster recorded, Optional<LiveResource> live) {
        if (live.isEmpty()) {
            return new Cluster(recorded.name(), Optional.empty(), Optional.empty(), recorded.bot(), recorded.managed(),
                    Optional.of("Teleport Cloud has no workload cluster of this name"));
        }
        return withStatus(recorded.name(), recorded.bot(), recorded.managed(),
                WorkloadClusterStatus.of(live.get().document()), true);
    }

    private static Outputs live(Outputs recorded) {
        return new Outputs(recorded.stack(), true, recorded.clusters(), recorded.parent());
    }

    private static Optional<String> text(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
