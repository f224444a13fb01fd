package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command given a directory inside a stack (examples/fleet/teams) works on the stack, as git finds its repository. */
class StackDiscoveryTest {

    @TempDir
    Path dir;

    private Path fleet() throws Exception {
        Files.createDirectories(dir.resolve(".git")); // a checkout
        Path fleet = dir.resolve("examples/fleet");
        TestFiles.copyCheckedIn(Path.of("../examples/fleet"), fleet);
        return fleet;
    }

    @Test
    void aSubdirectoryOfAStackIsReadAsTheStack() throws Exception {
        Path fleet = fleet();
        CliRun fromTeams = CliRun.of("validate", fleet.resolve("teams").toString());
        CliRun fromRoot = CliRun.of("validate", fleet.toString());
        assertEquals(0, fromTeams.exit(), fromTeams.err());
        assertEquals(fromRoot.out(), fromTeams.out());
        assertTrue(fromTeams.out().startsWith("stack fleet: "), fromTeams.out());
        assertEquals("teleform: " + fleet.resolve("teams") + " is inside the stack at " + fleet
                + ": working on that stack\n", fromTeams.err(), "never silently another directory's stack");

        CliRun plan = CliRun.of("plan", fleet.resolve("teams").toString(), "--detailed-exitcode");
        assertEquals(2, plan.exit(), plan.err());
        assertTrue(plan.out().contains("workload_cluster/payments"), plan.out());
    }

    @Test
    void aDirectoryInNoStackSaysWhereItLooked() throws Exception {
        fleet();
        Path docs = Files.createDirectories(dir.resolve("docs/guides"));
        CliRun run = CliRun.of("plan", docs.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertEquals("teleform: no stack here: no \"kind: stack\" document in the *.yaml or *.yml files of " + docs
                + " or any directory above it up to " + dir + " (the root of its git repository). A stack is a "
                + "directory of YAML files, one of which holds its settings (kind: stack, version: v1, metadata.name, "
                + "spec.provider): name its directory (teleform plan examples/quickstart), or run from inside it\n",
                run.err());
    }
}
