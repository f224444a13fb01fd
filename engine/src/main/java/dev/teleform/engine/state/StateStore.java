package dev.teleform.engine.state;

import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where a stack's state is kept. Writes are compare-and-swap: they never overwrite a state they did not read. */
public interface StateStore {

    /** The current state and the version it was read at (empty before the first write). */
    Either<StateError, Snapshot> read();

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
}
