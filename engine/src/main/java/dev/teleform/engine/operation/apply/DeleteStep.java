package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.resource.GracePeriod;

/**
 * Deletes the resource (one already gone is fine) and state forgets it, with what a workload cluster takes
 * with it. A workload cluster needs {@code --allow-destroy}; the state commit that forgets it says when it
 * was deleted, since it stays restorable for Teleport Cloud's grace period from then.
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
            // when, not until when: the grace period is Teleport Cloud's to decide
            deleted.toJavaOptional().flatMap(Provider.Deleted::suspendedAt).ifPresentOrElse(
                    at -> run.checkpoints().forget(address, address + " deleted at " + at + ": "
                            + GracePeriod.RESTORABLE + " from then"),
                    () -> run.checkpoints().forget(address));
            delete.takesWith().forEach(run.checkpoints()::forget);
            return StepOutcome.done();
        });
    }
}
