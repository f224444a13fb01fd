package dev.teleform.engine.state;

import io.vavr.control.Either;
import java.util.Optional;

/**
 * A store written only while {@code lock} is still held: each write first asks the lock where it is kept, so a
 * run whose lock was removed or taken over stops at its next checkpoint with {@link StateError.LockLost} instead
 * of writing over the state of the run that holds it now. Reads pass through.
 */
public record LockedStateStore(StateStore store, StateLock lock) implements StateStore.WritingThrough {

    @Override
    public Either<StateError, Snapshot> write(State state, Optional<String> readAt, String message) {
        Optional<StateError> gone = lock.check();
        return gone.isPresent() ? Either.left(gone.get()) : store.write(state, readAt, message);
    }
}
