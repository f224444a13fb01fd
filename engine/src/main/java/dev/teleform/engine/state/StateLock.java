package dev.teleform.engine.state;

import java.util.Optional;

/**
 * A held lock. While held it beats (its heartbeat is refreshed where it is kept); {@link #release()} gives it
 * back, and releasing twice is harmless.
 */
public interface StateLock extends AutoCloseable {

    LockHolder holder();

    /**
     * Whether the lock is still this run's, looked up where it is kept: empty if so; otherwise why not
     * ({@link StateError.LockLost} when it was removed or taken over). Asked before each state write, so that a
     * run whose lock is gone never writes over its successor's state.
     */
    Optional<StateError> check();

    /** Gives the lock back if it is still ours, and stops its heartbeat. */
    void release();

    @Override
    default void close() {
        release();
    }
}
