package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * Creates the resource and records it; one found already there is adopted if it is what the stack wants
 * ({@link AdoptStep#existing}). A workload cluster's status as its create returned it is kept for its wait.
 */
final class CreateStep implements Step<Action.Create> {

    private final Creation creation;

    CreateStep(Creation creation) {
        this.creation = creation;
    }

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Create create) {
        Address address = create.address();
        boolean cluster = address.kind() == ResourceKind.WORKLOAD_CLUSTER;
        Optional<String> waiting = creation.waiting(run, address);
        if (waiting.isPresent()) {
            return StepOutcome.deferred(waiting.get());
        }
        return run.target(address).fold(StepOutcome::failed, target -> {
            // Teleport Cloud's upsert is a no-op for an identical spec, so a re-run after a crash is safe.
            Either<? extends Failure, LiveResource> written = cluster
                    ? run.call(address, () -> run.provider().upsert(target, create.document()))
                    : creation.create(run, target, address, create.document());
            if (written.isLeft() && written.getLeft() instanceof ProviderError.AlreadyExists exists) {
                return AdoptStep.existing(run, create, target, exists);
            }
            if (cluster) {
                written.forEach(live -> run.statusAtCreate().leave(address.name(), WorkloadClusterStatus.of(live.document())));
            }
            return run.recorded(address, create.document(), create.sensitive(), written);
        });
    }
}
