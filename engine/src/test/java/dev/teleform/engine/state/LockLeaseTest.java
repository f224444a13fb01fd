package dev.teleform.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** What a lock found held is, by its heartbeat's age and where its process runs. */
class LockLeaseTest {

    private static final Instant STARTED = Instant.parse("2026-11-25T10:00:00Z");
    private static final LockLease TEN_MINUTES = LockLease.standard();
    /** The process table of the holders here, and of the judging host unless a test says otherwise. */
    private static final String TABLE = "boot-1/pid:[4026531836]";
    private static final LongPredicate NOTHING_RUNS = pid -> false;
    private static final LongPredicate EVERYTHING_RUNS = pid -> true;

    private static LockHolder on(String host, Optional<Instant> heartbeat, Duration lease) {
        return new LockHolder("id-1", "alice", host, 4242, "apply", STARTED, heartbeat, lease, TABLE);
    }

    private static LockHolder beatingOn(String host, Duration sinceStart) {
        return on(host, Optional.of(STARTED.plus(sinceStart)), Duration.ofMinutes(10));
    }

    @Test
    void aHolderBeatsEvery30sOrAThirdOfAShorterLease() {
        assertEquals(Duration.ofSeconds(30), TEN_MINUTES.heartbeat());
        assertEquals(Duration.ofSeconds(1), new LockLease(Duration.ofSeconds(3)).heartbeat());
        assertEquals(Duration.ofSeconds(30), new LockLease(Duration.ofSeconds(90)).heartbeat());
    }

    @Test
    void aLeaseMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LockLease(Duration.ZERO));
    }

    @Test
    void aHolderElsewhereIsLiveUntilItsHeartbeatIsOlderThanTheLease() {
        LockHolder holder = beatingOn("ci-7", Duration.ofMinutes(5));
        Instant lastBeat = STARTED.plus(Duration.ofMinutes(5));
        var fresh = assertInstanceOf(LockLease.Verdict.Live.class,
                TEN_MINUTES.judge(holder, lastBeat.plusSeconds(4), "laptop", TABLE, NOTHING_RUNS));
        assertEquals("its heartbeat is 4s old, within the lease (10m)", fresh.why());
        assertInstanceOf(LockLease.Verdict.Live.class,
                TEN_MINUTES.judge(holder, lastBeat.plus(Duration.ofMinutes(10)), "laptop", TABLE, NOTHING_RUNS),
                "exactly the lease old is still live");
        var stale = assertInstanceOf(LockLease.Verdict.Stale.class,
                TEN_MINUTES.judge(holder, lastBeat.plus(Duration.ofMinutes(12)), "laptop", TABLE, NOTHING_RUNS));
        assertEquals("its last heartbeat is 12m old, older than the lease (10m)", stale.why());
        assertFalse(stale.processGone());
    }

    @Test
    void aHeartbeatFromAClockAheadCountsAsFresh() {
        LockHolder holder = beatingOn("ci-7", Duration.ofMinutes(5));
        var live = assertInstanceOf(LockLease.Verdict.Live.class, TEN_MINUTES.judge(holder, STARTED, "laptop",
                TABLE, NOTHING_RUNS));
        assertEquals("its heartbeat is 0s old, within the lease (10m)", live.why());
    }

    /**
     * Containers share host names, not process tables, and pids are reused: a pid that does not run decides only in
     * the holder's own process table; one that runs keeps no lock whose heartbeat is older than the lease.
     */
    @Test
    void onThisHostAGoneProcessIsStaleAtOnceButOnlyInItsOwnProcessTable() {
        LockHolder holder = beatingOn("laptop", Duration.ZERO);
        var gone = assertInstanceOf(LockLease.Verdict.Stale.class,
                TEN_MINUTES.judge(holder, STARTED.plusSeconds(1), "laptop", TABLE, NOTHING_RUNS));
        assertTrue(gone.processGone());
        assertEquals("its process (pid 4242) no longer runs on this host", gone.why());
        assertInstanceOf(LockLease.Verdict.Live.class, TEN_MINUTES.judge(holder, STARTED.plusSeconds(1), "laptop",
                "boot-1/pid:[4026532999]", NOTHING_RUNS), "another container of the same name does not see its pid");
        assertInstanceOf(LockLease.Verdict.Live.class, TEN_MINUTES.judge(holder, STARTED.plus(Duration.ofMinutes(9)),
                "laptop", TABLE, EVERYTHING_RUNS));
        var reused = assertInstanceOf(LockLease.Verdict.Stale.class, TEN_MINUTES.judge(holder,
                STARTED.plus(Duration.ofHours(5)), "laptop", TABLE, EVERYTHING_RUNS), "a reused pid keeps no lock");
        assertFalse(reused.processGone());
    }

    @Test
    void aLockWithoutAHeartbeatIsNeverTakenOverByItsAge() {
        LockHolder old = on("ci-7", Optional.empty(), Duration.ZERO);
        assertInstanceOf(LockLease.Verdict.Unknown.class,
                TEN_MINUTES.judge(old, STARTED.plus(Duration.ofDays(3)), "laptop", TABLE, NOTHING_RUNS));
    }

    @Test
    void theHoldersLongerLeaseWinsSoAShorterConfiguredLeaseCannotTakeOverALiveHolder() {
        LockHolder beatsEvery30s = on("ci-7", Optional.of(STARTED), Duration.ofMinutes(10));
        LockLease impatient = new LockLease(Duration.ofSeconds(20));
        assertEquals(Duration.ofMinutes(10), impatient.effective(beatsEvery30s));
        assertInstanceOf(LockLease.Verdict.Live.class,
                impatient.judge(beatsEvery30s, STARTED.plusSeconds(45), "laptop", TABLE, NOTHING_RUNS));
        LockHolder beatsOften = on("ci-7", Optional.of(STARTED), Duration.ofSeconds(3));
        assertEquals(Duration.ofMinutes(10), TEN_MINUTES.effective(beatsOften));
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals("2.5s", LockLease.format(Duration.ofMillis(2_500)));
        assertEquals("3s", LockLease.format(Duration.ofMillis(3_040)));
        assertEquals("1m30s", LockLease.format(Duration.ofSeconds(90)));
        assertEquals("1h", LockLease.format(Duration.ofHours(1)));
    }
}
