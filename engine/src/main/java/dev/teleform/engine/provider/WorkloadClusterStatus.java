package dev.teleform.engine.provider;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Teleport Cloud reports about a workload cluster. {@code state} is a free string decided by
 * Teleport Cloud; only {@code active} means ready. Right after creation there may be no status at
 * all, which is {@code state} empty.
 */
public record WorkloadClusterStatus(String state, Optional<String> domain) {

    public static final String ACTIVE = "active";

    /** The status a workload cluster document carries ({@code status.state}, {@code status.domain}), if any. */
    public static WorkloadClusterStatus of(JsonNode workloadCluster) {
        JsonNode status = workloadCluster.path("status");
        return new WorkloadClusterStatus(status.path("state").asString(""),
                Optional.ofNullable(status.path("domain").asString(null)));
    }

    /** The status as a workload cluster document carries it, for state's {@code observed.status}. */
    public ObjectNode document() {
        ObjectNode status = JsonNodeFactory.instance.objectNode().put("state", state);
        domain.ifPresent(known -> status.put("domain", known));
        return status;
    }

    public boolean active() {
        return ACTIVE.equals(state);
    }
}
