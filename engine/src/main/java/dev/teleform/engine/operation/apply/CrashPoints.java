package dev.teleform.engine.operation.apply;

/**
 * A test seam: apply calls {@link #at} at each boundary where a crash would leave a different world behind, so
 * that a test can end the run there as a kill -9 would (by throwing, once what it watches no longer reaches
 * Teleport or state) and check what the next run makes of it, many times in one JVM. Production runs pass
 * {@link #NONE}.
 */
@FunctionalInterface
public interface CrashPoints {

    /** Where apply is. */
    enum Point {
        /** A provider call is about to be made (each attempt of a retried call). */
        BEFORE_CALL,
        /** A provider call has returned; what it did is not yet in state. */
        AFTER_CALL,
        /** State has just been committed. */
        AFTER_COMMIT
    }

    /** @param what the address a call is about, or the commit's message */
    void at(Point point, String what);

    CrashPoints NONE = (point, what) -> { };
}
