package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.plan.ThreeWayDiff;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.resource.GracePeriod;
import dev.teleform.engine.schema.FieldSemantics;
import io.vavr.control.Either;

/**
 * Records a resource that exists live as the stack wants it, writing nothing: as planned, or when a create
 * or a replace finds the resource already there ({@link #existing}).
 */
final class AdoptStep implements Step<Action.Adopt> {

    private static final ThreeWayDiff DIFF = new ThreeWayDiff(FieldSemantics.shared());

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Adopt adopt) {
        Address address = adopt.address();
        return run.target(address).fold(StepOutcome::failed, target -> run.recorded(address, adopt.document(),
                adopt.sensitive(), run.call(address, () -> run.provider().get(target, address.kind(), address.name()))));
    }

    /** A create that found the resource already there: adopt it if it is what the stack wants. */
    static StepOutcome existing(RunContext run, Action.Create create, ClusterTarget target,
            ProviderError.AlreadyExists exists) {
        Address address = create.address();
        ResourceKind kind = address.kind();
        var found = run.call(address, () -> run.provider().get(target, kind, address.name()));
        if (kind == ResourceKind.WORKLOAD_CLUSTER && found.isLeft() && found.getLeft() instanceof ProviderError.NotFound) {
            // Teleport Cloud keeps a deleted cluster's name during its restore window: it exists for the
            // create, yet no read can find it.
            return StepOutcome.failed(new StepFailure("Teleport Cloud still holds the name " + address.name()
                    + " in the restore window of a deleted workload cluster, which lasts " + GracePeriod.NAME
                    + " from the delete: restore it in Teleport Cloud, wait until the window ends, or declare the "
                    + "cluster under another name (" + exists.message() + ")"));
        }
        return found.fold(StepOutcome::failed, live -> DIFF.matches(kind, create.document(), live.document())
                ? run.recorded(address, create.document(), create.sensitive(), Either.right(live))
                : StepOutcome.failed(new StepFailure("it already exists in Teleport and differs from the stack; "
                        + "adopt it with '" + run.settings().hint().teleform("import " + address) + "'")));
    }
}
