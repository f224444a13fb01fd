package dev.teleform.engine.planfile;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.resource.Resource;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts the sensitive values back into a saved plan, which holds the placeholder where each one was:
 * from the stack being applied, which the stack digest check has shown to be the stack that was planned in all but
 * its sensitive values. Those are not in the digest (a rotated token must not make a reviewed plan stale), so each
 * is sent as it is now; no reviewer saw it, and none can name a resource, so the steps are the ones reviewed.
 * Only what a step sends is restored: the document a create or replace sends, and the new value of each
 * sensitive field an update changes.
 */
public final class SensitiveValues {

    private SensitiveValues() {
    }

    /**
     * @param stack the stack's resources, by address
     * @param hint  how the message of a plan that cannot be restored names the command that plans again
     */
    public static Either<String, Plan> restore(Plan saved, Map<Address, Resource> stack, CommandHint hint) {
        List<PlanStep> steps = new ArrayList<>();
        for (PlanStep step : saved.steps()) {
            Either<String, Action> action = restore(step.action(), stack);
            if (action.isLeft()) {
                return Either.left(action.getLeft() + "; plan again (" + hint.teleform("plan", "--out FILE") + ")");
            }
            steps.add(new PlanStep(step.id(), action.get(), step.dependsOn()));
        }
        return Either.right(new Plan(saved.mode(), steps, saved.drift(), saved.problems(), saved.unchanged(),
                saved.unknown(), saved.excluded(), saved.allowDestroy(), saved.workloadClustersRead()));
    }

    private static Either<String, Action> restore(Action action, Map<Address, Resource> stack) {
        return switch (action) {
            case Action.Create create -> create.sensitive().isEmpty() ? Either.right(create)
                    : declared(create, stack).map(document -> new Action.Create(create.address(), document,
                            create.sensitive()));
            case Action.Replace replace -> replace.sensitive().isEmpty() ? Either.right(replace)
                    : declared(replace, stack).map(document -> new Action.Replace(replace.address(), document,
                            replace.changes(), replace.sensitive()));
            // An update writes live with its changes made (LiveMerge), so only their new values are sent.
            case Action.Update update -> update.changes().stream().noneMatch(FieldChange::sensitive)
                    ? Either.right(update)
                    : declared(update, stack).map(document -> new Action.Update(update.address(), update.document(),
                            restore(update.changes(), document), update.sensitive()));
            case Action.Adopt adopt -> Either.right(adopt); // writes nothing; state takes the placeholders
            case Action.Delete delete -> Either.right(delete);
            case Action.Forget forget -> Either.right(forget);
            case Action.Wait wait -> Either.right(wait);
            case Action.Bootstrap bootstrap -> Either.right(bootstrap);
            case Action.Invite invite -> Either.right(invite);
        };
    }

    private static Either<String, ObjectNode> declared(Action action, Map<Address, Resource> stack) {
        Resource declared = stack.get(action.address());
        return declared != null ? Either.right(declared.document())
                : Either.left("the saved plan has sensitive values for " + action.address() + ", which the stack "
                        + "does not declare");
    }

    /** A sensitive change sets the stack's value; one that removes the field has nothing to restore. */
    private static List<FieldChange> restore(List<FieldChange> changes, ObjectNode document) {
        return changes.stream().map(change -> !change.sensitive() || change.after().isEmpty() ? change
                : new FieldChange(change.pointer(), change.field(), change.before(),
                        Optional.of(document.at(JsonPointer.compile(change.pointer()))), true)).toList();
    }
}
