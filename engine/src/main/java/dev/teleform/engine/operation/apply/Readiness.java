package dev.teleform.engine.operation.apply;

import dev.teleform.engine.provider.WorkloadClusterStatus;

/**
 * The ready condition of a wait: a workload cluster is ready once Teleport Cloud reports it {@code active},
 * has failed once it reports {@code failed}, and is not ready yet in any other state, or with no status yet.
 */
enum Readiness {
    READY, NOT_YET, FAILED;

    private static final String FAILED_STATE = "failed";

    static Readiness of(WorkloadClusterStatus status) {
        if (status.active()) {
            return READY;
        }
        return FAILED_STATE.equals(status.state()) ? FAILED : NOT_YET;
    }
}
