package dev.teleform.engine.state;

import dev.teleform.engine.addr.Address;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one stack.
 *
 * @param lineage   identifies this state's history; set at the first write, never changed, so a
 *                  plan made against another history is refused
 * @param serial    incremented by every write
 * @param stack     the stack's name
 * @param resources what is managed, by address
 */
public record State(String lineage, long serial, String stack, SortedMap<Address, ResourceState> resources) {

    /** The file format version this code writes, unless a resource has sensitive fields ({@link StateCodec}). */
    public static final int VERSION = 1;

    public State {
        resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    }

    /** No state yet: nothing managed, no lineage until the first write. */
    public static State empty(String stack) {
        return new State("", 0, stack, new TreeMap<>());
    }

    public boolean isNew() {
        return lineage.isEmpty();
    }

    public Optional<ResourceState> get(Address address) {
        return Optional.ofNullable(resources.get(address));
    }

    public List<ResourceState> all() {
        return List.copyOf(resources.values());
    }

    /**
     * The same state, where an entry's applied document equals {@code declared}'s document for its address
     * holding that document instead: the same content, held once. A fleet whose stack is applied would
     * otherwise hold every document twice through a plan.
     */
    public State sharing(Map<Address, ObjectNode> declared) {
        TreeMap<Address, ResourceState> shared = new TreeMap<>(resources);
        shared.replaceAll((address, entry) -> {
            ObjectNode applied = shared(declared, address, entry.applied());
            return applied == entry.applied() ? entry : entry.with(address, applied, entry.observed());
        });
        return new State(lineage, serial, stack, shared);
    }

    /** {@code declared}'s document for {@code address} if it equals {@code applied}, else {@code applied}. */
    static ObjectNode shared(Map<Address, ObjectNode> declared, Address address, ObjectNode applied) {
        ObjectNode same = declared.get(address);
        return same != null && same.equals(applied) ? same : applied;
    }

    /** The next state to write: one serial on, with a lineage from the first write on. */
    public State next(Map<Address, ResourceState> newResources) {
        return new State(isNew() ? UUID.randomUUID().toString() : lineage, serial + 1, stack, new TreeMap<>(newResources));
    }
}
