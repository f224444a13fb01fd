package dev.teleform.engine.state;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;

/**
 * How long a lock holder's heartbeat stays fresh ({@code spec.state.lock_lease}), and what that makes of a
 * lock found held: a lock may be taken over only when its holder is known to be gone, because its heartbeat is
 * older than the lease, or because its process no longer runs in this host's process table. A holder that beats,
 * elsewhere or in another container of the same name, is never taken over.
 *
 * @param lease how old a heartbeat may get before its lock may be taken over
 */
public record LockLease(Duration lease) {

    public static final Duration DEFAULT = Duration.ofMinutes(10);
    /** The slowest heartbeat: every 30 s, whatever the lease. */
    static final Duration LONGEST_BEAT = Duration.ofSeconds(30);

    public LockLease {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lock lease must be positive: " + lease);
        }
    }

    public static LockLease standard() {
        return new LockLease(DEFAULT);
    }

    /**
     * How often a holder beats: every 30 s, or a third of a shorter lease, so that two beats can be lost or
     * late before a live holder's lock looks stale.
     */
    public Duration heartbeat() {
        Duration third = lease.dividedBy(3);
        return third.compareTo(LONGEST_BEAT) < 0 ? third : LONGEST_BEAT;
    }

    /**
     * The lease {@code holder} is judged by: the longer of this one and the one it beats for, so that a run
     * configured with a shorter lease cannot take over a live holder that beats less often.
     */
    public Duration effective(LockHolder holder) {
        return holder.lease().compareTo(lease) > 0 ? holder.lease() : lease;
    }

    /** What a lock found held is. Switch over it without a {@code default}. */
    public sealed interface Verdict {
        /** Why it is judged so, for a person: {@code its heartbeat is 4s old, within the lease (10m)}. */
        String why();

        /** Its holder runs (its heartbeat is fresh, or its process runs on this host): it is never taken over. */
        record Live(String why) implements Verdict {}

        /**
         * Its holder runs elsewhere and records no heartbeat (a Teleform before lock leases): it is never taken
         * over, but nothing says it runs, so {@code teleform unlock} removes it without {@code --force}.
         */
        record Unknown(String why) implements Verdict {}

        /** Its holder is gone: the lock may be taken over. */
        record Stale(String why, boolean processGone) implements Verdict {}
    }

    /**
     * Judges {@code holder} at {@code now}, seen from the host {@code here} with the process table {@code processes},
     * where {@code runs} tells whether a process runs. A holder that beats is judged by its heartbeat, except that
     * one whose process is known gone (same host and process table, pid not running) is stale at once; a pid that
     * runs (perhaps reused) keeps no lock whose heartbeat is older than the lease.
     */
    public Verdict judge(LockHolder holder, Instant now, String here, String processes, LongPredicate runs) {
        boolean sameProcessTable = holder.host().equals(here)
                && (holder.processes().isEmpty() || processes.isEmpty() || holder.processes().equals(processes));
        if (holder.heartbeat().isEmpty()) {
            if (sameProcessTable) {
                return runs.test(holder.pid())
                        ? new Verdict.Live("its process (pid " + holder.pid() + ") runs on this host")
                        : new Verdict.Stale("its process (pid " + holder.pid() + ") no longer runs on this host", true);
            }
            return new Verdict.Unknown("it was taken on " + holder.host() + " and records no heartbeat (a Teleform before "
                    + "lock leases), so only teleform unlock removes it");
        }
        Duration lease = effective(holder);
        Duration age = Duration.between(holder.heartbeat().get(), now);
        age = age.isNegative() ? Duration.ZERO : age;
        if (age.compareTo(lease) > 0) {
            return new Verdict.Stale("its last heartbeat is " + format(age) + " old, older than the lease ("
                    + format(lease) + ")", false);
        }
        if (sameProcessTable && !runs.test(holder.pid())) {
            return new Verdict.Stale("its process (pid " + holder.pid() + ") no longer runs on this host", true);
        }
        return new Verdict.Live("its heartbeat is " + format(age) + " old, within the lease (" + format(lease) + ")");
    }

    /** {@code 10m}, {@code 1m30s}, {@code 2.5s}: whole seconds, but tenths below ten seconds, where they tell. */
    public static String format(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(10)) < 0) {
            long tenths = duration.toMillis() / 100;
            return tenths % 10 == 0 ? tenths / 10 + "s" : tenths / 10 + "." + tenths % 10 + "s";
        }
        StringBuilder out = new StringBuilder();
        long hours = duration.toHours();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            out.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || out.isEmpty()) {
            out.append(duration.toSecondsPart()).append('s');
        }
        return out.toString();
    }
}
