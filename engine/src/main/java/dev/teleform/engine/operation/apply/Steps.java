package dev.teleform.engine.operation.apply;

import dev.teleform.engine.operation.InviteDelivery;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;

/**
 * One handler per kind of action. The switch has no {@code default}: a new kind of action fails to compile
 * here until it has a handler.
 */
final class Steps {

    private final CreateStep create;
    private final AdoptStep adopt;
    private final UpdateStep update;
    private final ReplaceStep replace;
    private final DeleteStep delete;
    private final ForgetStep forget;
    private final WaitStep waitUntilActive;
    private final JoinStep join;
    private final InviteStep invite;

    Steps(RunContext run, InviteDelivery delivery) {
        this.adopt = new AdoptStep(run);
        this.create = new CreateStep(run, adopt);
        this.update = new UpdateStep(run);
        this.replace = new ReplaceStep(run, adopt);
        this.delete = new DeleteStep(run);
        this.forget = new ForgetStep(run);
        this.waitUntilActive = new WaitStep(run);
        this.join = new JoinStep(run);
        this.invite = new InviteStep(run, delivery);
    }

    StepOutcome run(PlanStep step) {
        return switch (step.action()) {
            case Action.Create action -> create.run(step, action);
            case Action.Adopt action -> adopt.run(step, action);
            case Action.Update action -> update.run(step, action);
            case Action.Replace action -> replace.run(step, action);
            case Action.Delete action -> delete.run(step, action);
            case Action.Forget action -> forget.run(step, action);
            case Action.Wait action -> waitUntilActive.run(step, action);
            case Action.Bootstrap action -> join.run(step, action);
            case Action.Invite action -> invite.run(step, action);
        };
    }
}
