package dev.teleform.engine.operation.apply;

import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import java.util.Map;

/**
 * One handler per kind of action, and the one for writes made together. The switch has no {@code default}: a new kind of action fails to compile
 * here until it has a handler.
 */
final class Steps {

    private final CreateStep create;
    private final AdoptStep adopt = new AdoptStep();
    private final UpdateStep update = new UpdateStep();
    private final ReplaceStep replace;
    private final DeleteStep delete = new DeleteStep();
    private final ForgetStep forget = new ForgetStep();
    private final WaitStep waitUntilActive = new WaitStep();
    private final JoinStep join = new JoinStep();
    private final InviteStep invite;
    private final WriteTogether together;

    Steps(InviteDelivery delivery) {
        this.invite = new InviteStep(delivery);
        Creation creation = new Creation(delivery, invite);
        this.create = new CreateStep(creation);
        this.replace = new ReplaceStep(creation);
        this.together = new WriteTogether(creation, invite);
    }

    /** The outcomes, by step id, of a group of writes made together. */
    Map<String, StepOutcome> performTogether(RunContext run, WriteGroups.Group group, WriteTogether.Walk walk) {
        return together.perform(run, group, walk);
    }

    StepOutcome perform(RunContext run, PlanStep step) {
        return switch (step.action()) {
            case Action.Create action -> create.perform(run, step, action);
            case Action.Adopt action -> adopt.perform(run, step, action);
            case Action.Update action -> update.perform(run, step, action);
            case Action.Replace action -> replace.perform(run, step, action);
            case Action.Delete action -> delete.perform(run, step, action);
            case Action.Forget action -> forget.perform(run, step, action);
            case Action.Wait action -> waitUntilActive.perform(run, step, action);
            case Action.Bootstrap action -> join.perform(run, step, action);
            case Action.Invite action -> invite.perform(run, step, action);
        };
    }
}
