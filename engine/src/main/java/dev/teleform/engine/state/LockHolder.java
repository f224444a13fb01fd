package dev.teleform.engine.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a stack's lock, as recorded in the lock itself.
 *
 * @param id        the lock id {@code teleform unlock} takes
 * @param who       the OS user
 * @param host      the host name
 * @param pid       the process id on that host
 * @param operation what it is doing ({@code apply}, {@code state rm}, ...)
 * @param started   when it took the lock
 * @param heartbeat when it last said it is still running; empty in a lock written before leases, which is
 *                  never taken over by its age
 * @param lease     the lease it beats for (its {@code spec.state.lock_lease}); zero when not recorded
 * @param processes which process table its pid is in (see {@code GitLocks.Hosts#processes}), since a host name
 *                  does not tell (containers share names); empty when not recorded
 */
public record LockHolder(String id, String who, String host, long pid, String operation, Instant started,
        Optional<Instant> heartbeat, Duration lease, String processes) {

    /** {@code apply by alice@ci-7 (pid 4242) since 2026-11-25T10:00:00Z, last heartbeat ..., lock id 1a2b...}. */
    public String describe() {
        return operation + " by " + who + "@" + host + " (pid " + pid + ") since " + started
                + heartbeat.map(beat -> ", last heartbeat " + beat).orElse("") + ", lock id " + id;
    }

    /** The same holder, having beaten at {@code now}. */
    LockHolder beatingAt(Instant now) {
        return new LockHolder(id, who, host, pid, operation, started, Optional.of(now), lease, processes);
    }
}
