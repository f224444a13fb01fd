package dev.teleform.engine.operation.apply;

import dev.teleform.engine.operation.access.ClusterAccess;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;

/**
 * Obtains fresh credentials for a workload cluster ({@link dev.teleform.engine.operation.access.ClusterAccess#join}),
 * for the steps in it that follow.
 */
final class JoinStep implements Step<Action.Bootstrap> {

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Bootstrap bootstrap) {
        return run.access().join(bootstrap.address().name()).fold(StepOutcome::failed, held -> StepOutcome.done());
    }
}
