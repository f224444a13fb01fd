package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.StackSeeder;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** teleform state list, show and history on a stack that was brought into state. */
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
}
