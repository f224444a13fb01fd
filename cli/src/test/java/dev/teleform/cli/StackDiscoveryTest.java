package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** The quickstart, applied, as {@code qs/} in a checkout. */
    private Path appliedQuickstart() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Path qs = Files.createDirectories(dir.resolve("qs"));
        CliRun.copyQuickstart(qs, true);
        CliRun applied = CliRun.on("apply", qs, "--auto-approve");
        assertEquals(0, applied.exit(), applied.out() + applied.err());
        return qs;
    }

    private static final String MANAGED = "role/workload-cluster-editor\nworkload_cluster/child\nrole/example@child\n"
            + "user/example@child\n";

    @Test
    void aDirectoryWithADocumentOfAnUnknownKindIsNotTakenForOneInsideTheStackAbove() throws Exception {
        Path qs = appliedQuickstart();
        Path sub = Files.createDirectories(qs.resolve("sub"));
        Files.writeString(sub.resolve("stack.yaml"), "# another stack\nkind: stak\nversion: v1\nmetadata: {name: sub}\n");
        for (String[] args : new String[][] {{"destroy", sub.toString(), "--auto-approve", "--allow-destroy"},
            {"plan", sub.toString()}, {"validate", sub.toString()}}) {
            CliRun run = CliRun.of(args);
            assertEquals(1, run.exit(), args[0] + ": " + run.out() + run.err());
            assertEquals("teleform: " + sub + " holds no \"kind: stack\" document, but one of a kind Teleform does "
                    + "not know (below): no stack above it was looked for, so that a mistyped stack is not taken for a "
                    + "directory inside another. Correct the kind, or name the stack's directory itself\n"
                    + sub.resolve("stack.yaml") + ":2:7: error: kind: unknown kind \"stak\"; did you mean \"stack\"? "
                    + "(Teleform manages workload_cluster, role, user)\n", run.err(), args[0]);
            assertFalse(run.err().contains("inside the stack at"), args[0] + ": " + run.err());
            assertEquals("", run.out(), args[0]);
        }
        assertEquals(MANAGED, CliRun.of("state", "list", qs.toString()).out(), "nothing destroyed");
    }

    @Test
    void commandsThatRemoveWhatStateHoldsRefuseAStackFoundAboveTheDirectoryGiven() throws Exception {
        Path qs = appliedQuickstart();
        Path teams = Files.createDirectories(qs.resolve("teams"));
        Files.writeString(teams.resolve("ops.yaml"), "kind: role\nversion: v7\nmetadata: {name: ops}\n");
        CliRun destroy = CliRun.of("destroy", teams.toString(), "--auto-approve", "--allow-destroy");
        assertEquals(1, destroy.exit(), destroy.out() + destroy.err());
        assertTrue(destroy.err().startsWith("teleform: " + teams + " is inside the stack at " + qs + ": destroy, state rm and "
                + "state mv work only on a stack named by its own directory"),
                destroy.err());
        assertTrue(destroy.err().contains("teleform destroy " + qs + "\n"), destroy.err());
        CliRun rm = CliRun.of("state", "rm", "role/example@child", teams.toString());
        assertEquals(1, rm.exit(), rm.err());
        assertTrue(rm.err().contains("teleform state rm role/example@child " + qs + "\n"), rm.err());
        CliRun mv = CliRun.of("state", "mv", "role/example@child", "role/renamed@child", teams.toString());
        assertEquals(1, mv.exit(), mv.err());
        assertTrue(mv.err().contains("teleform state mv role/example@child role/renamed@child " + qs + "\n"),
                mv.err());
        assertEquals(MANAGED, CliRun.of("state", "list", teams.toString()).out(), "nothing removed or moved");

        CliRun named = CliRun.of("state", "rm", "role/example@child", qs.toString(), "--dry-run");
        assertEquals(0, named.exit(), "the stack's own directory is fine: " + named.err());
    }

    @Test
    void aProviderToolOnAnInvalidStackNamesTheValidateToRunAsItCanBeTyped() throws Exception {
        Path stack = Files.createDirectories(dir.resolve("my stacks/qs"));
        CliRun.copyQuickstart(stack, true);
        Files.writeString(stack.resolve("roles.yaml"), "kind: role\nversion: v7\nmetadata: {name: x}\nspec: 5\n");
        CliRun run = CliRun.of("sim", "-C", stack.toString(), "status");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("the stack in " + stack + " is not valid; fix it first (teleform validate '" + stack
                + "')"), run.err());
    }
}
