package dev.teleform.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held lock beats, and is taken over only once its heartbeat is older than the lease; a holder whose lock was
 * removed or taken over learns it at its next check and never writes state after that. Two hosts share one
 * repository here (as two runners share a remote), on a clock the test moves.
 */
class GitLockHeartbeatTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private final ManualHeartbeats beats = new ManualHeartbeats();

    private GitLocks on(String host) {
        return new GitLocks(dir.resolve("state.git"), "prod", clock, Optional.empty(), LockLease.standard(), beats, host);
    }

    private GitStateStore store() {
        return new GitStateStore(dir.resolve("state.git"), "main", "prod.json", "prod", clock);
    }

    @Test
    void aBeatingHolderElsewhereIsNeverTakenOverAndAStoppedOneIsAfterTheLease() {
        var held = assertInstanceOf(LockOutcome.Acquired.class, on("ci-a").acquire("apply")).lock();
        assertEquals(Duration.ofSeconds(30), beats.interval(0));
        for (int minute = 1; minute <= 30; minute++) {
            clock.advance(Duration.ofMinutes(1));
            beats.beat(0);
            var refused = assertInstanceOf(LockOutcome.Held.class, on("ci-b").acquire("apply"), "minute " + minute);
            assertInstanceOf(LockLease.Verdict.Live.class, refused.why());
            assertEquals(Optional.of(clock.instant()), refused.holder().heartbeat(), "the heartbeat reached the lock");
        }
        assertTrue(held.check().isEmpty(), "still ours after 30 minutes of beats");

        Instant lastBeat = clock.instant();
        clock.advance(Duration.ofMinutes(10)); // the holder hangs: no beats
        assertInstanceOf(LockOutcome.Held.class, on("ci-b").acquire("apply"), "exactly the lease old is still live");
        clock.advance(Duration.ofSeconds(1));
        var taken = assertInstanceOf(LockOutcome.TakenOver.class, on("ci-b").acquire("apply"));
        assertEquals("ci-a", taken.previous().host());
        assertEquals(T0, taken.previous().started());
        assertEquals(Optional.of(lastBeat), taken.previous().heartbeat());
        assertEquals("its last heartbeat is 10m1s old, older than the lease (10m)", taken.why().why());
        assertFalse(taken.why().processGone());

        var lost = assertInstanceOf(StateError.LockLost.class, held.check().orElseThrow());
        assertTrue(lost.message().contains("it was taken over by apply by "), lost.message());
        assertTrue(lost.message().contains("@ci-b"), lost.message());
        beats.beat(0); // the old holder's beat must not move the new holder's lock
        held.release();
        assertEquals(taken.lock().holder().id(), on("ci-c").holder().orElseThrow().id(), "the new holder keeps it");
        assertTrue(taken.lock().check().isEmpty());
        taken.lock().release();
        assertTrue(on("ci-c").holder().isEmpty());
    }

    @Test
    void aHolderWhoseLockWasRemovedStopsAtItsNextWriteAndWritesNothing() {
        var held = assertInstanceOf(LockOutcome.Acquired.class, on("ci-a").acquire("apply")).lock();
        StateStore locked = new LockedStateStore(store(), held);
        var first = locked.write(State.empty("prod").next(java.util.Map.of()), Optional.empty(), "apply (checkpoint)");
        assertTrue(first.isRight(), () -> first.getLeft().message());
        clock.advance(Duration.ofSeconds(30));
        beats.beat(0);

        assertTrue(unlockFromAnotherHost(held.holder().id()), "unlock --force removes a beating lock");
        var refused = locked.write(first.get().state().next(java.util.Map.of()), first.get().version(),
                "apply (checkpoint)");
        var lost = assertInstanceOf(StateError.LockLost.class, refused.getLeft());
        assertTrue(lost.message().contains("it was removed by 'teleform unlock " + held.holder().id() + "'"),
                lost.message());
        assertEquals(1, store().history(10).get().size(), "nothing was written after the lock was removed");

        beats.beat(0); // a beat after the removal does not bring the lock back
        assertTrue(on("ci-b").holder().isEmpty());
        held.release();
        assertEquals(1, beats.stopped(), "release stops the heartbeat");
    }

    @Test
    void releaseRemovesTheLockAfterItsBeats() {
        var held = assertInstanceOf(LockOutcome.Acquired.class, on("ci-a").acquire("apply")).lock();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(30));
            beats.beat(0);
        }
        held.release();
        assertTrue(on("ci-b").holder().isEmpty());
        assertInstanceOf(LockOutcome.Acquired.class, on("ci-b").acquire("apply")).lock().release();
    }

    private boolean unlockFromAnotherHost(String id) {
        try {
            return on("ci-b").forceUnlock(id);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
