package dev.teleform.engine.operation.hook;

import io.vavr.control.Either;

/**
 * Where apply hands each invite link the moment it is issued: to the person applying, and nowhere
 * else. A link is a secret that is never stored, so an invite counts as done only once delivered;
 * until then state keeps it pending and the next plan plans it again.
 */
public interface InviteDelivery {

    /**
     * Whether links can reach anyone at all. Without a destination no link is issued (a link nobody
     * sees is wasted, and issuing one invalidates the user's earlier links): the invite stays pending.
     */
    boolean available();

    /** Hands the link over; left with the reason when it did not reach its destination. */
    Either<String, String> deliver(Invitation invitation);

    /** Nowhere to deliver: every invite stays pending. */
    InviteDelivery NOWHERE = new InviteDelivery() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Either<String, String> deliver(Invitation invitation) {
            return Either.left("there is nowhere to deliver invite links");
        }
    };
}
