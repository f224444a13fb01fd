package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code apply --refresh-only} writes: state takes the live values that drift found, so the
 * changes made outside Teleform become what Teleform last applied. Teleport is not changed. A resource
 * deleted outside Teleform leaves state, a workload cluster with everything managed inside it.
 */
public final class DriftAcceptance {

    private DriftAcceptance() {}

    /**
     * @param live the resources as refresh read them, for their revisions; empty for a saved plan,
     *             whose drift already carries the values
     */
    public static State accept(State state, List<Drift> drift, Function<Address, Optional<LiveResource>> live) {
        Map<Address, ResourceState> resources = new TreeMap<>(state.resources());
        for (Drift changed : drift) {
            Address address = changed.address();
            ResourceState held = resources.get(address);
            if (held == null) {
                continue;
            }
            if (changed.deleted()) {
                resources.remove(address);
                if (address.inParentCluster() && address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
                    resources.keySet().removeIf(inside -> inside.cluster().equals(address.name()));
                }
                continue;
            }
            ObjectNode applied = held.applied().deepCopy();
            changed.fields().forEach(field -> field.applyTo(applied));
            ObjectNode observed = held.observed().deepCopy();
            live.apply(address).ifPresent(resource -> observed.put("revision", resource.revision()));
            resources.put(address, held.with(address, applied, observed));
        }
        return state.next(resources);
    }
}
