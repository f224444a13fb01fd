package dev.teleform.engine.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.operation.OutputOperation.Cluster;
import dev.teleform.engine.operation.OutputOperation.Counts;
import dev.teleform.engine.operation.OutputOperation.Outputs;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What output makes of state: what it knows, and why a domain or state it does not know is missing. */
class OutputOperationTest {

    private static ObjectNode json(String text) {
        return (ObjectNode) CanonicalJson.mapper().readTree(text);
    }

    private static ResourceState entry(Address address, String applied, String observed) {
        return new ResourceState(address, json(applied), json(observed), false);
    }

    @Test
    void eachClusterWithItsCountsAndTheReasonForWhatStateDoesNotKnow() {
        var resources = new TreeMap<Address, ResourceState>();
        for (ResourceState resource : List.of(
                entry(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "b"), "{\"spec\":{\"bot\":{\"name\":\"bb\"}}}",
                        "{\"revision\":\"1\",\"status\":{\"state\":\"creating\"}}"),
                entry(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "a"), "{\"spec\":{}}",
                        "{\"revision\":\"1\",\"status\":{\"state\":\"active\",\"domain\":\"a.teleport.sh\"}}"),
                entry(Address.in(ResourceKind.ROLE, "r", "a"), "{}", "{}"),
                entry(Address.in(ResourceKind.USER, "u", "a"), "{}", "{}"),
                entry(Address.in(ResourceKind.USER, "v", "a"), "{}", "{}"),
                entry(Address.in(ResourceKind.ROLE, "r", "elsewhere"), "{}", "{}"),
                entry(Address.inParent(ResourceKind.USER, "p"), "{}", "{}"))) {
            resources.put(resource.address(), resource);
        }
        Outputs outputs = OutputOperation.of("s", new State("l", 1, "s", resources));
        assertEquals(new Outputs("s", false, List.of(
                new Cluster("a", Optional.of("a.teleport.sh"), Optional.of("active"), Optional.empty(), new Counts(1, 2),
                        Optional.empty()),
                new Cluster("b", Optional.empty(), Optional.of("creating"), Optional.of("bb"), new Counts(0, 0),
                        Optional.of("state recorded it creating, before Teleport Cloud gave its domain; --refresh reads "
                                + "it live")),
                new Cluster("elsewhere", Optional.empty(), Optional.empty(), Optional.empty(), new Counts(1, 0),
                        Optional.of("its workload_cluster is not managed by this stack"))), new Counts(0, 1)), outputs);
    }

    @Test
    void noStateNoClusters() {
        assertEquals(new Outputs("s", false, List.of(), new Counts(0, 0)), OutputOperation.of("s", State.empty("s")));
    }
}
