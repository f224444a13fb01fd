package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.ProviderError;

/**
 * Deletes the resource (one already gone is fine) and state forgets it, with what a workload cluster takes
 * with it. A workload cluster needs {@code --allow-destroy}; its restore deadline is kept for the run's result.
 */
final class DeleteStep implements Step<Action.Delete> {

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Delete delete) {
        Address address = delete.address();
        if (delete.alreadyGone()) {
            run.checkpoints().forget(address);
            return StepOutcome.done();
        }
        ResourceKind kind = address.kind();
        if (kind == ResourceKind.WORKLOAD_CLUSTER && !run.settings().allowDestroy()) {
            return StepOutcome.failed(new StepFailure("deleting a workload cluster needs --allow-destroy"));
        }
        return run.target(address).fold(StepOutcome::failed, target -> {
            var deleted = run.call(address, () -> run.provider().delete(target, kind, address.name()));
            if (deleted.isLeft() && !(deleted.getLeft() instanceof ProviderError.NotFound)) {
                return StepOutcome.failed(deleted.getLeft());
            }
            deleted.forEach(gone -> gone.restorableUntil().ifPresent(until ->
                    run.restorable("- " + address + " until " + until)));
            run.checkpoints().forget(address);
            delete.takesWith().forEach(run.checkpoints()::forget);
            return StepOutcome.done();
        });
    }
}
