package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.InviteLink;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.PasswordState;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.state.ResourceState;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Hands over the link a new user's create issued with it, or issues one for a user that exists (a reset link),
 * and only then clears the pending mark in state. With nowhere to
 * deliver, or for a user who has credentials since (a reset would delete them), no link is issued: the
 * invite is {@link StepOutcome.Deferred deferred}, pending or moot, with nothing lost.
 */
final class InviteStep implements Step<Action.Invite> {

    /** A failure after which the user's invite stays pending in state, for the next plan to try again. */
    record StaysPending(Failure cause) implements Failure {
        @Override
        public String message() {
            return cause.message() + "; the invite stays pending";
        }
    }

    private final InviteDelivery delivery;

    InviteStep(InviteDelivery delivery) {
        this.delivery = delivery;
    }

    /**
     * Write-ahead for invites: before anything runs, every user the plan invites is in state marked pending
     * (a new one as "creating", with what its create will send). A run killed right after a user's create
     * then still owes its invite, and a user found live but never in state is one Teleform did not make.
     */
    static void writeAhead(Plan plan, RunContext run) {
        Checkpoints checkpoints = run.checkpoints();
        for (PlanStep step : plan.steps()) {
            if (step.action() instanceof Action.Create create && run.invited().contains(create.address())
                    && checkpoints.get(create.address()).isEmpty()) {
                checkpoints.record(new ResourceState(create.address(), create.sensitive().masked(create.document()),
                        JsonNodeFactory.instance.objectNode(), run.preventsDestroy(create.address()), true,
                        create.sensitive().pointers(), true));
            }
        }
        run.invited().forEach(address -> checkpoints.change(address, entry -> entry.withInvitePending(true)));
    }

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Invite invite) {
        if (!delivery.available()) {
            run.invitePending(invite.address());
            return StepOutcome.deferred("pending: there is nowhere to deliver the link (no terminal, no --invites-out, no spec.invites.deliver)");
        }
        return run.target(invite.address()).fold(StepOutcome::failed, target -> invite(run, target, invite));
    }

    private StepOutcome invite(RunContext run, ClusterTarget target, Action.Invite invite) {
        Address address = invite.address();
        Optional<StepOutcome> atCreate = run.invitedAtCreate().take(address);
        if (atCreate.isPresent()) {
            return atCreate.get();
        }
        Optional<LiveResource> known = run.writtenNow(address);
        Either<ProviderError, LiveResource> user = known.isPresent() ? Either.right(known.get())
                : run.call(address, () -> run.provider().get(target, ResourceKind.USER, address.name()));
        if (user.isLeft()) {
            return StepOutcome.failed(new StaysPending(user.getLeft()));
        }
        if (PasswordState.mayHaveCredentials(user.get().document())) {
            run.checkpoints().change(address, entry -> entry.withInvitePending(false));
            return StepOutcome.deferred("not needed: the user has set a password or registered an MFA device or "
                    + "passkey (a new link would reset them)");
        }
        // The user exists without a link of this run (made before, or found made when its create's answer was
        // lost): tctl's only link for it is a reset link, which lasts at most linkLimits().reset().
        Duration longest = run.provider().linkLimits().reset();
        Duration ttl = invite.ttl().compareTo(longest) > 0 ? longest : invite.ttl();
        Either<ProviderError, InviteLink> link = run.call(address,
                () -> run.provider().invite(target, address.name(), ttl));
        if (link.isLeft()) {
            return StepOutcome.failed(new StaysPending(link.getLeft()));
        }
        return handOver(run, address, link.get());
    }

    /**
     * Delivers an issued link; only a delivered link ends the user's pending invite in state. One that did not
     * reach its destination leaves the invite pending exactly as having nowhere to deliver does: deferred, not
     * failed, and reported; the next plan plans it again (a reset link, as the user exists by then).
     */
    StepOutcome handOver(RunContext run, Address address, InviteLink link) {
        Invitation invitation = Invitation.of(link);
        return delivery.deliver(invitation).fold(
                why -> {
                    run.undelivered(address, why);
                    return StepOutcome.deferred("pending: the link was not delivered (" + why + ")");
                },
                where -> {
                    run.checkpoints().change(address, entry -> entry.withInvitePending(false));
                    run.events().invited(invitation);
                    return StepOutcome.done();
                });
    }
}
