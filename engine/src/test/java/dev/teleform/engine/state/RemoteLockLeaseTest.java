package dev.teleform.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.GitDaemon;
import dev.teleform.engine.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two runners on two hosts, each with its own clone, share a lock through a remote served by {@code git daemon}:
 * the holder's heartbeat is pushed with a lease on its last beat, so a stale lock's takeover and a late beat of
 * its holder race for one ref, and exactly one of them wins, every time.
 */
@ResourceLock(GitDaemon.PORTS)
class RemoteLockLeaseTest {

    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final ManualHeartbeats beats = new ManualHeartbeats();

    private GitLocks runner(String host, String url) throws Exception {
        return new GitLocks(dir.resolve(host).resolve("state.git"), "prod", clock,
                Optional.of(new GitRemote(url, SshAccess.standard())), new LockLease(Duration.ofMinutes(10)), beats, host);
    }

    @Test
    void aStaleLocksTakeoverAndItsHoldersLateBeatNeverBothWin() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"));
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String url = daemon.newRepository("state.git");
            GitLocks a = runner("ci-a", url);
            GitLocks b = runner("ci-b", url);
            int takeovers = 0;
            for (int round = 0; round < ROUNDS; round++) {
                var held = assertInstanceOf(LockOutcome.Acquired.class, a.acquire("apply"), "round " + round).lock();
                clock.advance(Duration.ofMinutes(11)); // its heartbeat is now older than the lease
                int beat = round;
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> late = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    Thread.sleep(beat * 60L); // from at once to later than the takeover's round trips: both sides win some
                    beats.beat(beat);
                    return null;
                });
                Future<LockOutcome> taking = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return b.acquire("apply");
                });
                late.get(60, TimeUnit.SECONDS);
                LockOutcome outcome = taking.get(60, TimeUnit.SECONDS);
                Optional<StateError> check = held.check();
                switch (outcome) {
                    case LockOutcome.TakenOver taken -> {
                        takeovers++;
                        assertInstanceOf(StateError.LockLost.class, check.orElseThrow(), "round " + round);
                        held.release();
                        assertEquals(taken.lock().holder().id(), b.current().orElseThrow().id(), "round " + round);
                        taken.lock().release();
                    }
                    case LockOutcome.Held refused -> {
                        assertTrue(check.isEmpty(), "round " + round + ": the beat won, the lock is still ours");
                        assertInstanceOf(LockLease.Verdict.Live.class, refused.why());
                        held.release();
                    }
                    case LockOutcome.Acquired acquired -> throw new AssertionError("round " + round + ": " + acquired);
                    case LockOutcome.Failed failed -> throw new AssertionError("round " + round + ": " + failed);
                }
                assertTrue(a.current().isEmpty(), "round " + round + ": released");
            }
            System.out.println("RemoteLockLeaseTest: the takeover won " + takeovers + " of " + ROUNDS + " races");
            assertTrue(takeovers > 0 && takeovers < ROUNDS, "both sides won some races: " + takeovers);
        }
    }

    @Test
    void aHolderWhoseLockWasRemovedOnTheRemoteLearnsItAtItsNextCheck() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"))) {
            String url = daemon.newRepository("state.git");
            GitLocks a = runner("ci-a", url);
            GitLocks b = runner("ci-b", url);
            var held = assertInstanceOf(LockOutcome.Acquired.class, a.acquire("apply")).lock();
            clock.advance(Duration.ofSeconds(30));
            beats.beat(0);
            assertEquals(Optional.of(clock.instant()), b.current().orElseThrow().heartbeat(), "the beat was pushed");
            assertTrue(held.check().isEmpty());
            assertTrue(b.forceUnlock(held.holder().id()));
            var lost = assertInstanceOf(StateError.LockLost.class, held.check().orElseThrow());
            assertTrue(lost.message().contains("it was removed"), lost.message());
            held.release();
            assertTrue(b.current().isEmpty());
        }
    }
}
