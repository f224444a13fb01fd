package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.state.GitLocks;
import dev.teleform.engine.state.LockOutcome;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.testing.PlantedLocks;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * teleform unlock removes exactly the named lock, and the lock of a run that is alive only with --force;
 * teleform lock status says who holds it, exiting 3 while it is held.
 */
class UnlockCommandTest {

    @TempDir
    Path dir;

    @Test
    void removesOnlyTheLockWithThatIdAndALiveRunsOnlyWithForce() throws Exception {
        CliRun.copyQuickstart(dir, true);
        GitLocks locks = new GitLocks(dir.resolve(".teleform/state.git"), "quickstart", InstantSource.system());
        StateLock held = assertInstanceOf(LockOutcome.Acquired.class, locks.acquire("apply")).lock();
        String id = held.holder().id();
        CliRun wrong = CliRun.of("unlock", "not-the-id", dir.toString());
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("it was not removed"), wrong.err());

        CliRun alive = CliRun.of("unlock", id, dir.toString());
        assertEquals(1, alive.exit(), alive.err());
        assertTrue(alive.err().contains("the lock was not removed: its run is alive (its heartbeat is "), alive.err());
        assertTrue(alive.err().contains("(pid " + ProcessHandle.current().pid() + ")"), alive.err());
        // the stack is not the current directory, so the command to run names it
        assertTrue(alive.err().contains("run: teleform unlock " + id + " " + dir + " --force"), alive.err());
        CliRun status = CliRun.of("lock", "status", dir.toString());
        assertEquals(3, status.exit(), "still held: " + status.err());
        assertTrue(status.out().contains("lock id:        " + id), status.out());
        assertTrue(status.out().contains("live: its heartbeat is "), status.out());
        assertTrue(status.out().contains("teleform unlock " + id + " " + dir + " --force removes it"), status.out());

        CliRun forced = CliRun.of("unlock", id, dir.toString(), "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(forced.err().startsWith("removed the lock: apply by "), forced.err());
        assertTrue(forced.err().contains("warning: its run was alive"), forced.err());
        assertTrue(held.check().isPresent(), "the holder learns it at its next check");
        held.release();

        CliRun free = CliRun.of("lock", "status", dir.toString(), "--format", "json");
        assertEquals(0, free.exit(), free.err());
        assertEquals("{\"stack\":\"quickstart\",\"locked\":false,\"state\":\"unlocked\",\"stale\":false,\"lease\":\"10m\","
                + "\"lease_ms\":600000}\n", free.out());
        assertEquals(1, CliRun.of("unlock", id, dir.toString()).exit(), "not locked any more");
    }

    @Test
    void aLockWhoseHeartbeatStoppedElsewhereIsStaleAndRemovedWithoutForce() throws Exception {
        CliRun.copyQuickstart(dir, true);
        new GitLocks(dir.resolve(".teleform/state.git"), "quickstart", InstantSource.system()).acquire("setup")
                .getClass(); // creates the repository
        Instant lastBeat = Instant.now().minusSeconds(3600);
        writeLock("ci-runner-7", lastBeat);
        CliRun status = CliRun.of("lock", "status", dir.toString(), "--format", "json");
        assertEquals(3, status.exit(), status.err());
        assertTrue(status.out().contains("\"state\":\"stale\",\"stale\":true"), status.out());
        assertTrue(status.out().contains("\"host\":\"ci-runner-7\""), status.out());
        assertTrue(status.out().contains("\"last_heartbeat\":\"" + lastBeat + "\""), status.out());
        CliRun removed = CliRun.of("unlock", "ghost", dir.toString());
        assertEquals(0, removed.exit(), removed.err());
        assertEquals(0, CliRun.of("lock", "status", dir.toString()).exit());
    }

    private void writeLock(String host, Instant heartbeat) throws Exception {
        PlantedLocks.plant(dir.resolve(".teleform/state.git"), "quickstart", "{\"id\": \"ghost\", \"who\": \"bob\", "
                + "\"host\": \"" + host + "\", \"pid\": 1, \"operation\": \"apply\", \"started\": \""
                + heartbeat.minusSeconds(60) + "\", \"heartbeat\": \"" + heartbeat + "\", \"lease_ms\": 600000}");
    }
}
