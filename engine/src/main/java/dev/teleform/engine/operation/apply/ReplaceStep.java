package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.ProviderError;
import java.util.Optional;

/**
 * Deletes the resource (one already gone is fine) and creates it again ({@code --replace}). State forgets it
 * in between, except an invited user, which keeps its pending mark until it is created again.
 */
final class ReplaceStep implements Step<Action.Replace> {

    private final Creation creation;

    ReplaceStep(Creation creation) {
        this.creation = creation;
    }

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Replace replace) {
        Address address = replace.address();
        Optional<String> waiting = creation.waiting(run, address);
        if (waiting.isPresent()) {
            return StepOutcome.deferred(waiting.get() + "; it is not deleted meanwhile");
        }
        return run.target(address).fold(StepOutcome::failed, target -> {
            var deleted = run.call(address, () -> run.provider().delete(target, address.kind(), address.name()));
            if (deleted.isLeft() && !(deleted.getLeft() instanceof ProviderError.NotFound)) {
                return StepOutcome.failed(deleted.getLeft());
            }
            if (!run.invited().contains(address)) {
                run.checkpoints().forget(address);
            }
            return creation.make(run, target, new Action.Create(address, replace.document(), replace.sensitive()));
        });
    }
}
