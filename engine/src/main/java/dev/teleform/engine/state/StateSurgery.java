package dev.teleform.engine.state;

import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

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
    public static Either<String, Edited> remove(State state, Address address, CommandHint hint) {
        if (state.get(address).isEmpty()) {
            return Either.left("state holds no " + address + " ('" + hint.teleform("state list") + "' shows what it holds); "
                    + "nothing was changed");
        }
        Map<Address, ResourceState> kept = new TreeMap<>(state.resources());
        List<Address> removed = new ArrayList<>();
        kept.remove(address);
        removed.add(address);
        if (address.kind() == ResourceKind.WORKLOAD_CLUSTER && address.inParentCluster()) {
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

    /**
     * Records what state holds at {@code from} under {@code to} instead, without touching Teleport: the
     * resource's name in its last-applied document follows. A workload cluster takes the roles and users
     * managed inside it along, to the new cluster name.
     */
    public static Either<String, Edited> move(State state, Address from, Address to, CommandHint hint) {
        if (state.get(from).isEmpty()) {
            return Either.left("state holds no " + from + " ('" + hint.teleform("state list") + "' shows what it holds); nothing was "
                    + "changed");
        }
        if (!from.kind().equals(to.kind())) {
            return Either.left("cannot move a " + from.kind() + " to a " + to.kind() + ": both addresses must be of one "
                    + "kind; nothing was changed");
        }
        if (state.get(to).isPresent()) {
            return Either.left("state already holds " + to + "; remove it first ('" + hint.teleform("state rm " + to) + "') if "
                    + "it is the one to forget; nothing was changed");
        }
        boolean cluster = from.kind() == ResourceKind.WORKLOAD_CLUSTER && from.inParentCluster();
        if (cluster && !to.inParentCluster()) {
            return Either.left("a workload cluster lives in the parent cluster: write workload_cluster/NAME; nothing was "
                    + "changed");
        }
        Map<Address, ResourceState> next = new TreeMap<>(state.resources());
        List<Address> moved = new ArrayList<>();
        moveOne(next, from, to, moved);
        if (cluster) {
            for (Address inside : List.copyOf(next.keySet())) {
                if (inside.cluster().equals(from.name())) {
                    Address target = Address.in(inside.kind(), inside.name(), to.name());
                    if (next.containsKey(target)) {
                        return Either.left("state already holds " + target + "; nothing was changed");
                    }
                    moveOne(next, inside, target, moved);
                }
            }
        }
        return Either.right(new Edited(state.next(next), List.copyOf(moved)));
    }

    private static void moveOne(Map<Address, ResourceState> resources, Address from, Address to, List<Address> moved) {
        ResourceState held = resources.remove(from);
        ObjectNode applied = held.applied().deepCopy();
        applied.withObjectProperty("metadata").put("name", to.name());
        resources.put(to, held.with(to, applied, held.observed()));
        moved.add(from);
    }
}
