package dev.teleform.engine.operation.apply;

import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;

/** State stops managing the resource; Teleport keeps it and is not called. */
final class ForgetStep implements Step<Action.Forget> {

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Forget forget) {
        run.checkpoints().forget(forget.address());
        return StepOutcome.done();
    }
}
