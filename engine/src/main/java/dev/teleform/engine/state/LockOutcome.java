package dev.teleform.engine.state;

/** What trying to take a stack's lock gave. Switch over it without a {@code default}. */
public sealed interface LockOutcome {

    /** The lock is ours; release it when done. */
    record Acquired(StateLock lock) implements LockOutcome {}

    /**
     * The previous holder was gone (its process no longer runs on this host, or its heartbeat is older than the
     * lease): its lock is now ours.
     */
    record TakenOver(StateLock lock, LockHolder previous, LockLease.Verdict.Stale why) implements LockOutcome {}

    /** Someone else holds it ({@code why}: live, or not known to be gone); nothing was done. */
    record Held(LockHolder holder, LockLease.Verdict why) implements LockOutcome {}

    /** The lock could not be read or written. */
    record Failed(String message) implements LockOutcome {}
}
