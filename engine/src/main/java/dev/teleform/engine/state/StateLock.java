package dev.teleform.engine.state;

/** A held lock. {@link #release()} gives it back; releasing twice is harmless. */
public interface StateLock extends AutoCloseable {

    LockHolder holder();

    /** Gives the lock back if it is still ours. */
    void release();

    @Override
    default void close() {
        release();
    }
}
