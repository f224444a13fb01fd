package dev.teleform.engine.operation.apply;

import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;

/**
 * The work of one kind of action, given the step that carries it; the walker decides when it runs. A handler
 * reaches Teleport, state and the run's bookkeeping through its {@link RunContext}, and never reports the
 * outcome itself: it returns it.
 */
sealed interface Step<A extends Action>
        permits CreateStep, AdoptStep, UpdateStep, ReplaceStep, DeleteStep, ForgetStep, WaitStep, JoinStep, InviteStep {

    StepOutcome run(PlanStep step, A action);
}
