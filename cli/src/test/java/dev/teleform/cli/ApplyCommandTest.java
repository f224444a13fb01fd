package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.state.GitLocks;
import dev.teleform.engine.state.LockOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** teleform apply on the quickstart against the simulator, as a user runs it. */
class ApplyCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void quickstart() throws IOException {
        CliRun.copyQuickstart(dir, true);
    }

    private CliRun apply(String... more) {
        return CliRun.on("apply", dir, more);
    }

    @Test
    void appliesTheQuickstartAndConverges() throws IOException {
        Path invites = dir.resolve("invites.jsonl");
        CliRun first = apply("--auto-approve", "--invites-out", invites.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("Apply complete: 4 created, 1 invited."), first.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(invites)));
        String link = Files.readString(invites);
        assertTrue(link.contains("\"address\":\"user/example@child\"") && link.contains("/web/invite/"), link);
        assertFalse(first.err().contains("/web/invite/"), "the link is not printed");
        assertEquals("role/workload-cluster-editor\nworkload_cluster/child\nrole/example@child\nuser/example@child\n",
                CliRun.of("state", "list", dir.toString()).out());
        String state = String.join("\n", CliRun.of("state", "show", "user/example@child", dir.toString()).out());
        assertFalse(state.contains("/web/invite/"), "no invite link in state");
        CliRun plan = CliRun.of("plan", dir.toString(), "--detailed-exitcode");
        assertEquals(0, plan.exit(), plan.out() + plan.err());
        CliRun again = apply("--auto-approve");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("No changes."), again.out());
    }

    @Test
    void whatIsOnlyAdoptedIsRecordedWithTheClustersCredentials() throws IOException {
        assertEquals(0, apply("--auto-approve", "--invites-out", dir.resolve("invites.jsonl").toString()).exit());
        TestFiles.deleteTree(dir.resolve(".teleform/state.git"));
        CliRun adopted = apply("--auto-approve");
        assertEquals(0, adopted.exit(), adopted.err());
        assertTrue(adopted.out().contains("Apply complete: 4 adopted."), adopted.out());
        assertEquals(4, CliRun.of("state", "list", dir.toString()).out().lines().count());
    }

    @Test
    void withoutATerminalApplyNeedsAutoApproveAndChangesNothing() {
        CliRun run = apply();
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("run again with --auto-approve. Nothing was changed."), run.err());
        assertEquals("", CliRun.of("state", "list", dir.toString()).out());
    }

    @Test
    void aHeldLockStopsApplyAndPlanWithLockWithExitThreeAndTheHolder() {
        GitLocks locks = new GitLocks(dir.resolve(".teleform/state.git"), "quickstart", InstantSource.system());
        var held = assertInstanceOf(LockOutcome.Acquired.class, locks.acquire("apply"));
        try {
            CliRun run = apply("--auto-approve");
            assertEquals(3, run.exit());
            assertTrue(run.err().contains("the stack is locked: apply by "), run.err());
            assertTrue(run.err().contains("teleform unlock " + held.lock().holder().id()), run.err());
            CliRun lockedPlan = CliRun.of("plan", "--lock", dir.toString());
            assertEquals(3, lockedPlan.exit(), "plan --lock waits for no one: " + lockedPlan.err());
            assertTrue(lockedPlan.err().contains("the stack is locked: apply by "), lockedPlan.err());
            assertEquals(0, CliRun.of("plan", dir.toString()).exit(), "a plain plan takes no lock");
        } finally {
            held.lock().release();
        }
        assertEquals(0, CliRun.of("plan", "--lock", dir.toString()).exit());
        assertTrue(locks.holder().isEmpty(), "plan --lock gives the lock back");
    }

    @Test
    void deletingAWorkloadClusterNeedsAllowDestroy() throws IOException {
        assertEquals(0, apply("--auto-approve").exit());
        Files.delete(dir.resolve("cluster.yaml"));
        Files.writeString(dir.resolve("roles.yaml"), Files.readString(dir.resolve("roles.yaml")).split("---")[0]);
        Files.delete(dir.resolve("users.yaml"));
        CliRun refused = apply("--auto-approve");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("run again with --allow-destroy"), refused.err());
        CliRun allowed = apply("--auto-approve", "--allow-destroy");
        assertEquals(0, allowed.exit(), allowed.err());
        assertTrue(allowed.out().contains("1 deleted"), allowed.out());
        assertEquals("role/workload-cluster-editor\n", CliRun.of("state", "list", dir.toString()).out(),
                "the cluster's role and user went with it");
    }

    @Test
    void aSavedPlanIsAppliedExactlyAndWithoutAPrompt() {
        Path plan = dir.resolve("plan.json");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--out", plan.toString()).exit());
        CliRun run = CliRun.of("apply", plan.toString(), "--invites-out", dir.resolve("invites.jsonl").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Apply complete: 4 created, 1 invited."), run.out());
    }

    @Test
    void aStalePlanIsRefusedAndChangesNothing() throws IOException {
        Path plan = dir.resolve("plan.json");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--out", plan.toString()).exit());
        assertEquals(0, apply("--auto-approve").exit());
        CliRun afterApply = CliRun.of("apply", plan.toString());
        assertEquals(1, afterApply.exit());
        assertTrue(afterApply.err().contains("the saved plan is stale: state belongs to another history"),
                afterApply.err());
        Path second = dir.resolve("second.json");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--out", second.toString()).exit());
        Files.writeString(dir.resolve("roles.yaml"), Files.readString(dir.resolve("roles.yaml"))
                .replace("logins: [ubuntu]", "logins: [ubuntu, ops]"));
        CliRun edited = CliRun.of("apply", second.toString());
        assertEquals(1, edited.exit());
        assertTrue(edited.err().contains("the stack's files changed since"), edited.err());
    }

    @Test
    void excludeLeavesTheResourceAndWhatNeedsItOutAndALaterApplyCatchesUp() {
        CliRun first = apply("--auto-approve", "--exclude", "role/example@child");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("x user/example@child   (needs role/example@child, which is excluded)"),
                first.out());
        assertEquals("role/workload-cluster-editor\nworkload_cluster/child\n",
                CliRun.of("state", "list", dir.toString()).out());
        CliRun live = CliRun.of("sim", "-C", dir.toString(), "get", "user/example@child");
        assertTrue(live.exit() != 0, "not created: " + live.out());
        CliRun rest = apply("--auto-approve", "--invites-out", dir.resolve("invites.jsonl").toString());
        assertEquals(0, rest.exit(), rest.err());
        assertTrue(rest.out().contains("Apply complete: 2 created, 1 invited."), rest.out());
    }

    @Test
    void applyTakesTargetAndReplaceLikePlanAndRefusesAMistypedAddress() {
        CliRun mistyped = apply("--auto-approve", "--target", "role/exmaple@child");
        assertEquals(1, mistyped.exit());
        assertTrue(mistyped.err().contains("teleform: --target role/exmaple@child: neither the stack nor state has this "
                + "resource; did you mean \"role/example@child\"?"), mistyped.err());
        assertEquals("", CliRun.of("state", "list", dir.toString()).out(), "nothing applied");
        CliRun targeted = apply("--auto-approve", "--target", "role/example@child");
        assertEquals(0, targeted.exit(), targeted.err());
        assertEquals("workload_cluster/child\nrole/example@child\n", CliRun.of("state", "list", dir.toString()).out());
        assertEquals(0, apply("--auto-approve", "--invites-out", dir.resolve("invites.jsonl").toString()).exit());
        CliRun replaced = apply("--auto-approve", "--replace", "role/workload-cluster-editor");
        assertEquals(0, replaced.exit(), replaced.err());
        assertTrue(replaced.out().contains("Apply complete: 1 replaced."), replaced.out());
    }

    @Test
    void excludeIsRefusedWithTargetAndWithASavedPlan() {
        for (String command : List.of("plan", "apply")) {
            CliRun refresh = CliRun.of(command, dir.toString(), "--refresh-only", "--exclude", "user/example@child");
            assertEquals(1, refresh.exit(), refresh.err());
            assertTrue(refresh.err().contains("--refresh-only makes none"), refresh.err());
        }
        CliRun both = CliRun.of("plan", dir.toString(), "--target", "role/example@child", "--exclude",
                "user/example@child");
        assertEquals(1, both.exit());
        assertTrue(both.err().contains("--target and --exclude cannot be combined"), both.err());
        Path file = dir.resolve("plan.json");
        assertEquals(0, CliRun.of("plan", dir.toString(), "--out", file.toString()).exit());
        for (String option : List.of("--exclude", "--target", "--replace")) {
            CliRun saved = CliRun.of("apply", file.toString(), option, "user/example@child");
            assertEquals(1, saved.exit());
            assertTrue(saved.err().contains("a saved plan is applied as it was made"), saved.err());
        }
        assertEquals("", CliRun.of("state", "list", dir.toString()).out(), "nothing applied");
    }

    @Test
    void destroyDeletesEverythingTheStackManages() {
        assertEquals(0, apply("--auto-approve").exit());
        CliRun withoutAllow = CliRun.of("destroy", dir.toString(), "--auto-approve");
        assertEquals(1, withoutAllow.exit());
        CliRun run = CliRun.of("destroy", dir.toString(), "--auto-approve", "--allow-destroy");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("restorable for Teleport Cloud's grace period (14–15 days)"), run.out());
        assertEquals("", CliRun.of("state", "list", dir.toString()).out());
    }

    @Test
    void applyPrintsThePlanProgressAndSummaryOnStdoutAsPlanDoesAndProblemsOnStderr() {
        CliRun run = apply("--auto-approve"); // no terminal and no --invites-out: a warning that the invite waits
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Teleform will perform these steps, in this order:\n"), run.out());
        assertTrue(run.out().contains("\nPlan: 4 to create, 0 to update, 0 to replace, 0 to delete. "), run.out());
        assertTrue(run.out().contains("\nworkload_cluster/child: created ("), run.out());
        assertTrue(run.out().lines().toList().getLast().startsWith("Apply complete: 3 created. State saved ("), run.out());
        assertTrue(run.err().startsWith("teleform: warning: 1 invite is pending"), run.err());
        assertFalse(run.err().contains("Plan:") || run.err().contains("created ("), run.err());
    }

    @Test
    void withJsonEventsStdoutHoldsOnlyTheEventsAndPeopleReadStderr() {
        CliRun run = apply("--auto-approve", "--json-events", "--invites-out", dir.resolve("invites.jsonl").toString());
        assertEquals(0, run.exit(), run.err());
        run.out().lines().forEach(line -> assertTrue(line.startsWith("{\"time\":"), line));
        assertTrue(run.err().contains("Plan: 4 to create"), run.err());
        assertTrue(run.err().contains("workload_cluster/child: created ("), run.err());
        assertTrue(run.err().contains("Apply complete: 4 created, 1 invited."), run.err());
    }

    @Test
    void jsonEventsAreOneObjectPerLineAndNeverCarryAnInviteLink() {
        CliRun run = apply("--auto-approve", "--json-events", "--invites-out", dir.resolve("invites.jsonl").toString());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.size() >= 10, run.out());
        for (String line : lines) {
            assertTrue(line.startsWith("{") && line.endsWith("}") && line.contains("\"event\":\""), line);
        }
        assertTrue(run.out().contains("\"event\":\"invite_created\""), run.out());
        assertFalse(run.out().contains("/web/invite/"), "no link on stdout");
    }

    @Test
    void transientErrorsAreRetriedAndTheApplySucceeds() {
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "faults", "--op", "create", "--transient-rate", "0.3",
                "--seed", "11").exit());
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "faults", "--op", "list", "--transient-rate", "0.1").exit());
        CliRun run = apply("--auto-approve", "--invites-out", dir.resolve("invites.jsonl").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("retrying in"), "some call was retried:\n" + run.out());
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "faults", "--clear").exit());
        assertEquals(0, CliRun.of("plan", dir.toString(), "--detailed-exitcode").exit(), "live matches the stack");
    }

    @Test
    void aClusterThatFailsDoesNotStopTheOthersAndStateHoldsWhatWasDone() throws IOException {
        Files.writeString(dir.resolve("other.yaml"), Files.readString(dir.resolve("cluster.yaml"))
                .replace("name: child", "name: other") + "---\nkind: role\nversion: v7\nmetadata: {name: ops}\n"
                + "cluster: other\nspec: {allow: {logins: [ops]}}\n");
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "faults", "--provisioning", "failed", "--cluster",
                "other").exit());
        CliRun run = apply("--auto-approve");
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("workload_cluster/other: FAILED: Teleport Cloud reports workload cluster other "
                + "as failed"), run.out());
        assertTrue(run.out().contains("role/ops@other: skipped"), run.out());
        assertTrue(run.err().contains("Apply failed: 1 step(s) failed"), run.err());
        String state = CliRun.of("state", "list", dir.toString()).out();
        assertTrue(state.contains("user/example@child") && state.contains("workload_cluster/other"), state);
        assertFalse(state.contains("role/ops@other"), state);
    }

    @Test
    void ofTwoAppliesStartedTogetherOneProceedsAndTheOtherExitsThree() throws Exception {
        // The winner must still hold the lock when the loser asks: a slow cluster create keeps it busy.
        assertEquals(0, CliRun.of("sim", "-C", dir.toString(), "faults", "--op", "upsert", "--latency", "1500").exit());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<CliRun>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return apply("--auto-approve");
                }));
            }
            start.countDown();
            List<Integer> exits = new java.util.ArrayList<>();
            StringBuilder errs = new StringBuilder();
            for (var run : runs) {
                exits.add(run.get().exit());
                errs.append(run.get().err()).append("\n----\n");
            }
            exits.sort(null);
            assertEquals(List.of(0, 3), exits, errs::toString);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aNewInviteLinkGoesOnlyToTheFileAsked() throws IOException {
        CliRun applied = apply("--auto-approve", "--invites-out", dir.resolve("invites.jsonl").toString());
        assertEquals(0, applied.exit(), applied.err());
        Path file = dir.resolve("again.jsonl");
        CliRun run = CliRun.of("invite", "user/example@child", dir.toString(), "--ttl", "4h", "--out", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertFalse(run.out().contains("/web/") || run.err().contains("/web/"));
        assertTrue(Files.readString(file).contains("https://child.teleport.sh:443/web/reset/"),
                "the user exists, so its link is a reset link");
        assertEquals(1, CliRun.of("invite", "user/nobody@child", dir.toString()).exit());
        assertEquals(1, CliRun.of("invite", "role/example@child", dir.toString()).exit());
    }
}
