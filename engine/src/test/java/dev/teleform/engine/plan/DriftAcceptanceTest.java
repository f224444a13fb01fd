package dev.teleform.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DriftAcceptanceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Address CLUSTER = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "child");
    private static final Address ROLE = Address.in(ResourceKind.ROLE, "dev", "child");
    private static final Address USER = Address.in(ResourceKind.USER, "ann", "child");

    private static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    private static State state() {
        Map<Address, ResourceState> resources = new TreeMap<>();
        resources.put(CLUSTER, new ResourceState(CLUSTER, json("{}"), json("{}"), false));
        resources.put(ROLE, new ResourceState(ROLE, json("{\"kind\":\"role\",\"spec\":{\"allow\":{\"logins\":[\"ubuntu\"],"
                + "\"node_labels\":{\"env\":\"dev\"}}}}"), json("{\"revision\":\"r1\"}"), true));
        resources.put(USER, new ResourceState(USER, json("{}"), json("{}"), false));
        return State.empty("s").next(resources);
    }

    @Test
    void stateTakesTheLiveValuesAndRevisionOfWhatDrifted() {
        Drift drift = new Drift(ROLE, false, List.of(
                new FieldChange("/spec/allow/logins", "spec.allow.logins", Optional.of(JSON.readTree("[\"ubuntu\"]")),
                        Optional.of(JSON.readTree("[\"root\"]")), false),
                new FieldChange("/spec/allow/node_labels/env", "spec.allow.node_labels.env",
                        Optional.of(JSON.readTree("\"dev\"")), Optional.empty(), false),
                new FieldChange("/spec/options/max_session_ttl", "spec.options.max_session_ttl", Optional.empty(),
                        Optional.of(JSON.readTree("\"8h\"")), false)));
        LiveResource live = new LiveResource(ResourceKind.ROLE, "dev", json("{\"metadata\":{\"revision\":\"r2\"}}"));
        State accepted = DriftAcceptance.accept(state(), List.of(drift), address -> Optional.of(live));
        ResourceState role = accepted.get(ROLE).orElseThrow();
        assertEquals(json("{\"kind\":\"role\",\"spec\":{\"allow\":{\"logins\":[\"root\"],\"node_labels\":{}},"
                + "\"options\":{\"max_session_ttl\":\"8h\"}}}"), role.applied());
        assertEquals("r2", role.observed().path("revision").asString());
        assertEquals(true, role.preventDestroy());
        assertEquals(state().serial() + 1, accepted.serial());
    }

    @Test
    void aWorkloadClusterDeletedOutsideTeleformLeavesStateWithItsContents() {
        State accepted = DriftAcceptance.accept(state(), List.of(new Drift(CLUSTER, true, List.of())),
                address -> Optional.empty());
        assertEquals(List.of(), List.copyOf(accepted.resources().keySet()));
    }
}
