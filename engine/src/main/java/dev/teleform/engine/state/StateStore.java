package dev.teleform.engine.state;

import dev.teleform.engine.addr.Address;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Where a stack's state is kept. Writes are compare-and-swap: they never overwrite a state they did not read. */
public interface StateStore {

    /** The current state and the version it was read at (empty before the first write). */
    Either<StateError, Snapshot> read();

    /**
     * The same, where an applied document equal to the one {@code declared} holds for its address is that one,
     * so that the two are held once ({@link State#sharing}).
     */
    default Either<StateError, Snapshot> read(Map<Address, ObjectNode> declared) {
        return read().map(snapshot -> new Snapshot(snapshot.state().sharing(declared), snapshot.version()));
    }

    /**
     * Writes {@code state} if the stored version is still {@code readAt}; otherwise
     * {@link StateError.Conflict}. {@code message} names the operation and its counts.
     */
    Either<StateError, Snapshot> write(State state, Optional<String> readAt, String message);

    /** Past writes, newest first, at most {@code limit}. */
    Either<StateError, List<Entry>> history(int limit);

    /**
     * A state and the version it is at.
     *
     * @param version the commit it was read from or written as; empty before the first write
     */
    record Snapshot(State state, Optional<String> version) {}

    /** One write in the history. */
    record Entry(String version, Instant time, String author, String message) {}

    /** A store that changes only how state is written: reads and history are {@link #store}'s own. */
    interface WritingThrough extends StateStore {

        /** The store written through. */
        StateStore store();

        @Override
        default Either<StateError, Snapshot> read() {
            return store().read();
        }

        @Override
        default Either<StateError, Snapshot> read(Map<Address, ObjectNode> declared) {
            return store().read(declared);
        }

        @Override
        default Either<StateError, List<Entry>> history(int limit) {
            return store().history(limit);
        }
    }
}
