package dev.teleform.engine.provider;

import java.util.Optional;

/**
 * What Teleport Cloud reports about a workload cluster. {@code state} is a free string decided by
 * Teleport Cloud; only {@code active} means ready. Right after creation there may be no status at
 * all, which is {@code state} empty.
 */
public record WorkloadClusterStatus(String state, Optional<String> domain) {

    public static final String ACTIVE = "active";

    public boolean active() {
        return ACTIVE.equals(state);
    }
}
