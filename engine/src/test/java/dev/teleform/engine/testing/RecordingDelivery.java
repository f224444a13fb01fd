package dev.teleform.engine.testing;

import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.operation.hook.InviteDelivery;
import io.vavr.control.Either;
import java.util.List;

/** Delivery of invite links to a list, as if to a person. */
public final class RecordingDelivery {

    private RecordingDelivery() {
    }

    /** A delivery that is always available and adds each link to {@code delivered}. */
    public static InviteDelivery into(List<Invitation> delivered) {
        return new InviteDelivery() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Either<String, String> deliver(Invitation invitation) {
                delivered.add(invitation);
                return Either.right("a test list");
            }
        };
    }
}
