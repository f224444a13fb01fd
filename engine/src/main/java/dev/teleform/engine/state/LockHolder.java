package dev.teleform.engine.state;

import java.time.Instant;

/**
 * Who holds a stack's lock, as recorded in the lock itself.
 *
 * @param id        the lock id {@code teleform unlock} takes
 * @param who       the OS user
 * @param host      the host name
 * @param pid       the process id on that host
 * @param operation what it is doing ({@code apply}, {@code state rm}, ...)
 */
public record LockHolder(String id, String who, String host, long pid, String operation, Instant started) {

    /** {@code apply by alice@ci-7 (pid 4242) since 2026-11-25T10:00:00Z, lock id 1a2b...}. */
    public String describe() {
        return operation + " by " + who + "@" + host + " (pid " + pid + ") since " + started + ", lock id " + id;
    }
}
