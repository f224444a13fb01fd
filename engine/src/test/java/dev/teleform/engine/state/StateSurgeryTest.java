package dev.teleform.engine.state;

import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.addr.ResourceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class StateSurgeryTest {

    private static final Address CHILD = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "child");
    private static final Address OTHER = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "other");
    private static final Address ROLE = Address.in(ResourceKind.ROLE, "example", "child");
    private static final Address USER = Address.in(ResourceKind.USER, "alice", "child");
    private static final Address OTHER_USER = Address.in(ResourceKind.USER, "alice", "other");
    private static final Address PARENT_ROLE = Address.inParent(ResourceKind.ROLE, "child");

    private static State state(Address... addresses) {
        Map<Address, ResourceState> resources = new TreeMap<>();
        for (Address address : addresses) {
            resources.put(address, new ResourceState(address, JsonNodeFactory.instance.objectNode(),
                    JsonNodeFactory.instance.objectNode(), false));
        }
        return State.empty("prod").next(resources);
    }

    @Test
    void removingOneResourceKeepsEverythingElseAndMovesTheSerialOn() {
        State before = state(CHILD, ROLE, USER);
        var edited = StateSurgery.remove(before, USER, CommandHint.HERE).get();
        assertEquals(List.of(USER), edited.touched());
        assertEquals(List.of(CHILD, ROLE), List.copyOf(edited.next().resources().keySet()));
        assertEquals(before.serial() + 1, edited.next().serial());
        assertEquals(before.lineage(), edited.next().lineage());
    }

    @Test
    void aWorkloadClusterTakesOnlyItsOwnContentsAlong() {
        var edited = StateSurgery.remove(state(CHILD, OTHER, ROLE, USER, OTHER_USER, PARENT_ROLE), CHILD, CommandHint.HERE).get();
        assertEquals(List.of(CHILD, ROLE, USER), edited.touched());
        assertEquals(List.of(PARENT_ROLE, OTHER, OTHER_USER), List.copyOf(edited.next().resources().keySet()));
    }

    @Test
    void anAddressStateDoesNotHoldIsRefused() {
        var refused = StateSurgery.remove(state(CHILD), USER, CommandHint.HERE);
        assertTrue(refused.isLeft());
        assertEquals("state holds no user/alice@child ('teleform state list' shows what it holds); nothing was changed",
                refused.getLeft());
    }

    @Test
    void aMoveKeepsWhatWasAppliedAndObservedUnderTheNewNameInOneSerial() {
        State before = state(CHILD, ROLE, USER);
        Address renamed = Address.in(ResourceKind.USER, "alicia", "child");
        var edited = StateSurgery.move(before, USER, renamed, CommandHint.HERE).get();
        assertEquals(List.of(USER), edited.touched());
        assertEquals(List.of(CHILD, ROLE, renamed), List.copyOf(edited.next().resources().keySet()));
        assertEquals("alicia", edited.next().get(renamed).orElseThrow().applied().at("/metadata/name").asString());
        assertEquals(before.serial() + 1, edited.next().serial());
    }

    @Test
    void aWorkloadClusterMovesWithItsContents() {
        Address moved = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "kid");
        var edited = StateSurgery.move(state(CHILD, ROLE, USER, PARENT_ROLE), CHILD, moved, CommandHint.HERE).get();
        assertEquals(List.of(PARENT_ROLE, moved, Address.in(ResourceKind.ROLE, "example", "kid"), Address.in(ResourceKind.USER, "alice", "kid")),
                List.copyOf(edited.next().resources().keySet()));
    }

    @Test
    void aMoveIsRefusedAcrossKindsOntoAnOccupiedAddressAndFromNothing() {
        State state = state(CHILD, ROLE, USER);
        assertTrue(StateSurgery.move(state, ROLE, Address.in(ResourceKind.USER, "example", "child"), CommandHint.HERE).getLeft()
                .startsWith("cannot move a role to a user"));
        assertTrue(StateSurgery.move(state, USER, USER, CommandHint.HERE).getLeft().startsWith("state already holds user/alice@child"));
        assertTrue(StateSurgery.move(state, OTHER_USER, USER, CommandHint.HERE).getLeft().startsWith("state holds no user/alice@other"));
        assertTrue(StateSurgery.move(state, CHILD, Address.in(ResourceKind.WORKLOAD_CLUSTER, "x", "child"), CommandHint.HERE).getLeft()
                .startsWith("a workload cluster lives in the parent cluster"));
    }
}
