package dev.teleform.provider.simulator.cloud;

import dev.teleform.engine.provider.WorkloadClusterStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * How a new workload cluster comes up: no status at first, then {@code creating}, then
 * {@code active} with its domain once its ready time has passed. Times are persisted with the
 * cluster, so every process sees the same progress. A fault can keep it creating forever or fail it.
 */
public enum Provisioning {
    NORMAL, STUCK, FAILED;

    static final String CREATING = "creating";
    static final String FAILED_STATE = "failed";

    /** Status at {@code now} for a cluster created at {@code created} that is ready at {@code ready}. */
    WorkloadClusterStatus status(String name, Instant created, Instant ready, Instant now) {
        Instant statusAppears = created.plus(java.time.Duration.between(created, ready).dividedBy(4));
        if (now.isBefore(statusAppears) && this != FAILED) {
            return new WorkloadClusterStatus("", Optional.empty());
        }
        return switch (this) {
            case NORMAL -> now.isBefore(ready) ? new WorkloadClusterStatus(CREATING, Optional.empty())
                    : new WorkloadClusterStatus(WorkloadClusterStatus.ACTIVE, Optional.of(domain(name)));
            case STUCK -> new WorkloadClusterStatus(CREATING, Optional.empty());
            case FAILED -> new WorkloadClusterStatus(FAILED_STATE, Optional.empty());
        };
    }

    static String domain(String cluster) {
        return cluster + ".teleport.sh";
    }
}
