package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write that makes a resource that is not there, for a create and for the second half of a replace. A user
 * the plan invites is made together with its link ({@code tctl users add}: an invite token, up to 48h), and the
 * link is handed over at once, so that no cancellation or failure between the create and the invite step can
 * drop it; the invite step then reports how that went. With nowhere to deliver the link, such a user is not made
 * at all ({@link #waiting}): Teleport makes a new user and its link together, and the only link it makes for a
 * user that exists is a reset link.
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

    /**
     * Why the create of {@code address} waits, if it does: a user the plan invites while there is nowhere to
     * deliver its link. State keeps it announced, with its invite pending, and the next plan creates it again.
     */
    Optional<String> waiting(RunContext run, Address address) {
        if (run.inviteTtl(address).isPresent() && !delivery.available()) {
            return Optional.of("waits for its invite: there is nowhere to deliver the link (no terminal, no "
                    + "--invites-out, no spec.invites.deliver), and Teleport makes a new user together with its link");
        }
        return Optional.empty();
    }

    /**
     * Makes {@code create}'s resource and records it. A workload cluster goes through Teleport Cloud's upsert, a
     * no-op for an identical spec, so a re-run after a crash is safe, and its status as returned is kept for its
     * wait. One found already there (the create's answer was lost and its retry met what it made) is adopted if it
     * is what the stack wants ({@link AdoptStep#existing}).
     */
    StepOutcome make(RunContext run, ClusterTarget target, Action.Create create) {
        Address address = create.address();
        boolean cluster = address.kind() == ResourceKind.WORKLOAD_CLUSTER;
        Either<? extends Failure, LiveResource> written = cluster
                ? run.call(address, () -> run.provider().upsert(target, create.document()))
                : write(run, target, address, create.document());
        if (written.isLeft() && written.getLeft() instanceof ProviderError.AlreadyExists exists) {
            return AdoptStep.existing(run, create, target, exists);
        }
        if (cluster) {
            written.forEach(live -> run.statusAtCreate().leave(address.name(), WorkloadClusterStatus.of(live.document())));
        }
        return run.recorded(address, create.document(), create.sensitive(), written);
    }

    private Either<? extends Failure, LiveResource> write(RunContext run, ClusterTarget target, Address address,
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
        run.invitedAtCreate().leave(address, invites.handOver(run, address, invited.link()));
        if (invited.user().isRight()) {
            return Either.right(invited.user().get());
        }
        // The user exists: the rest of its document is one more write, retried like any other call.
        var rest = run.call(address, () -> run.provider().upsert(target, document));
        return rest.isRight() ? Either.right(rest.get()) : Either.left(new Incomplete(address, rest.getLeft()));
    }
}
