package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.state.GitLocks;
import dev.teleform.engine.state.LockOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** teleform unlock removes exactly the named lock. */
class UnlockCommandTest {

    @TempDir
    Path dir;

    @Test
    void removesOnlyTheLockWithThatId() throws IOException {
        CliRun.copyQuickstart(dir, true);
        GitLocks locks = new GitLocks(dir.resolve(".teleform/state.git"), "quickstart", InstantSource.system());
        var held = assertInstanceOf(LockOutcome.Acquired.class, locks.acquire("apply"));
        CliRun wrong = CliRun.of("unlock", "not-the-id", dir.toString());
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("it was not removed"), wrong.err());
        CliRun right = CliRun.of("unlock", held.lock().holder().id(), dir.toString());
        assertEquals(0, right.exit(), right.err());
        assertTrue(right.err().startsWith("removed the lock: apply by "), right.err());
        assertEquals(1, CliRun.of("unlock", held.lock().holder().id(), dir.toString()).exit(), "not locked any more");
    }
}
