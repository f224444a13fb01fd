package dev.teleform.provider.simulator.cloud;

import dev.teleform.engine.provider.WorkloadClusterStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a new workload cluster comes up: no status at first, then {@code creating}, then
 * {@code active} with its domain once it is ready. A cluster is ready once its ready time has passed or, in a
 * simulator that provisions by reads ({@code provisioning_reads}), at the Nth read of it; what decides is
 * persisted with the cluster, so every process sees the same progress. A fault can keep it creating forever or
 * fail it.
 */
public enum Provisioning {
    NORMAL, STUCK, FAILED;

    static final String CREATING = "creating";
    static final String FAILED_STATE = "failed";

    /** How far a cluster has come, whatever measures it. */
    enum Stage { JUST_CREATED, CREATING, READY }

    /** The stage at {@code now} of a cluster created at {@code created} that is ready at {@code ready}. */
    static Stage byTime(Instant created, Instant ready, Instant now) {
        Instant statusAppears = created.plus(Duration.between(created, ready).dividedBy(4));
        return now.isBefore(statusAppears) ? Stage.JUST_CREATED : now.isBefore(ready) ? Stage.CREATING : Stage.READY;
    }

    /** The stage of a cluster read {@code reads} times that is ready at its {@code readyAt}th read. */
    static Stage byReads(long reads, long readyAt) {
        return reads >= readyAt ? Stage.READY : reads == 0 ? Stage.JUST_CREATED : Stage.CREATING;
    }

    /** Status of the cluster {@code name} at {@code stage}. */
    WorkloadClusterStatus status(String name, Stage stage) {
        if (stage == Stage.JUST_CREATED && this != FAILED) {
            return new WorkloadClusterStatus("", Optional.empty());
        }
        return switch (this) {
            case NORMAL -> stage != Stage.READY ? new WorkloadClusterStatus(CREATING, Optional.empty())
                    : new WorkloadClusterStatus(WorkloadClusterStatus.ACTIVE, Optional.of(domain(name)));
            case STUCK -> new WorkloadClusterStatus(CREATING, Optional.empty());
            case FAILED -> new WorkloadClusterStatus(FAILED_STATE, Optional.empty());
        };
    }

    static String domain(String cluster) {
        return cluster + ".teleport.sh";
    }
}
