package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan is what reviewers saw: applying it again says that it was applied, and the deletion of a workload
 * cluster is applied only when the plan was made allowing it. Apply's messages are read from stdout and stderr
 * together: which of the two carries the plan and progress is apply's own business.
 */
class ReviewedPlanTest {

    @TempDir
    Path dir;

    @BeforeEach
    void quickstart() throws IOException {
        CliRun.copyQuickstart(dir, true);
    }

    private static String said(CliRun run) {
        return run.out() + run.err();
    }

    @Test
    void aPlanFileAppliedTwiceSaysItWasAlreadyApplied() {
        Path plan = dir.resolve("plan.json");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--out", plan.toString()).exit());
        CliRun first = CliRun.of("apply", plan.toString(), "--invites-out", dir.resolve("invites.jsonl").toString());
        assertEquals(0, first.exit(), said(first));
        CliRun second = CliRun.of("apply", plan.toString());
        assertEquals(1, second.exit(), said(second));
        assertTrue(second.err().contains("this plan was already applied"), second.err());
        assertFalse(second.err().contains("lineage"), "not a question of history: " + second.err());
    }

    @Test
    void aPlanFileMadeAgainstExistingStateAppliedTwiceSaysItWasAlreadyApplied() throws IOException {
        assertEquals(0, CliRun.on("apply", dir, "--auto-approve").exit());
        Files.writeString(dir.resolve("roles.yaml"), Files.readString(dir.resolve("roles.yaml"))
                .replace("logins: [ubuntu]", "logins: [ubuntu, ops]"));
        Path plan = dir.resolve("plan.json");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--out", plan.toString()).exit());
        CliRun first = CliRun.of("apply", plan.toString());
        assertEquals(0, first.exit(), said(first));
        CliRun second = CliRun.of("apply", plan.toString());
        assertEquals(1, second.exit(), said(second));
        assertTrue(second.err().contains("this plan was already applied"), second.err());
        assertFalse(second.err().contains("serial"), "not a question of serials: " + second.err());
    }

    @Test
    void aPlanFileIsAppliedOnlyToTheTeleportItWasMadeForWhichASensitiveValueNamesOnlyByItsHash() throws IOException {
        Path stack = dir.resolve("stack.yaml");
        Files.writeString(stack, Files.readString(stack).replace("  provider: simulator\n",
                "  provider: simulator\n  environment:\n    - {name: SIMDIR, sensitive: true}\n")
                .replace("dir: .teleform/sim\n", "dir: \"${env:SIMDIR}\"\n"));
        Path plan = dir.resolve("plan.json");
        java.util.Map<String, String> madeFor = java.util.Map.of("SIMDIR", ".teleform/sim-a");
        CliRun planned = CliRun.in(madeFor, "plan", dir.toString(), "--out", plan.toString());
        assertEquals(0, planned.exit(), said(planned));
        assertFalse(Files.readString(plan).contains("sim-a"), "a sensitive value is no plan file's business");
        CliRun elsewhere = CliRun.in(java.util.Map.of("SIMDIR", ".teleform/sim-b"), "apply", plan.toString());
        assertEquals(1, elsewhere.exit(), said(elsewhere));
        assertTrue(elsewhere.err().contains("the saved plan is stale: the stack points at another Teleport than the "
                + "plan was made for (its sensitive value differs)"), elsewhere.err());
        assertTrue(elsewhere.err().contains("Nothing was changed"), elsewhere.err());
        CliRun there = CliRun.in(madeFor, "apply", plan.toString(), "--invites-out",
                dir.resolve("invites.jsonl").toString());
        assertEquals(0, there.exit(), said(there));
    }

    @Test
    void aPlanFileAppliedUpToAFailureSaysSoWhenAppliedAgain() {
        Path plan = dir.resolve("plan.json");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--out", plan.toString()).exit());
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "faults", "--provisioning", "failed").exit());
        CliRun first = CliRun.of("apply", plan.toString());
        assertEquals(1, first.exit(), said(first));
        assertTrue(first.err().contains("Apply failed: 1 step(s) failed"), said(first));
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "faults", "--clear").exit());

        CliRun second = CliRun.of("apply", plan.toString());
        assertEquals(1, second.exit(), said(second));
        assertTrue(second.err().contains("this plan was already applied, in full or up to where it failed: state commit "),
                second.err());
        assertTrue(second.err().contains(" says \"apply (partly failed): "), "the commit tells which: " + second.err());
        assertTrue(second.err().contains("State records what that apply did; nothing was changed now. Plan again to see "
                + "what is left to do (teleform plan " + dir + " --out FILE)"), second.err());
        assertFalse(second.err().contains("to change more"), "there is more to do of this plan: " + second.err());
    }

    @Test
    void aPlanFileNotAppliedButOvertakenIsStillStale() throws IOException {
        Path plan = dir.resolve("plan.json");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--out", plan.toString()).exit());
        assertEquals(0, CliRun.on("apply", dir, "--auto-approve").exit());
        CliRun run = CliRun.of("apply", plan.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("the saved plan is stale"), run.err());
        assertFalse(run.err().contains("already applied"), run.err());
    }

    /** Removes the quickstart's workload cluster and what is in it from the stack, after applying it. */
    private void appliedThenClusterRemoved() throws IOException {
        CliRun applied = CliRun.on("apply", dir, "--auto-approve");
        assertEquals(0, applied.exit(), said(applied));
        Files.delete(dir.resolve("cluster.yaml"));
        Files.writeString(dir.resolve("roles.yaml"), Files.readString(dir.resolve("roles.yaml")).split("---")[0]);
        Files.delete(dir.resolve("users.yaml"));
    }

    @Test
    void applyWithAllowDestroyDoesNotWarnThatItNeedsAllowDestroy() throws IOException {
        appliedThenClusterRemoved();
        CliRun allowed = CliRun.on("apply", dir, "--auto-approve", "--allow-destroy");
        assertEquals(0, allowed.exit(), said(allowed));
        assertFalse(said(allowed).contains("needs --allow-destroy"), said(allowed));
    }

    @Test
    void aPlanMadeWithAllowDestroyRecordsItAndAppliesWithoutTheFlag() throws IOException {
        appliedThenClusterRemoved();
        Path plan = dir.resolve("plan.json");
        CliRun planned = CliRun.of("plan", dir.toString(), "--allow-destroy", "--out", plan.toString());
        assertEquals(0, planned.exit(), said(planned));
        assertTrue(planned.out().startsWith("This plan deletes workload clusters: made with --allow-destroy."),
                planned.out());
        assertFalse(planned.err().contains("needs --allow-destroy"), planned.err());
        assertTrue(Files.readString(plan).contains("\"allow_destroy\": true"), "the file records the permission");
        CliRun shown = CliRun.of("show", plan.toString(), "--format", "markdown");
        assertTrue(shown.out().contains("**This plan deletes workload clusters: made with `--allow-destroy`.**"),
                shown.out());
        CliRun applied = CliRun.of("apply", plan.toString());
        assertEquals(0, applied.exit(), said(applied));
        assertTrue(said(applied).contains("1 deleted"), said(applied));
        assertEquals("role/workload-cluster-editor\n", CliRun.of("state", "list", dir.toString()).out());
    }

    @Test
    void aPlanMadeWithoutAllowDestroyCannotDeleteAWorkloadClusterEvenWithTheFlagOnApply() throws IOException {
        appliedThenClusterRemoved();
        Path plan = dir.resolve("plan.json");
        CliRun planned = CliRun.of("plan", dir.toString(), "--out", plan.toString());
        assertEquals(0, planned.exit(), said(planned));
        assertTrue(planned.err().contains("workload_cluster/child will be deleted, which needs --allow-destroy"),
                planned.err());
        assertTrue(planned.err().contains("(teleform plan " + dir + " --allow-destroy --out FILE)"), planned.err());
        assertFalse(Files.readString(plan).contains("allow_destroy"), "no permission in the file");
        CliRun refused = CliRun.of("apply", plan.toString());
        assertEquals(1, refused.exit(), said(refused));
        assertTrue(refused.err().contains("this saved plan deletes a workload cluster, and was made without "
                + "--allow-destroy: plan again with --allow-destroy so that reviewers see it (teleform plan " + dir
                + " --allow-destroy --out FILE)"), refused.err());
        CliRun flagged = CliRun.of("apply", plan.toString(), "--allow-destroy");
        assertEquals(1, flagged.exit(), said(flagged));
        assertTrue(flagged.err().contains("which apply cannot add to a reviewed plan"), flagged.err());
        String state = CliRun.of("state", "list", dir.toString()).out();
        assertTrue(state.contains("workload_cluster/child"), "nothing deleted: " + state);
        CliRun live = CliRun.of("sim", "-C", dir.toString(), "get", "workload_cluster/child");
        assertEquals(0, live.exit(), "still live: " + said(live));
    }

    @Test
    void thePermissionIsNotRecordedWhenThePlanDeletesNoWorkloadCluster() throws IOException {
        Path plan = dir.resolve("plan.json");
        CliRun planned = CliRun.of("plan", dir.toString(), "--allow-destroy", "--out", plan.toString());
        assertEquals(0, planned.exit(), said(planned));
        assertFalse(planned.out().contains("--allow-destroy"), planned.out());
        assertFalse(Files.readString(plan).contains("allow_destroy"), "nothing to allow");
    }
}
