package dev.teleform.engine.operation.apply;

import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import java.util.Optional;

/** Creates the resource and records it ({@link Creation#make}), unless it waits for its invite's delivery. */
final class CreateStep implements Step<Action.Create> {

    private final Creation creation;

    CreateStep(Creation creation) {
        this.creation = creation;
    }

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Create create) {
        Optional<String> waiting = creation.waiting(run, create.address());
        if (waiting.isPresent()) {
            return StepOutcome.deferred(waiting.get());
        }
        return run.target(create.address()).fold(StepOutcome::failed, target -> creation.make(run, target, create));
    }
}
