package dev.teleform.engine.state;

/** What trying to take a stack's lock gave. Switch over it without a {@code default}. */
public sealed interface LockOutcome {

    /** The lock is ours; release it when done. */
    record Acquired(StateLock lock) implements LockOutcome {}

    /** The previous holder was a process on this host that no longer runs: its lock is now ours. */
    record TakenOver(StateLock lock, LockHolder previous) implements LockOutcome {}

    /** Someone else holds it; nothing was done. */
    record Held(LockHolder holder) implements LockOutcome {}

    /** The lock could not be read or written. */
    record Failed(String message) implements LockOutcome {}
}
