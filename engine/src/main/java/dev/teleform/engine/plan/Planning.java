package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.schema.FieldSemantics;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One plan, from its three inputs: reads state, refreshes through the provider, diffs and orders. */
public final class Planning {

    private Planning() {
    }

    /**
     * A plan and what it was made from.
     *
     * @param stateVersion the state version the plan is based on (for plan files and apply)
     * @param refreshTime  time spent reading live state
     * @param planTime     time spent diffing and ordering
     */
    public record Result(Plan plan, State state, Optional<String> stateVersion, LiveSnapshot live,
            Duration refreshTime, Duration planTime) {}

    public static Either<String, Result> run(Stack stack, StateStore store, Provider provider, ProviderConfig config,
            PlanOptions options, int parallelism) {
        var snapshot = store.read();
        if (snapshot.isLeft()) {
            return Either.left(snapshot.getLeft().message());
        }
        State state = snapshot.get().state();
        long start = System.nanoTime();
        Either<String, LiveSnapshot> live = new Refresh(provider, parallelism).read(scope(stack, state, config));
        if (live.isLeft()) {
            return Either.left("cannot read live state:\n" + live.getLeft());
        }
        long refreshed = System.nanoTime();
        Plan plan = new Planner(new ThreeWayDiff(FieldSemantics.shared()), provider.longestInvite()).plan(stack, state, live.get(), options);
        long planned = System.nanoTime();
        return Either.right(new Result(plan, state, snapshot.get().version(), live.get(),
                Duration.ofNanos(refreshed - start), Duration.ofNanos(planned - refreshed)));
    }

    /** What refresh must read: the kinds managed in each cluster, by the stack or by state. */
    static Refresh.Scope scope(Stack stack, State state, ProviderConfig config) {
        Set<ResourceKind> parentKinds = EnumSet.noneOf(ResourceKind.class);
        Map<String, Set<ResourceKind>> clusters = new HashMap<>();
        for (Resource resource : stack.resources()) {
            note(resource.address(), parentKinds, clusters);
        }
        for (Address address : state.resources().keySet()) {
            note(address, parentKinds, clusters);
        }
        return new Refresh.Scope(parentKinds, clusters, config.clusterIdentities());
    }

    private static void note(Address address, Set<ResourceKind> parentKinds, Map<String, Set<ResourceKind>> clusters) {
        ResourceKind kind = address.kind();
        if (address.inParentCluster()) {
            parentKinds.add(kind);
        } else {
            clusters.computeIfAbsent(address.cluster(), c -> EnumSet.noneOf(ResourceKind.class)).add(kind);
        }
    }
}
