package dev.teleform.engine.state;

import dev.teleform.engine.addr.Address;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store written only while {@code lock} is still held: each write first asks the lock where it is kept, so a
 * run whose lock was removed or taken over stops at its next checkpoint with {@link StateError.LockLost} instead
 * of writing over the state of the run that holds it now. Reads pass through.
 */
public record LockedStateStore(StateStore store, StateLock lock) implements StateStore {

    @Override
    public Either<StateError, Snapshot> read() {
        return store.read();
    }

    @Override
    public Either<StateError, Snapshot> read(Map<Address, ObjectNode> declared) {
        return store.read(declared);
    }

    @Override
    public Either<StateError, Snapshot> write(State state, Optional<String> readAt, String message) {
        Optional<StateError> gone = lock.check();
        return gone.isPresent() ? Either.left(gone.get()) : store.write(state, readAt, message);
    }

    @Override
    public Either<StateError, List<Entry>> history(int limit) {
        return store.history(limit);
    }
}
