package dev.teleform.engine.state;

import dev.teleform.engine.diag.Failure;

/** Why state could not be read or written. */
public sealed interface StateError extends Failure {

    /** The stored state is not one this Teleform can read. */
    record Unreadable(String message) implements StateError {}

    /** Someone wrote state since it was read; nothing was written. */
    record Conflict(String message) implements StateError {}

    /** The repository could not be read or written. */
    record StorageFailure(String message) implements StateError {}

    /**
     * A kept unpushed state commit ({@code refs/teleform/unpushed/STACK}) that can never be pushed: state was written
     * since it was made, or it is no write of this stack. Waiting does not help, unlike a {@link StorageFailure}.
     */
    record Unpushable(String message) implements StateError {}

    /** The stack's lock is no longer this run's (removed with {@code unlock}, or taken over): nothing was written. */
    record LockLost(String message) implements StateError {}
}
