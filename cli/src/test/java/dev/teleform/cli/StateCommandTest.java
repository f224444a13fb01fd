package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.state.GitLocks;
import dev.teleform.engine.state.LockOutcome;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.testing.StackSeeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** teleform state list, show, history and rm on a stack that was brought into state. */
class StateCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void appliedQuickstart() throws IOException {
        CliRun.copyQuickstart(dir, true);
        StackSeeder.apply(dir);
    }

    @Test
    void listsEveryAddressInOrder() {
        CliRun run = CliRun.of("state", "list", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("role/workload-cluster-editor\nworkload_cluster/child\nrole/example@child\nuser/example@child\n",
                run.out());
    }

    @Test
    void showsWhatWasAppliedAndObserved() {
        CliRun run = CliRun.of("state", "show", "role/example@child", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"applied\": {"), run.out());
        assertTrue(run.out().contains("\"revision\": "), run.out());
        CliRun missing = CliRun.of("state", "show", "role/nope", dir.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("state holds no role/nope"), missing.err());
    }

    @Test
    void historyListsTheCommitsNewestFirst() {
        CliRun run = CliRun.of("state", "history", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.out().lines().count());
        assertTrue(run.out().contains("seed for a test"), run.out());
    }

    @Test
    void planWritesNothingToState() {
        String before = CliRun.of("state", "history", dir.toString()).out();
        assertEquals(0, CliRun.of("plan", dir.toString()).exit());
        assertEquals(before, CliRun.of("state", "history", dir.toString()).out());
    }

    @Test
    void rmForgetsOneResourceInOneCommitAndLeavesTeleportAlone() throws IOException {
        Files.delete(dir.resolve("users.yaml"));
        CliRun run = CliRun.of("state", "rm", "user/example@child", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("Removed from state; Teleport still has it and Teleform no longer manages it:\n"
                + "  user/example@child\n", run.err());
        assertEquals("role/workload-cluster-editor\nworkload_cluster/child\nrole/example@child\n",
                CliRun.of("state", "list", dir.toString()).out());
        String history = CliRun.of("state", "history", dir.toString()).out();
        assertEquals(2, history.lines().count(), history);
        assertTrue(history.lines().findFirst().orElseThrow().endsWith("state rm user/example@child"), history);
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "get", "user/example@child").exit(), "Teleport still has it");
        CliRun plan = CliRun.of("plan", "--detailed-exitcode", dir.toString());
        assertEquals(0, plan.exit(), plan.out() + plan.err());
    }

    @Test
    void rmOfAWorkloadClusterTakesItsContentsAndWarnsOfWhatIsStillDeclared() {
        CliRun run = CliRun.of("state", "rm", "--dry-run", "workload_cluster/child", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("Would remove from state (dry run, nothing changed):\n  workload_cluster/child\n"
                + "  role/example@child\n  user/example@child\n", run.err());
        assertEquals(1, CliRun.of("state", "history", dir.toString()).out().lines().count(), "a dry run writes nothing");

        run = CliRun.of("state", "rm", "workload_cluster/child", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("warning: user/example@child is still declared in the stack: the next plan adopts "
                + "it again if Teleport's copy matches it, and is refused until 'teleform import user/example@child "
                + dir + "' otherwise"), run.err());
        assertEquals("role/workload-cluster-editor\n", CliRun.of("state", "list", dir.toString()).out());
    }

    @Test
    void rmRefusesWhatStateDoesNotHoldAndBadAddresses() {
        CliRun missing = CliRun.of("state", "rm", "role/nope@child", dir.toString());
        assertEquals(1, missing.exit());
        assertEquals("teleform: state holds no role/nope@child ('teleform state list " + dir + "' shows what it holds); "
                + "nothing was changed\n", missing.err());
        CliRun bad = CliRun.of("state", "rm", "alice", dir.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("\"alice\" is not an address"), bad.err());
        assertEquals(1, CliRun.of("state", "history", dir.toString()).out().lines().count());
    }

    @Test
    void rmUnderAnotherRunsLockExitsThreeAndChangesNothing() {
        GitLocks locks = new GitLocks(dir.resolve(".teleform/state.git"), "quickstart", InstantSource.system());
        StateLock held = ((LockOutcome.Acquired) locks.acquire("apply")).lock();
        try {
            CliRun locked = CliRun.of("state", "rm", "user/example@child", dir.toString());
            assertEquals(3, locked.exit(), locked.err());
            assertTrue(locked.err().contains("the stack is locked: apply by"), locked.err());
            assertEquals(4, CliRun.of("state", "list", dir.toString()).out().lines().count());
        } finally {
            held.release();
        }
        assertEquals(0, CliRun.of("state", "rm", "user/example@child", dir.toString()).exit());
    }

    @Test
    void mvRecordsAResourceUnderANewAddressInOneCommit() {
        CliRun dry = CliRun.of("state", "mv", "--dry-run", "workload_cluster/child", "workload_cluster/kid",
                dir.toString());
        assertEquals(0, dry.exit(), dry.err());
        assertEquals("Would move in state (dry run, nothing changed):\n  workload_cluster/child -> workload_cluster/kid\n"
                + "  role/example@child -> role/example@kid\n  user/example@child -> user/example@kid\n", dry.err());

        CliRun run = CliRun.of("state", "mv", "role/example@child", "role/renamed@child", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("Moved in state; Teleport was not changed:\n  role/example@child -> role/renamed@child\n", run.err());
        assertEquals("role/workload-cluster-editor\nworkload_cluster/child\nrole/renamed@child\nuser/example@child\n",
                CliRun.of("state", "list", dir.toString()).out());
        String history = CliRun.of("state", "history", dir.toString()).out();
        assertEquals(2, history.lines().count(), history);
        assertTrue(history.lines().findFirst().orElseThrow().endsWith("state mv role/example@child role/renamed@child"));

        CliRun occupied = CliRun.of("state", "mv", "role/renamed@child", "user/example@child", dir.toString());
        assertEquals(1, occupied.exit());
        assertTrue(occupied.err().contains("cannot move a role to a user"), occupied.err());
    }
}
