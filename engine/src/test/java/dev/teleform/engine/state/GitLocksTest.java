package dev.teleform.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.PlantedLocks;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLocksTest {

    @TempDir
    Path dir;

    private GitLocks locks() {
        return new GitLocks(dir.resolve("state.git"), "prod", InstantSource.fixed(Instant.parse("2026-11-25T10:00:00Z")));
    }

    @Test
    void aSecondTakerIsToldWhoHoldsTheLockAndReleaseFreesIt() {
        var first = assertInstanceOf(LockOutcome.Acquired.class, locks().acquire("apply"));
        var second = assertInstanceOf(LockOutcome.Held.class, locks().acquire("plan"));
        assertEquals(first.lock().holder(), second.holder());
        assertTrue(second.holder().describe().startsWith("apply by "), second.holder().describe());
        first.lock().release();
        assertTrue(locks().holder().isEmpty());
        assertInstanceOf(LockOutcome.Acquired.class, locks().acquire("apply")).lock().release();
    }

    @Test
    void ofManyRacingTakersExactlyOneGetsIt() throws Exception {
        assertEquals(1, Races.winners(8, n -> () -> locks().acquire("apply") instanceof LockOutcome.Acquired));
    }

    @Test
    void aLockOfAProcessOnThisHostThatIsGoneIsTakenOver() throws Exception {
        writeLock(GitLocks.Hosts.name(), deadPid());
        var taken = assertInstanceOf(LockOutcome.TakenOver.class, locks().acquire("apply"));
        assertEquals("ghost", taken.previous().id());
        taken.lock().release();
    }

    @Test
    void aLockOfAnotherHostWithoutAHeartbeatIsNeverStolenButCanBeUnlockedById() throws Exception {
        writeLock("ci-runner-7", deadPid());
        var held = assertInstanceOf(LockOutcome.Held.class, locks().acquire("apply"));
        assertEquals("ci-runner-7", held.holder().host());
        assertFalse(locks().forceUnlock("wrong-id"));
        assertTrue(locks().forceUnlock("ghost"));
        assertInstanceOf(LockOutcome.Acquired.class, locks().acquire("apply")).lock().release();
    }

    @Test
    void aLockCommitTeleformCannotReadIsReportedNotThrown() throws Exception {
        locks().acquire("setup").getClass();
        PlantedLocks.plant(dir.resolve("state.git"), "prod", "{\"id\": \"ghost\", \"started\": \"yesterday\"}");
        var failed = assertInstanceOf(LockOutcome.Failed.class, locks().acquire("apply"));
        assertTrue(failed.message().contains("does not hold a lock Teleform can read"), failed.message());
    }

    /** A pid no process has: a short-lived process that has already exited. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    private void writeLock(String host, long pid) throws Exception {
        locks().acquire("setup").getClass();
        PlantedLocks.plant(dir.resolve("state.git"), "prod", "{\"id\": \"ghost\", \"who\": \"bob\", \"host\": \""
                + host + "\", \"pid\": " + pid + ", \"operation\": \"apply\", \"started\": \"2026-11-25T09:00:00Z\"}");
    }
}
