package dev.teleform.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A fed snapshot holds one workload cluster's live documents at a time: those the planner reached, until it
 * passes the cluster, then only the ones it kept; the parent's are held throughout.
 */
class LiveSnapshotTest {

    private static final Address CLUSTER = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "c0");

    @Test
    void aPassedClusterLeavesOnlyWhatThePlanKept() {
        List<String> taken = new ArrayList<>();
        LiveSnapshot live = LiveSnapshot.fed(Map.of(CLUSTER, live(CLUSTER)), feed(taken));
        live.reach("c0");
        assertEquals(Set.of(CLUSTER, role("a", "c0"), role("b", "c0")), live.resources().keySet());
        assertTrue(live.cluster("c0").orElseThrow().read());
        live.keep(role("b", "c0"));
        live.passed("c0");
        live.reach("c1");
        assertEquals(Set.of(CLUSTER, role("b", "c0"), role("a", "c1"), role("b", "c1")), live.resources().keySet());
        live.passed("c1");
        live.finished();
        assertEquals(Set.of(CLUSTER, role("b", "c0")), live.resources().keySet(), "the parent's and the kept one");
        assertEquals(Set.of("c0", "c1"), live.clusters().keySet(), "every view stays, for ordering the plan");
        assertEquals(List.of("c0", "c1", "drain"), taken);
    }

    @Test
    void askingAboutAPassedClusterIsABugNotAnAbsence() {
        LiveSnapshot live = LiveSnapshot.fed(Map.of(), feed(new ArrayList<>()));
        live.reach("c0");
        live.keep(role("b", "c0"));
        live.passed("c0");
        assertEquals(Optional.of("b"), live.get(role("b", "c0")).map(LiveResource::name), "kept");
        assertThrows(IllegalStateException.class, () -> live.get(role("a", "c0")), "let go: not \"deleted\"");
        assertThrows(IllegalStateException.class, () -> live.reach("c0"));
    }

    @Test
    void aWholeSnapshotKeepsEverything() {
        LiveSnapshot live = new LiveSnapshot(Map.of(role("a", "c0"), live(role("a", "c0"))), Map.of());
        live.reach("c0");
        live.passed("c0");
        assertEquals(Set.of(role("a", "c0")), live.resources().keySet());
    }

    private static LiveSnapshot.Feed feed(List<String> taken) {
        return new LiveSnapshot.Feed() {
            @Override
            public LiveSnapshot.ClusterRead take(String cluster) {
                taken.add(cluster);
                return new LiveSnapshot.ClusterRead(new LiveSnapshot.ClusterView(cluster, true,
                        new WorkloadClusterStatus("active", Optional.empty()), true, "bot", Set.of(), Set.of()),
                        Map.of(role("a", cluster), live(role("a", cluster)), role("b", cluster), live(role("b", cluster))));
            }

            @Override
            public void drain() {
                taken.add("drain");
            }
        };
    }

    private static Address role(String name, String cluster) {
        return Address.in(ResourceKind.ROLE, name, cluster);
    }

    private static LiveResource live(Address address) {
        return new LiveResource(address.kind(), address.name(), JsonNodeFactory.instance.objectNode()
                .put("kind", address.kind().kind()));
    }
}
