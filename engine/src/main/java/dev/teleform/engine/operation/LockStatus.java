package dev.teleform.engine.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a stack's lock and what the next run would make of it, for {@code teleform lock status}.
 *
 * @param holder the holder, if the stack is locked
 * @param lease  the lease the holder is judged by: the longer of the stack's and the one it beats for
 * @param state  whether the lock is live, stale (the next run takes it over) or not known to be either
 * @param why    why it is judged so, for a person; empty when unlocked
 */
public record LockStatus(String stack, Optional<Holder> holder, Duration lease, State state, String why) {

    /** What a lock is. */
    public enum State {
        /** Nobody holds it. */
        UNLOCKED,
        /** Its run is alive (fresh heartbeat, or its process runs on this host): it is never taken over. */
        LIVE,
        /** Its run is gone: the next run takes it over. */
        STALE,
        /** Its run records no heartbeat (a Teleform before lock leases): only {@code teleform unlock} removes it. */
        UNKNOWN
    }

    /**
     * The run holding the lock, as recorded in it.
     *
     * @param id            the lock id {@code teleform unlock} takes
     * @param lastHeartbeat empty in a lock written before leases
     */
    public record Holder(String id, String operation, String user, String host, long pid, Instant started,
            Optional<Instant> lastHeartbeat) {}
}
