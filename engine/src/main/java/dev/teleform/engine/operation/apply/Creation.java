package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write that makes a resource that is not there, for a create and for the second half of a replace. A user
 * the plan invites is made together with its link ({@code tctl users add}: an invite token, up to 48h) when the
 * link has somewhere to go; the link waits in the run for the user's invite step. Without a destination the user
 * is made without a link and its invite stays pending, to be sent later as the only link tctl makes for an
 * existing user, a reset link.
 */
final class Creation {

    /** The user exists with a link that was handed over, but the rest of its document was not written. */
    record Incomplete(Address user, Failure cause) implements Failure {
        @Override
        public String message() {
            return "the user was created with its roles and its invite link was handed over, but the rest of its "
                    + "document was not written (" + cause.message() + "); the next apply writes it";
        }
    }

    private final InviteDelivery delivery;
    private final InviteStep invites;

    Creation(InviteDelivery delivery, InviteStep invites) {
        this.delivery = delivery;
        this.invites = invites;
    }

    Either<? extends Failure, LiveResource> create(RunContext run, ClusterTarget target, Address address,
            ObjectNode document) {
        Optional<Duration> ttl = run.inviteTtl(address);
        if (ttl.isEmpty() || !delivery.available()) {
            return run.call(address, () -> run.provider().create(target, document));
        }
        var made = run.call(address, () -> run.provider().createInvited(target, document, ttl.get()));
        if (made.isLeft()) {
            return Either.left(made.getLeft());
        }
        Provider.Invited invited = made.get();
        if (invited.user().isRight()) {
            run.linksFromCreate().leave(address, invited.link());
            return Either.right(invited.user().get());
        }
        // The create fails, so the invite step after it will be skipped: the link is handed over now, or it is lost.
        invites.handOver(run, address, invited.link());
        return Either.left(new Incomplete(address, invited.user().getLeft()));
    }
}
