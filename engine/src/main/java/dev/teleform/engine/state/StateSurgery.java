package dev.teleform.engine.state;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.ResourceKind;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Edits of state that change no live resource: Teleform stops managing something without deleting it.
 * Each edit returns the next state to write and what it touched, or why it cannot be done.
 */
public final class StateSurgery {

    private StateSurgery() {}

    /**
     * The outcome of an edit.
     *
     * @param next    the state to write
     * @param touched the addresses removed or moved, in order
     */
    public record Edited(State next, List<Address> touched) {}

    /**
     * Forgets {@code address}. A workload cluster takes the roles and users managed inside it along:
     * without their cluster in state, Teleform could neither reach nor delete them.
     */
    public static Either<String, Edited> remove(State state, Address address) {
        if (state.get(address).isEmpty()) {
            return Either.left("state holds no " + address + " ('teleform state list' shows what it holds); "
                    + "nothing was changed");
        }
        Map<Address, ResourceState> kept = new TreeMap<>(state.resources());
        List<Address> removed = new ArrayList<>();
        kept.remove(address);
        removed.add(address);
        if (address.kind().equals(ResourceKind.WORKLOAD_CLUSTER.kind()) && address.inParentCluster()) {
            kept.keySet().removeIf(inside -> {
                boolean in = inside.cluster().equals(address.name());
                if (in) {
                    removed.add(inside);
                }
                return in;
            });
        }
        return Either.right(new Edited(state.next(kept), List.copyOf(removed)));
    }
}
