package dev.teleform.engine.operation.apply;

import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;

/**
 * The work of one kind of action, given the step that carries it; the walker decides when it runs. A handler
 * keeps nothing of a run: it reaches Teleport, state and what other steps left through the {@link RunContext}
 * it is given, and never reports its outcome itself: it returns it.
 */
sealed interface Step<A extends Action>
        permits CreateStep, AdoptStep, UpdateStep, ReplaceStep, DeleteStep, ForgetStep, WaitStep, JoinStep, InviteStep {

    StepOutcome perform(RunContext run, PlanStep step, A action);
}
