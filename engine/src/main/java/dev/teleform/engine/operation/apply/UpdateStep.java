package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.LiveMerge;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.Provider;

/**
 * Reads the resource and writes it back with exactly the plan's field changes made ({@link LiveMerge}), so
 * that what the stack does not set keeps its live value. The read is fresh rather than refresh's copy: a
 * saved plan may be applied long after it was made, and a change made since to a field the plan does not
 * list must survive.
 */
final class UpdateStep implements Step<Action.Update> {

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Update update) {
        Address address = update.address();
        Provider provider = run.provider();
        return run.target(address).fold(StepOutcome::failed, target -> run.recorded(address, update.document(),
                update.sensitive(), run.call(address, () -> provider.get(target, address.kind(), address.name())
                        .flatMap(live -> provider.update(target, LiveMerge.merge(live.document(), update.changes()))))));
    }
}
