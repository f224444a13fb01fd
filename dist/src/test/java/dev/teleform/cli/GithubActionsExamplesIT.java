package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.State;
import dev.teleform.engine.testing.GitDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workflows in {@code examples/ci/github-actions}, their shell steps run as GitHub would (see
 * {@link GithubWorkflow}) against {@code examples/ci/fleet} ({@code provider: teleport}): the tctl and tbot that
 * {@code teleport-actions/setup} installs are the simulator's stand-ins, and Teleform reaches the parent as the
 * Machine ID bot of {@code spec.parent.join} (github), which the stand-in lets in only because the workflows grant
 * {@code id-token: write}. The parent requires MFA for admin actions, as a Teleport Cloud tenant may: no person's
 * identity could apply here. State is shared through a git daemon (plans through a second one that refuses
 * pushes, as a read-only credential is refused), and every run is in a fresh checkout, as on hosted runners. Only
 * Teleport (the stand-ins' simulator), the state remote and GitHub (a {@code gh} stub over JSON files, which
 * holds the pull requests, issues, comments, runs and artifacts) outlive a run. Teleform is what the jobs install
 * with the repository's own action ({@code action.yml}, used as {@code teleform/teleform@v1}) from the release
 * archive this build made ({@code vars.TELEFORM_ARCHIVE_URL}, a file URL), each job into its own empty tool
 * cache, as on a hosted runner.
 */
@ResourceLock(GitDaemon.PORTS)
class GithubActionsExamplesIT {

    private static final Path WORKFLOWS = PackagedCli.REPO.resolve("examples/ci/github-actions");
    private static final String VERSION = System.getProperty("teleform.version", "");
    private static final Path ARCHIVE = Path.of(System.getProperty("teleform.archive", "")).toAbsolutePath();
    private static final String PLAN_MARKER = "<!-- teleform:fleet -->";
    private static final String APPLY_MARKER = "<!-- teleform:fleet apply -->";
    private static final String STOPPED_MARKER = "<!-- teleform:fleet apply-stopped -->";
    private static final String LOST_MARKER = "<!-- teleform:fleet apply-state-lost -->";
    private static final String DRIFT_MARKER = "<!-- teleform:fleet drift -->";
    private static final String BOT = "github-actions[bot]";
    private static final String APPLY_ROLE = "arn:aws:iam::123456789012:role/teleform-ci";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private StandIns teleport;
    private Path ghState;
    private Path workspace;
    private Path toolCaches;
    private String stateRemote;
    private String readOnlyRemote;
    /** The action the jobs install Teleform with: the repository's own, or a stand-in teleform. */
    private Path teleformAction = PackagedCli.REPO;

    @BeforeEach
    void machine() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        ghState = Files.createDirectories(dir.resolve("github"));
        Path artifacts = Files.createDirectories(dir.resolve("artifacts"));
        try (InputStream stub = GithubActionsExamplesIT.class.getResourceAsStream("/gh-stub.bash")) {
            TestFiles.executable(bin.resolve("gh"), new String(stub.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@STATE@", ghState.toString()).replace("@ARTIFACTS@", artifacts.toString()));
        }
        Files.createDirectories(dir.resolve("runs"));
        toolCaches = Files.createDirectories(dir.resolve("tool-caches"));
        workspace = dir.resolve("work/access/access"); // the same path on every run, as on hosted runners
    }

    /**
     * Teleport Cloud: the stand-ins' simulator. An IAM join presents the role a job assumed (AWS_ROLE_ARN); without
     * one, the runner machine's own identity, which no workload cluster's token allows.
     */
    private void teleportCloud() throws Exception {
        teleport = StandIns.create(Files.createDirectories(dir.resolve("teleport-cloud")),
                "arn:aws:iam::123456789012:role/runner-instance", StandIns.Provisioning.SECOND_READ);
        CliRun mfa = PackagedCli.run(teleport.stack(), "sim", "admin-mfa", "on");
        assertEquals(0, mfa.exit(), mfa.err());
    }

    @Test
    void pullRequestsArePlannedMergesReplanAndApplyWhatWasReviewedAndNightlyRunsReportDrift() throws Exception {
        teleportCloud();
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"));
                GitDaemon readOnly = GitDaemon.startReadOnly(dir.resolve("served"))) {
            stateRemote = daemon.newRepository("teleform-state.git");
            readOnlyRemote = readOnly.url("teleform-state.git");

            // PR 7 brings the fleet: its plan is commented and kept
            GithubWorkflow.Result plan7 = plan(7, "a1");
            assertEquals(0, plan7.exit(), plan7.log());
            assertTrue(plan7.log().contains("## teleform/teleform@v1 / Install Teleform\nteleform " + VERSION + "\n"),
                    "the action installed the archive and printed its version:\n" + plan7.log());
            assertEquals("2", plan7.outputs().get("plan").get("exitcode"), "changes present");
            String comment = comment(7, PLAN_MARKER);
            assertTrue(comment.contains("workload_cluster/payments") && comment.contains("role/developer@ml"), comment);
            assertEquals(PLAN_MARKER + "\n" + plan7.summary(), comment, "the same markdown goes to the run summary");

            GithubWorkflow.Result merge7 = merge(7, "m1");
            assertEquals(0, merge7.exit(), merge7.log());
            assertTrue(merge7.log().contains("workload_cluster/search: waiting for active"), merge7.log());
            assertTrue(merge7.summary().matches("(?s).*\\n[1-9][0-9]* steps finished, 1 invite links delivered "
                    + "\\(encrypted, in the teleform-invites artifact\\)\\n.*"),
                    "the summary counts the events (alice's link, the one user with a key):\n" + merge7.summary());
            assertFalse(merge7.log().contains("/web/invite/"), "no invite link in the CI log");
            // alice's link is published encrypted to her key in the repository; the others wait for theirs
            Path sealed = dir.resolve("artifacts").resolve(merge7.runId() + "/teleform-invites/payments/alice.gpg");
            assertTrue(Files.isRegularFile(sealed), merge7.log());
            assertTrue(Files.readString(sealed).startsWith("-----BEGIN PGP MESSAGE-----"), "encrypted, armored");
            assertFalse(Files.readString(sealed).contains("/web/"), "not in clear");
            assertTrue(merge7.log().contains("user/bob@payments: its invite link was not delivered (")
                    && merge7.log().contains("no public key for bob"), merge7.log());
            try (Stream<Path> published = Files.walk(sealed.getParent().getParent())) {
                assertEquals(1, published.filter(Files::isRegularFile).count(), "only alice has a key");
            }
            assertTrue(comment(7, APPLY_MARKER).contains("Teleform apply for stack `fleet`: done"), comments(7).toString());
            assertTrue(comment(7, APPLY_MARKER).matches("(?s).*\n[1-9][0-9]* steps finished, 1 invite links delivered.*"),
                    "the counts the apply step wrote, though each step has a summary file of its own:\n"
                            + comment(7, APPLY_MARKER));
            assertEquals(2, comments(7).size(), "the plan and the result, each once");

            // PRs 8 and 9 are reviewed against the same main; a fresh runner plans only their changes: nothing of
            // Teleport or its state lives in the checkout
            GithubWorkflow.Result plan8 = plan(8, "b1", Edit.LEDGER_WRITER);
            GithubWorkflow.Result plan9 = plan(9, "c1", Edit.NEW_USER);
            assertEquals(0, plan8.exit(), plan8.log());
            assertEquals(0, plan9.exit(), plan9.log());
            assertTrue(comment(8, PLAN_MARKER).contains("Plan: 0 to create, 1 to update, 0 to replace, 0 to delete"),
                    comment(8, PLAN_MARKER));
            assertTrue(comment(9, PLAN_MARKER).contains("user/frank@search"), comment(9, PLAN_MARKER));

            // 8 merges first, and the state remote refuses its apply's state: Teleport has the change, and the state
            // that says so is kept as an artifact
            Path refuse = refuseStateWrites(daemon, 0);
            GithubWorkflow.Result unpushed = merge(8, "m2", Edit.LEDGER_WRITER);
            assertEquals(1, unpushed.exit(), unpushed.log());
            assertTrue(unpushed.log().contains("::error title=State not pushed::"), unpushed.log());
            Path kept = dir.resolve("artifacts/" + unpushed.runId() + "/teleform-unpushed-state-fleet");
            assertEquals(List.of(kept.resolve("state.bundle")), files(kept),
                    "a git bundle of the unpushed ref only: the cache's FETCH_HEAD would name the remote's credential");
            assertTrue(comment(8, APPLY_MARKER).contains("The new state could not be pushed"), comment(8, APPLY_MARKER));
            assertTrue(ledger(state(daemon)).contains("\"readonly\"]"), "the remote's state is the one before");
            Files.delete(refuse);

            // a pull request's own workflow uploads an artifact of the same name: no apply takes it for state
            long forger = forgedArtifact(kept.resolve("state.bundle"));

            // PR 6 into the branch release shares 9's head, and the plan workflow release has (no branches filter)
            // planned it after 9: the newest plan run of that head, but not 9's plan into main. Main's plan would
            // differ from it (release has none of 9's changes), and the merge would stop.
            GithubWorkflow.Result intoRelease = plan(6, "release", "c1", secrets());
            assertEquals(0, intoRelease.exit(), intoRelease.log());
            assertTrue(intoRelease.runId() > plan9.runId(), "the newer run of the head");

            // 9 merges next: its apply pushes 8's state first, then plans main again. 9's plan was made before 8
            // applied, and once was stuck for good; main's plan makes the same changes, so it is applied.
            GithubWorkflow.Result merge9 = merge(9, "m3", Edit.LEDGER_WRITER, Edit.NEW_USER);
            assertEquals(0, merge9.exit(), merge9.log());
            assertTrue(merge9.log().contains("Pushed the state an earlier run could not push."), merge9.log());
            assertTrue(merge9.log().contains("::warning::the artifact teleform-unpushed-state-fleet of run "
                    + forger + " is ignored"), merge9.log());
            assertTrue(merge9.log().contains("::notice::plan run " + intoRelease.runId() + " of c1 planned #6 into "
                    + "release, not #9 into main: passed over"), merge9.log());
            assertTrue(ledger(state(daemon)).contains("writer"), ledger(state(daemon)));
            assertTrue(state(daemon).get(Address.in(ResourceKind.USER, "frank", "search")).isPresent(), merge9.log());
            assertTrue(Files.notExists(kept), "the artifact is deleted once the remote has its state");
            assertTrue(comment(9, APPLY_MARKER).contains(": done"), comment(9, APPLY_MARKER));
            Edit[] main9 = {Edit.LEDGER_WRITER, Edit.NEW_USER};

            // a re-run of 9's apply finds what was reviewed done: main's plan only lacks reviewed steps, which
            // --accept-fewer takes (the difference is printed), and the run passes with nothing to do
            GithubWorkflow.Result rerun9 = push("m3", main9);
            assertEquals(0, rerun9.exit(), rerun9.log());
            assertTrue(rerun9.log().contains("- create user/frank@search   (only in the saved plan)"), rerun9.log());
            assertTrue(comment(9, APPLY_MARKER).contains(": done"), comment(9, APPLY_MARKER));

            // PR 10 deletes the ml cluster; with the label, its plan is made with --allow-destroy and says so
            Edit[] withoutMl = {Edit.LEDGER_WRITER, Edit.NEW_USER, Edit.NO_ML_BASELINE, Edit.NO_ML_USERS,
                Edit.NO_ML_AUDITOR, Edit.NO_ML_CLUSTER};
            // without the label, the plan that deletes a cluster fails the check and says to add the label
            GithubWorkflow.Result unlabelled = plan(10, "d0", withoutMl);
            assertEquals(1, unlabelled.exit(), unlabelled.log());
            assertTrue(comment(10, PLAN_MARKER).contains("this pull request has no label `teleform: allow destroy`"),
                    comment(10, PLAN_MARKER));
            assertTrue(Files.notExists(dir.resolve("artifacts/" + unlabelled.runId() + "/teleform-plan-fleet/teleform.plan")),
                    "no plan file for a merge");
            // the pull request changes its workflow to make the plan with --allow-destroy anyway: the merge's
            // apply sees that it changed the files that plan it, takes nothing of its plan, and stops for approval
            GithubWorkflow.Result forged = tamperedPlan(10, "d1", text -> text.replace("destroy=()",
                    "destroy=(--allow-destroy)"), withoutMl);
            assertEquals(0, forged.exit(), forged.log());
            recordRun("teleform-plan.yml", "pull_request", "d1", forged);
            GithubWorkflow.Result unlabelledMerge = merge(10, "m4x", withoutMl);
            assertEquals(1, unlabelledMerge.exit(), unlabelledMerge.log());
            assertTrue(unlabelledMerge.log().contains("::warning title=No reviewed plan::#10 changes the files that plan "
                    + "pull requests (.github/workflows/teleform-plan.yml), so its plan was made by its own workflow"),
                    unlabelledMerge.log());
            assertTrue(comment(10, APPLY_MARKER).contains("No plan was reviewed for this merge: #10 changes the files"),
                    comment(10, APPLY_MARKER));
            assertTrue(state(daemon).get(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "ml")).isPresent(),
                    "nothing applied");
            updateIssue(10, issue -> issue.put("state", "open").remove("merge_commit_sha"));
            // a person approving a run that is not teleform apply's on main: refused before anything is read
            GithubWorkflow.Result notApply = approve(forged, withoutMl);
            assertEquals(1, notApply.exit(), notApply.log());
            assertTrue(notApply.log().contains("run " + forged.runId() + " is not a teleform apply run on main"),
                    notApply.log());

            // the author labels the pull request: a deletion takes a second person, as a review does
            label(10, "octocat", "User");
            GithubWorkflow.Result ownLabel = plan(10, "d2a", withoutMl);
            assertEquals(1, ownLabel.exit(), ownLabel.log());
            assertTrue(comment(10, PLAN_MARKER).contains("the label `teleform: allow destroy` was added by the pull "
                    + "request's author, octocat: someone else must add it"), comment(10, PLAN_MARKER));
            label(10, "mona", "User");
            GithubWorkflow.Result plan10 = plan(10, "d2", withoutMl);
            // merged with no review approving d2 (the label stays through later pushes): nothing is applied
            GithubWorkflow.Result unapproved = merge(10, "m4y", withoutMl);
            assertEquals(1, unapproved.exit(), unapproved.log());
            assertTrue(unapproved.log().contains("says (false: no review by a member other than the author, octocat, "
                    + "approves d2, the merged head"), unapproved.log());
            updateIssue(10, issue -> issue.put("state", "open").remove("merge_commit_sha"));
            approveReview(10, "d2", "mona");
            assertEquals(0, plan10.exit(), plan10.log());
            assertTrue(comment(10, PLAN_MARKER).contains("This plan deletes workload clusters: made with `--allow-destroy`"),
                    comment(10, PLAN_MARKER));
            // before it merges, someone changes a role by hand. Main's plan now also puts that back: not what was
            // reviewed. Nothing is applied; the merged PR and one issue show the difference and the new plan.
            handEdit("role/oncall@search", "spec.options.max_session_ttl=12h");
            GithubWorkflow.Result stopped = merge(10, "m4", withoutMl);
            assertEquals(1, stopped.exit(), stopped.log());
            assertTrue(state(daemon).get(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "ml")).isPresent(),
                    "nothing applied");
            String difference = comment(10, APPLY_MARKER);
            assertTrue(difference.contains("Teleform apply stopped")
                    && difference.contains("+ update role/oncall@search   (only in the plan made now)")
                    && difference.contains("approve-run=" + stopped.runId()), difference);
            assertEquals(List.of(difference.replace(APPLY_MARKER, STOPPED_MARKER)), issues(STOPPED_MARKER),
                    "one issue, with the same text");

            // its author cannot approve it: nobody else would have read the plan
            GithubWorkflow.Result byAuthor = approve("octocat", stopped, withoutMl);
            assertEquals(1, byAuthor.exit(), byAuthor.log());
            assertTrue(byAuthor.log().contains("octocat wrote #10: someone else approves"), byAuthor.log());
            // a maintainer reads the new plan and approves it: applied (the deletion too, with no flag), the issue
            // closed, the comment edited
            GithubWorkflow.Result approved = approve(stopped, withoutMl);
            assertEquals(0, approved.exit(), approved.log());
            assertFalse(state(daemon).get(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "ml")).isPresent(),
                    approved.log());
            assertEquals(List.of(), issues(STOPPED_MARKER), "resolved");
            assertTrue(comment(10, APPLY_MARKER).contains(": done"), comment(10, APPLY_MARKER));
            assertEquals(2, comments(10).size(), "the plan and the result, each once");

            // a broken stack (PR 21: the issue above took number 11, as issues and pull requests share numbers):
            // the comment shows the error with its place; the check fails
            GithubWorkflow.Result broken = plan(21, "e1", Edit.LEDGER_WRITER, Edit.NEW_USER, Edit.TYPO);
            assertEquals(1, broken.exit());
            assertTrue(comment(21, PLAN_MARKER).contains("baseline.yaml:14:5: error: spec.allow.loginz: unknown field"),
                    comment(21, PLAN_MARKER));
            // an older run of the same head that succeeded (the plan before a re-run, say) is not what was reviewed
            // last: merged anyway, nothing is applied
            ArrayNode runs = (ArrayNode) JSON.readTree(ghState.resolve("runs.json").toFile());
            runs.addObject().put("id", 1).put("workflow", "teleform-plan.yml").put("event", "pull_request")
                    .put("head_branch", "feature-e1").put("head_sha", "e1").put("conclusion", "success");
            Files.writeString(ghState.resolve("runs.json"), JSON.writeValueAsString(runs));
            GithubWorkflow.Result brokenMerge = merge(21, "m5", Edit.LEDGER_WRITER, Edit.NEW_USER, Edit.TYPO);
            assertEquals(1, brokenMerge.exit(), brokenMerge.log());
            assertTrue(brokenMerge.log().contains("the newest teleform plan run for e1, the head of #21, did not succeed ("
                    + broken.runId() + ": failure)"), brokenMerge.log());

            // a job without the secret (a fork, Dependabot): an error naming it, not an empty local state
            GithubWorkflow.Result noSecret = plan(22, "f1", Map.of(), main9);
            assertEquals(1, noSecret.exit(), noSecret.log());
            assertTrue(comment(22, PLAN_MARKER).contains("the state remote is not set"), comment(22, PLAN_MARKER));
            // a plan workflow that names no bot's join token: an error, never a default bot (apply's, say)
            GithubWorkflow.Result noBot = tamperedPlan(22, "f2", text -> text.replace(
                    "TELEFORM_JOIN_TOKEN: ${{ vars.TELEFORM_PLAN_JOIN_TOKEN }}", "NO_JOIN_TOKEN: none"), main9);
            assertEquals(1, noBot.exit(), noBot.log());
            assertTrue(comment(22, PLAN_MARKER).contains("environment variable TELEFORM_JOIN_TOKEN is "), comment(22, PLAN_MARKER));

            // PR 23 changes its plan workflow to write state: the git server refuses the plan job's credential
            String frankBefore = state(daemon).get(Address.in(ResourceKind.USER, "frank", "search")).toString();
            GithubWorkflow.Result writes = tamperedPlan(23, "g1", text -> text.replace(
                    "teleform plan \"$TELEFORM_STACK\" --no-join-clusters --detailed-exitcode",
                    "teleform state rm user/frank@search \"$TELEFORM_STACK\" >&2; teleform apply \"$TELEFORM_STACK\" "
                            + "--auto-approve >&2; echo"), withoutMl);
            assertTrue(writes.log().contains("cannot push to state remote git://127.0.0.1:"), writes.log());
            assertFalse(writes.log().contains("Apply complete"), writes.log());
            assertEquals(frankBefore, state(daemon).get(Address.in(ResourceKind.USER, "frank", "search")).toString());
            // ... or to deploy to the environment that holds the read-write one: GitHub refuses the job
            GithubWorkflow.Result deploys = tamperedPlan(23, "g2", text -> text
                    .replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    environment: teleform-state\n")
                    .replace("secrets.TELEFORM_STATE_REMOTE_READONLY", "secrets.TELEFORM_STATE_REMOTE"));
            assertEquals(1, deploys.exit(), deploys.log());
            assertEquals("environment teleform-state", deploys.failedStep(), deploys.log());
            // ... or to reach the workload clusters, whose bots can change their roles and users: without an AWS
            // role no IAM join token lets it in, and the role the tokens allow trusts the apply environment only
            GithubWorkflow.Result joins = tamperedPlan(23, "g3", text -> text.replace("--no-join-clusters ", ""),
                    withoutMl);
            assertEquals(1, joins.exit(), joins.log());
            assertTrue(comment(23, PLAN_MARKER).contains("cannot obtain credentials"), comment(23, PLAN_MARKER));
            GithubWorkflow.Result assumes = tamperedPlan(23, "g4", text -> text.replace("      - name: Plan\n", """
                          - name: Take the apply role
                            uses: aws-actions/configure-aws-credentials@v4
                            with:
                              role-to-assume: ${{ vars.TELEFORM_AWS_ROLE }}
                              aws-region: us-east-1
                          - name: Plan
                    """), withoutMl);
            assertEquals(1, assumes.exit(), assumes.log());
            assertEquals("Take the apply role", assumes.failedStep(), assumes.log());
            assertTrue(assumes.log().contains("Not authorized to perform sts:AssumeRoleWithWebIdentity"), assumes.log());

            // someone changes a role by hand: the nightly run fails, names the field, and opens one issue
            handEdit("role/oncall@payments", "spec.options.max_session_ttl=12h");
            GithubWorkflow.Result drift = drift("n1", withoutMl);
            assertEquals(2, drift.exit(), drift.log());
            assertTrue(drift.summary().contains("role/oncall@payments") && drift.summary().contains("max_session_ttl"),
                    drift.summary());
            assertTrue(drift.log().contains("::error title=Drift::"), drift.log());
            assertTrue(issues(DRIFT_MARKER).getFirst().contains("`spec.options.max_session_ttl`: applied `\"4h\"`"),
                    issues(DRIFT_MARKER).toString());

            // what the next runner reads: everything the applies did
            State shared = state(daemon);
            assertEquals(15, shared.resources().size(), shared.resources().keySet()::toString);

            // every run reached the parent as the bot tbot joined with the job's ID token, which no log shows
            String calls = PackagedCli.run(teleport.stack(), "sim", "status").out();
            assertTrue(calls.contains("join_parent"), calls);
            for (GithubWorkflow.Result run : List.of(plan7, merge7, approved, drift)) {
                assertFalse(run.log().contains("id-token-request-" + run.runId()), "the ID token request was printed");
            }
        }
    }

    @Test
    void requiredChecksRunOnEveryPullRequestToMainAppliesQueueByStackAndDriftQueuesApart() throws Exception {
        GithubWorkflow plan = workflow("teleform-plan.yml");
        GithubWorkflow apply = workflow("teleform-apply.yml");
        GithubWorkflow drift = workflow("teleform-drift.yml");
        assertEquals("[\"main\"]", plan.triggers().path("pull_request").path("branches").toString());
        assertTrue(plan.triggers().has("merge_group"), "the merge queue needs the required check too");
        assertEquals("[\"main\"]", apply.triggers().path("push").path("branches").toString());
        for (GithubWorkflow workflow : List.of(plan, apply, drift)) {
            assertFalse(workflow.triggers().toString().contains("paths"),
                    "a paths filter leaves a required check pending forever: " + workflow.triggers());
        }
        GithubWorkflow.Trigger pr7 = new GithubWorkflow.Trigger("pull_request", "a1", "refs/pull/7/merge",
                Map.of("pull_request.number", "7"), Map.of(), Map.of(), Map.of());
        GithubWorkflow.Trigger queued = new GithubWorkflow.Trigger("merge_group", "q1",
                "refs/heads/gh-readonly-queue/main/pr-7-a1", Map.of(), Map.of(), Map.of(), Map.of());
        GithubWorkflow.Trigger main = new GithubWorkflow.Trigger("push", "m1", "refs/heads/main", Map.of(), Map.of(),
                Map.of(), Map.of());
        assertEquals(new GithubWorkflow.Concurrency("teleform-plan-7", true), plan.concurrency(pr7),
                "a newer push cancels the older plan, which would otherwise overwrite the newer comment");
        assertEquals(new GithubWorkflow.Concurrency("teleform-plan-refs/heads/gh-readonly-queue/main/pr-7-a1", true),
                plan.concurrency(queued));
        assertEquals(new GithubWorkflow.Concurrency("teleform-state-fleet", false), apply.concurrency(main));
        assertEquals(new GithubWorkflow.Concurrency("teleform-drift-fleet", false), drift.concurrency(main),
                "not apply's group: a queued nightly run would cancel the pending apply; the lock keeps them apart");
        for (GithubWorkflow workflow : List.of(plan, apply)) {
            for (JsonNode upload : workflow.uses("actions/upload-artifact")) {
                assertTrue(upload.path("with").path("overwrite").asBoolean(false),
                        "a re-run keeps its run id, and an upload of a name it has already fails: " + upload);
            }
        }
    }

    @Test
    void aPlanPassesOnlyOnExit0Or2AndItsCommentIsFoundByItsMarkerCutToFitAndNeverRepeated() throws Exception {
        Path fake = fakeTeleform();
        // what was on PR 7 before: a person quoting the marker, and another stack's plan
        Files.createDirectories(ghState.resolve("comments"));
        Files.writeString(ghState.resolve("comments/7.json"), """
                [{"id": 1, "user": {"login": "octocat"}, "body": "Why did <!-- teleform:fleet --> change?"},
                 {"id": 2, "user": {"login": "github-actions[bot]"}, "body": "<!-- teleform:billing -->\\nplan"},
                 {"id": 3, "user": {"login": "github-actions[bot]"},
                  "body": "<!-- teleform:billing apply -->\\nas in <!-- teleform:fleet -->"}]
                """);
        for (int exit : new int[] {2, 0, 1, 3, 137, 143}) {
            Files.writeString(fake.resolve("exit"), Integer.toString(exit));
            Files.writeString(fake.resolve("stdout"), "### Teleform plan for stack `fleet`\n\nexit " + exit + "\n");
            // an error a pull request controls, with a fence of its own: it stays inside the comment's fence
            Files.writeString(fake.resolve("stderr"), exit == 137 ? "Killed\n" : "error: ````\n# injected\n");
            GithubWorkflow.Result run = fakePlan(7, "a" + exit);
            assertEquals(exit == 0 || exit == 2 ? 0 : 1, run.exit(), exit + ":\n" + run.log());
            String comment = comment(7, PLAN_MARKER);
            assertTrue(exit == 0 || exit == 2 ? comment.endsWith("exit " + exit + "\n")
                    : comment.contains("failed (exit " + exit + ")"), comment);
            if (exit != 0 && exit != 2) {
                assertTrue(run.log().contains("::error::teleform plan exited with " + exit), run.log());
                assertTrue(exit == 137 || comment.contains("\n`````text\nerror: ````\n# injected\n`````\n"), comment);
                assertEquals(List.of(dir.resolve("artifacts/" + run.runId() + "/teleform-plan-fleet/base"),
                        dir.resolve("artifacts/" + run.runId() + "/teleform-plan-fleet/pull-request")),
                        files(dir.resolve("artifacts/" + run.runId() + "/teleform-plan-fleet")),
                        "no plan file is kept for a merge to apply, only which pull request the run was for");
            }
        }
        List<JsonNode> comments = comments(7);
        assertEquals(4, comments.size(), comments.toString());
        assertEquals("Why did <!-- teleform:fleet --> change?", comments.get(0).path("body").asString());
        assertEquals("<!-- teleform:billing -->\nplan", comments.get(1).path("body").asString());
        assertEquals("<!-- teleform:billing apply -->\nas in <!-- teleform:fleet -->", comments.get(2).path("body")
                .asString(), "a marker found only on the first line");

        // a transient error of GitHub's API is retried; when it lasts, the step fails and posts nothing
        Files.writeString(fake.resolve("exit"), "2");
        Files.writeString(ghState.resolve("fail-next"), "1");
        assertEquals(0, fakePlan(7, "b1").exit());
        assertEquals(4, comments(7).size(), "edited, not repeated");
        Files.writeString(ghState.resolve("fail-next"), "3");
        GithubWorkflow.Result down = fakePlan(7, "b2");
        assertEquals(1, down.exit(), down.log());
        assertEquals(4, comments(7).size());
        Files.writeString(ghState.resolve("fail-next"), "0");

        // a plan longer than a comment may be: the comment keeps the summary and links the run's summary
        StringBuilder big = new StringBuilder("### Teleform plan for stack `fleet`\n\n**Plan: 900 to create, 0 to "
                + "update, 0 to replace, 0 to delete.**\n\n| | Resource | Action | Fields |\n|---|---|---|---|\n");
        for (int i = 0; i < 900; i++) {
            big.append("| + | `user/someone-").append(i).append("@payments` | create | `spec.roles`, `spec.traits` |\n");
        }
        assertTrue(big.length() > 65_536);
        Files.writeString(fake.resolve("stdout"), big);
        GithubWorkflow.Result longPlan = fakePlan(7, "c1");
        assertEquals(0, longPlan.exit(), longPlan.log());
        String cut = comment(7, PLAN_MARKER);
        assertTrue(cut.length() <= 65_536 && cut.contains("**Plan: 900 to create") && !cut.contains("someone-0@"), cut);
        assertTrue(cut.contains("the whole text is in the [run summary](https://github.com/acme/access/actions/runs/"
                + longPlan.runId() + ")"), cut);
        assertTrue(longPlan.summary().contains("someone-899@payments"), "the run summary has it whole");

        // what precedes the table is itself too long: it is cut between characters, and the fence it leaves
        // open is closed
        Files.writeString(fake.resolve("stdout"), "### Teleform plan for stack `fleet`\n\n````text\n"
                + "é".repeat(30_000) + "\n````\n\n" + big.substring(big.indexOf("| | Resource")));
        GithubWorkflow.Result wide = fakePlan(7, "c2");
        assertEquals(0, wide.exit(), wide.log());
        String cutWide = comment(7, PLAN_MARKER);
        assertFalse(cutWide.contains("\uFFFD"), "no character cut in two");
        assertTrue(cutWide.matches("(?s).*\né+\n````\n\n\\*\\*This is .*"), cutWide.substring(cutWide.length() - 300));

        // in the merge queue there is no pull request: the check runs and passes, and nothing is commented; the
        // pull request the queue's branch names still gives its deletion label, or a labelled deletion would fail
        Files.writeString(fake.resolve("stdout"), "plan\n");
        label(7, "mona", "User");
        Files.deleteIfExists(fake.resolve("args"));
        GithubWorkflow.Result queued = workflow("teleform-plan.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("merge_group", "q1", "refs/heads/gh-readonly-queue/main/pr-7-c1",
                        Map.of("merge_group.head_ref", "refs/heads/gh-readonly-queue/main/pr-7-c1",
                                "merge_group.base_ref", "refs/heads/main"), Map.of(),
                        variables(), Map.of()));
        assertEquals(0, queued.exit(), queued.log());
        assertTrue(Files.readString(fake.resolve("args")).contains("--allow-destroy"), queued.log());
        assertEquals(4, comments(7).size());
        assertEquals(List.of(dir.resolve("artifacts/" + queued.runId() + "/teleform-plan-fleet/base"),
                dir.resolve("artifacts/" + queued.runId() + "/teleform-plan-fleet/pull-request"),
                dir.resolve("artifacts/" + queued.runId() + "/teleform-plan-fleet/teleform.plan")),
                files(dir.resolve("artifacts/" + queued.runId() + "/teleform-plan-fleet")));
        assertEquals("7\n", Files.readString(dir.resolve("artifacts/" + queued.runId() + "/teleform-plan-fleet/pull-request")),
                "the queue's branch names the pull request");
        assertEquals("main\n", Files.readString(dir.resolve("artifacts/" + queued.runId() + "/teleform-plan-fleet/base")));
    }

    @Test
    void nightlyDriftOpensOneIssueKeepsItUpToDateClosesItWhenGoneAndAnErrorIsNotDrift() throws Exception {
        Path fake = fakeTeleform();
        Files.writeString(fake.resolve("exit"), "2");
        Files.writeString(fake.resolve("stdout"), "### Teleform plan for stack `fleet`\n\n- `role/oncall@ml`\n");
        GithubWorkflow.Result first = fakeDrift("n1");
        assertEquals(2, first.exit(), first.log());
        assertTrue(first.log().contains("::error title=Drift::"), first.log());
        assertTrue(Files.readString(fake.resolve("args")).contains("plan examples/ci/fleet --refresh-only "
                + "--detailed-exitcode --lock"), "under the lock, so that no apply is half-way");
        assertEquals(1, issues(DRIFT_MARKER).size());
        Files.writeString(fake.resolve("stdout"), "### Teleform plan for stack `fleet`\n\n- `role/oncall@search`\n");
        assertEquals(2, fakeDrift("n2").exit());
        List<String> open = issues(DRIFT_MARKER);
        assertEquals(1, open.size(), "updated, not repeated");
        assertTrue(open.getFirst().contains("role/oncall@search") && !open.getFirst().contains("role/oncall@ml"),
                open.getFirst());

        // an apply holds the lock (exit 3): skipped, neither an error nor drift
        Files.writeString(fake.resolve("stdout-lock-status"), "{\"locked\": true, \"holder\": {\"started\": \""
                + java.time.Instant.now().minus(java.time.Duration.ofMinutes(20)) + "\"}}\n");
        Files.writeString(fake.resolve("exit"), "3");
        Files.writeString(fake.resolve("stderr"), "error: the stack is locked by apply\n");
        GithubWorkflow.Result locked = fakeDrift("l1");
        assertEquals(0, locked.exit(), locked.log());
        assertTrue(locked.log().contains("::notice title=Drift check skipped::an apply holds the stack's lock")
                && !locked.log().contains("::error"), locked.log());
        assertEquals(open, issues(DRIFT_MARKER), "a skipped check says nothing about drift");
        // ... unless a live run has held it for hours (a hung apply): every night would be skipped
        Files.writeString(fake.resolve("stdout-lock-status"), "{\"locked\": true, \"holder\": {\"started\": \""
                + java.time.Instant.now().minus(java.time.Duration.ofHours(7)) + "\"}}\n");
        GithubWorkflow.Result blocked = fakeDrift("l2");
        assertEquals(1, blocked.exit(), blocked.log());
        assertTrue(blocked.log().contains("::error title=Drift check blocked::the stack's lock has been held since "),
                blocked.log());
        Files.delete(fake.resolve("stdout-lock-status"));

        for (int exit : new int[] {1, 4, 137}) {
            Files.writeString(fake.resolve("exit"), Integer.toString(exit));
            Files.writeString(fake.resolve("stderr"), "error: cannot reach the parent\n");
            GithubWorkflow.Result failed = fakeDrift("e" + exit);
            assertEquals(1, failed.exit(), failed.log());
            assertTrue(failed.log().contains("::error title=Drift check failed::teleform plan exited with " + exit)
                    && !failed.log().contains("title=Drift::"), failed.log());
            assertTrue(failed.summary().contains("cannot reach the parent"), failed.summary());
            assertEquals(open, issues(DRIFT_MARKER), "an error says nothing about drift");
        }

        Files.writeString(fake.resolve("exit"), "0");
        Files.writeString(fake.resolve("stderr"), "");
        int number = issueNumber(DRIFT_MARKER);
        // closing it fails once after the closing comment was made: the retry closes it, with no second comment
        Files.writeString(ghState.resolve("fail-once"), "state=closed");
        GithubWorkflow.Result gone = fakeDrift("n3");
        assertEquals(0, gone.exit(), gone.log());
        assertEquals(List.of(), issues(DRIFT_MARKER), "closed once the drift is gone");
        assertEquals(1, comments(number).size(), comments(number).toString());
    }

    @Test
    void anUnpushedStateThatCanNoLongerBePushedIsDroppedWithAnIssueAndTheApplyGoesOn() throws Exception {
        Path fake = succeedingFakeTeleform();
        // exit 1: not pushed now (the remote out of reach, say): the artifact stays for the next run
        Files.writeString(fake.resolve("exit-state-push"), "1");
        Files.writeString(fake.resolve("stderr-state-push"), "teleform: error: cannot push the unpushed state of "
                + "https://github.com/acme/state.git: connection refused\n");
        Path kept = mergedAfterAnApplyThatKeptItsState();
        GithubWorkflow.Result unreachable = workflow("teleform-apply.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("push", "m5", "refs/heads/main", Map.of(), Map.of(), variables(), Map.of()));
        assertEquals(1, unreachable.exit(), unreachable.log());
        recordRun("teleform-apply.yml", "push", "m5", unreachable);
        assertTrue(Files.exists(kept), "kept for the next run");
        assertTrue(unreachable.log().contains("::error title=State not pushed::the state run 2 could not push is still its "
                + "artifact teleform-unpushed-state-fleet"), unreachable.log());
        assertTrue(Files.notExists(dir.resolve("artifacts/" + unreachable.runId() + "/teleform-unpushed-state-fleet")),
                "no second copy of it");
        assertFalse(Files.readString(fake.resolve("args")).contains("plan examples/ci/fleet"), "nothing planned");
        assertEquals(List.of(), issues(LOST_MARKER));
        Files.delete(fake.resolve("args"));

        // exit 5: it can never be pushed (state was written since): dropped, said in an issue, and the run goes on
        Files.writeString(fake.resolve("exit-state-push"), "5");
        Files.writeString(fake.resolve("stderr-state-push"), "teleform: error: state in https://github.com/acme/state.git"
                + " was written since the unpushed commit 1234 was made; nothing was pushed\n");
        GithubWorkflow.Result run = workflow("teleform-apply.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("push", "m5", "refs/heads/main", Map.of(), Map.of(), variables(), Map.of()));
        assertEquals(0, run.exit(), run.log());
        assertTrue(Files.readString(fake.resolve("args")).contains("state push examples/ci/fleet\nplan examples/ci/fleet "
                + "--compare-to"), "the push is refused, and the run goes on to plan");
        assertTrue(Files.notExists(kept), "the artifact would block every later apply");
        List<String> lost = issues(LOST_MARKER);
        assertEquals(1, lost.size(), lost.toString());
        assertTrue(lost.getFirst().contains("its changes will be re-planned") && lost.getFirst().contains(
                "\n````text\nteleform: error: state in https://github.com/acme/state.git was written since"), lost.getFirst());
        assertTrue(comment(5, APPLY_MARKER).contains(": done"), comment(5, APPLY_MARKER));
    }

    /**
     * PR 5 was planned (run 1) and merged as m5; an apply on main before it (run 2) kept its unpushed state, the
     * artifact returned.
     */
    private Path mergedAfterAnApplyThatKeptItsState() throws Exception {
        onMain("m4");
        onMain("m5");
        mergedAfterPlanRun(5, "h5", "m5", "success");
        ArrayNode runs = (ArrayNode) JSON.readTree(ghState.resolve("runs.json").toFile());
        runs.addObject().put("id", 2).put("workflow", "teleform-apply.yml").put("event", "push")
                .put("head_branch", "main").put("head_sha", "m4").put("conclusion", "failure");
        Files.writeString(ghState.resolve("runs.json"), JSON.writeValueAsString(runs));
        Path kept = Files.createDirectories(dir.resolve("artifacts/2/teleform-unpushed-state-fleet"));
        bundle(kept.resolve("state.bundle"));
        checkout();
        return kept;
    }

    @Test
    void aMergeWithNoReviewedPlanStopsForApprovalInsteadOfStayingStuck() throws Exception {
        Path fake = succeedingFakeTeleform();
        // PR 13's newest plan failed (a fork's has no secrets, say), and it was merged anyway
        mergedAfterPlanRun(13, "h13", "m13", "failure");
        GithubWorkflow.Result stopped = fakePush("m13");
        assertEquals(1, stopped.exit(), stopped.log());
        assertFalse(applied(fake), "nothing applied");
        String why = "No plan was reviewed for this merge: the newest teleform plan run for h13, the head of #13, did "
                + "not succeed (1: failure). Nothing was applied.";
        assertTrue(comment(13, APPLY_MARKER).contains(why), comment(13, APPLY_MARKER));
        assertEquals(1, issues(STOPPED_MARKER).size());
        assertTrue(issues(STOPPED_MARKER).getFirst().contains(why)
                && issues(STOPPED_MARKER).getFirst().contains("approve-run=" + stopped.runId()), issues(STOPPED_MARKER).getFirst());
        assertTrue(Files.exists(dir.resolve("artifacts/" + stopped.runId() + "/teleform-new-plan-fleet/teleform.plan")),
                "main's plan, kept for approval");

        // someone reads it and approves: applied, the issue closed
        GithubWorkflow.Result approved = fakeApprove("mona", stopped);
        assertEquals(0, approved.exit(), approved.log());
        assertTrue(applied(fake), approved.log());
        assertEquals(List.of(), issues(STOPPED_MARKER));

        // a push to main that no pull request merged: the same, with no pull request to comment on
        Files.delete(fake.resolve("args"));
        GithubWorkflow.Result pushed = fakePush("m14");
        assertEquals(1, pushed.exit(), pushed.log());
        assertTrue(issues(STOPPED_MARKER).getFirst().contains("No plan was reviewed for this merge: m14 was pushed to "
                + "main, not merged from a pull request."), issues(STOPPED_MARKER).toString());
        assertFalse(applied(fake), "nothing applied");
        // whoever pushed it (mona) cannot approve it; someone else can
        GithubWorkflow.Result byPusher = fakeApprove("mona", pushed);
        assertEquals(1, byPusher.exit(), byPusher.log());
        assertTrue(byPusher.log().contains("mona pushed what run " + pushed.runId() + " stopped on: someone else "
                + "approves"), byPusher.log());
        assertFalse(applied(fake), "nothing applied");
        GithubWorkflow.Result byOther = fakeApprove("hubot", pushed);
        assertEquals(0, byOther.exit(), byOther.log());
        assertTrue(applied(fake), byOther.log());
    }

    @Test
    void aPlanRunThatRecordsNoBaseIsPassedOverAndAChangedStackDocumentIsNoReviewedPlan() throws Exception {
        Path fake = succeedingFakeTeleform();
        // an artifact of the workflow as it was before it recorded the base: passed over, never fatal
        mergedAfterPlanRun(15, "h15", "m15", "success");
        Files.delete(dir.resolve("artifacts/1/teleform-plan-fleet/base"));
        GithubWorkflow.Result noBase = fakePush("m15");
        assertEquals(1, noBase.exit(), noBase.log());
        assertTrue(noBase.log().contains("::notice::plan run 1 of h15 planned #15 into (no base recorded), not #15 "
                + "into main: passed over"), noBase.log());
        assertTrue(comment(15, APPLY_MARKER).contains("No plan was reviewed for this merge: no teleform plan run for "
                + "h15"), comment(15, APPLY_MARKER));
        // the stack document names the programs a plan runs (spec.bootstrap) and the provider: a pull request that
        // changes it made its plan with its own code (PR 25: the stopped issue above took number 16)
        mergedAfterPlanRun(25, "h25", "m25", "success");
        changedFiles(25, "examples/ci/fleet/stack.yaml", "examples/fleet/teams/ml.yaml");
        GithubWorkflow.Result settings = fakePush("m25");
        assertEquals(1, settings.exit(), settings.log());
        assertTrue(comment(25, APPLY_MARKER).contains("#25 changes the files that plan pull requests "
                + "(examples/ci/fleet/stack.yaml)"), comment(25, APPLY_MARKER));
        assertFalse(applied(fake), "nothing applied");
    }

    /** {@code actor} approves, by hand, the plan the stopped run {@code stopped} kept (stand-in teleform). */
    private GithubWorkflow.Result fakeApprove(String actor, GithubWorkflow.Result stopped) throws Exception {
        return fakeApply("workflow_dispatch", stopped.sha(),
                Map.of("inputs.approve-run", Long.toString(stopped.runId()), "actor", actor));
    }

    /** Whether the stand-in teleform was asked to apply. */
    private static boolean applied(Path fake) throws IOException {
        return Files.readString(fake.resolve("args")).lines().anyMatch(line -> line.startsWith("apply "));
    }

    @Test
    void aRunOfATagNamedMainIsNotTrustedForItsHeadBranchSaysNothing() throws Exception {
        Path fake = succeedingFakeTeleform();
        Path kept = mergedAfterAnApplyThatKeptItsState();
        // Anyone who may push a tag can push "refs/tags/main" on a commit whose teleform-apply.yml runs on tags and
        // uploads any artifact; its run says head_branch "main", event push, and the tag may be gone by now
        ArrayNode runs = (ArrayNode) JSON.readTree(ghState.resolve("runs.json").toFile());
        runs.addObject().put("id", 3).put("workflow", "teleform-apply.yml").put("event", "push")
                .put("head_branch", "main").put("head_sha", "t1").put("conclusion", "success");
        Files.writeString(ghState.resolve("runs.json"), JSON.writeValueAsString(runs));
        Path forged = Files.createDirectories(dir.resolve("artifacts/3/teleform-unpushed-state-fleet"));
        Files.copy(kept.resolve("state.bundle"), forged.resolve("state.bundle"));
        GithubWorkflow.Result run = workflow("teleform-apply.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("push", "m5", "refs/heads/main", Map.of(), Map.of(), variables(), Map.of()));
        assertEquals(0, run.exit(), run.log());
        assertTrue(run.log().contains("the artifact teleform-unpushed-state-fleet of run 3 is ignored"), run.log());
        assertTrue(Files.exists(forged), "left for people to look at");
        // the runs of main's own commits stay trusted: run 2's state is pushed
        assertTrue(Files.readString(fake.resolve("args")).contains("state push"), run.log());
        assertTrue(Files.notExists(kept), "pushed, then deleted");
    }

    @Test
    void aDeletionTakesTheLabelAddedLastByAPersonOtherThanThePullRequestsAuthor() throws Exception {
        pullRequest(12, "h12");
        assertEquals(new Said(1, "this pull request has no label `teleform: allow destroy`\n"), github("allow-destroy", "12"));
        label(12, "octocat", "User");
        assertEquals(new Said(1, "the label `teleform: allow destroy` was added by the pull request's author, octocat: "
                + "someone else must add it\n"), github("allow-destroy", "12"));
        // a pull request's own workflow may label it with GITHUB_TOKEN
        label(12, "github-actions[bot]", "Bot");
        assertEquals(new Said(1, "the label `teleform: allow destroy` was added by github-actions[bot], not a person: a "
                + "person other than the author must add it\n"), github("allow-destroy", "12"));
        label(12, "mona", "User");
        assertEquals(new Said(0, ""), github("allow-destroy", "12"));
        // at the merge, a review by a member other than the author must approve the merged head
        assertEquals(new Said(1, "no review by a member other than the author, octocat, approves h12, the merged head "
                + "(the label stays through later pushes)\n"), github("allow-destroy", "12", "h12"));
        approveReview(12, "h11", "mona");
        assertEquals(1, github("allow-destroy", "12", "h12").exit(), "an approval of an older head");
        approveReview(12, "h12", "octocat");
        assertEquals(1, github("allow-destroy", "12", "h12").exit(), "the author's own");
        approveReview(12, "h12", "mona");
        assertEquals(new Said(0, ""), github("allow-destroy", "12", "h12"));
        // removed, then added again by the author: the last labelling counts
        label(12, "octocat", "User");
        assertEquals(1, github("allow-destroy", "12").exit());
        // GitHub cannot be asked (three 502s): 2, never read as "not allowed" or "allowed"
        Files.writeString(ghState.resolve("fail-next"), "3");
        assertEquals(2, github("allow-destroy", "12").exit());
        // GitHub pages the events (100 at most a page): the last labelling of the last page counts
        ArrayNode events = JSON.createArrayNode();
        ObjectNode byAuthor = events.addObject().put("event", "labeled");
        byAuthor.putObject("label").put("name", "teleform: allow destroy");
        byAuthor.putObject("actor").put("login", "octocat").put("type", "User");
        for (int i = 0; i < 120; i++) {
            events.addObject().put("event", "subscribed");
        }
        ObjectNode byMona = events.addObject().put("event", "labeled");
        byMona.putObject("label").put("name", "teleform: allow destroy");
        byMona.putObject("actor").put("login", "mona").put("type", "User");
        Files.writeString(ghState.resolve("events/12.json"), JSON.writeValueAsString(events));
        assertEquals(new Said(0, ""), github("allow-destroy", "12"));
    }

    @Test
    void aRunWhosePathNamesItsRefIsTrustedOnlyOnMain() throws Exception {
        ArrayNode runs = JSON.createArrayNode();
        runs.addObject().put("id", 1).put("workflow", "teleform-apply.yml").put("event", "push").put("head_branch", "main")
                .put("head_sha", "m1").put("conclusion", "failure");
        runs.addObject().put("id", 2).put("workflow", "teleform-apply.yml").put("event", "push").put("head_branch", "main")
                .put("head_sha", "m2").put("conclusion", "failure")
                .put("path", ".github/workflows/teleform-apply.yml@refs/heads/main");
        runs.addObject().put("id", 3).put("workflow", "teleform-apply.yml").put("event", "push").put("head_branch", "main")
                .put("head_sha", "m3").put("conclusion", "failure")
                .put("path", ".github/workflows/teleform-apply.yml@refs/heads/feature");
        runs.addObject().put("id", 4).put("workflow", "teleform-plan.yml").put("event", "pull_request")
                .put("head_branch", "main").put("head_sha", "h4").put("conclusion", "success");
        Files.writeString(ghState.resolve("runs.json"), JSON.writeValueAsString(runs));
        runs.addObject().put("id", 5).put("workflow", "teleform-apply.yml").put("event", "workflow_dispatch")
                .put("head_branch", "main").put("head_sha", "t1").put("conclusion", "success");
        Files.writeString(ghState.resolve("runs.json"), JSON.writeValueAsString(runs));
        for (String sha : List.of("m1", "m2", "m3", "m9")) {
            onMain(sha);
        }
        assertEquals(0, github("trusted-run", "1").exit());
        assertEquals(0, github("trusted-run", "2").exit(), "main's workflow, named with its ref");
        assertEquals(1, github("trusted-run", "5").exit(), "its commit is not on main: a tag's, say");
        assertEquals(1, github("trusted-run", "3").exit(), "a workflow file from another branch");
        assertEquals(1, github("trusted-run", "4").exit(), "a pull request's run, on a branch it named main");
        assertEquals(1, github("trusted-run", "4 ").exit(), "not a run id");
    }

    /** What {@code teleform-github.sh} printed on stdout, and its exit status. */
    private record Said(int exit, String out) {}

    /** Runs {@code teleform-github.sh} with {@code args} as a job with the apply workflow's token would. */
    private Said github(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", WORKFLOWS.resolve("teleform-github.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("GITHUB_REPOSITORY", GithubWorkflow.REPOSITORY);
        builder.environment().put("GITHUB_RUN_ID", "1");
        builder.environment().put("GITHUB_SHA", "m9"); // main's newest: what compare measures a run's commit against
        builder.environment().put("GH_TOKEN", "ghs_test_token;actions=write;contents=read;issues=write;pull-requests=write");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Said(process.waitFor(), out);
    }

    /**
     * Pull request {@code pr}, its head {@code head} planned into main by run 1 (which ended in {@code conclusion},
     * keeping a plan file only on success), merged as {@code merge}.
     */
    private void mergedAfterPlanRun(int pr, String head, String merge, String conclusion) throws IOException {
        pullRequest(pr, head);
        updateIssue(pr, issue -> issue.put("state", "closed").put("merge_commit_sha", merge)
                .put("merged_at", "2026-12-01T00:00:00Z"));
        ArrayNode runs = JSON.createArrayNode();
        runs.addObject().put("id", 1).put("workflow", "teleform-plan.yml").put("event", "pull_request")
                .put("head_branch", "feature-" + pr).put("head_sha", head).put("conclusion", conclusion);
        Files.writeString(ghState.resolve("runs.json"), JSON.writeValueAsString(runs));
        Path planned = Files.createDirectories(dir.resolve("artifacts/1/teleform-plan-fleet"));
        if (conclusion.equals("success")) {
            Files.writeString(planned.resolve("teleform.plan"), "plan");
        }
        Files.writeString(planned.resolve("pull-request"), pr + "\n");
        Files.writeString(planned.resolve("base"), "main\n");
    }

    /** A git bundle of {@code refs/teleform/unpushed/fleet}, one commit, as a failed apply keeps it. */
    private void bundle(Path file) throws Exception {
        Path repo = Files.createTempDirectory(dir, "unpushed");
        for (List<String> command : List.of(List.of("init", "-q"),
                List.of("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "s"),
                List.of("update-ref", "refs/teleform/unpushed/fleet", "HEAD"),
                List.of("bundle", "create", file.toString(), "refs/teleform/unpushed/fleet"))) {
            List<String> git = new ArrayList<>(List.of("git", "-C", repo.toString()));
            git.addAll(command);
            Process process = new ProcessBuilder(git).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), git + ": " + out);
        }
    }

    /**
     * Installs, in place of Teleform's action, one that puts a stand-in {@code teleform} on PATH: it prints the files
     * {@code stdout} and {@code stderr} of the returned directory (or {@code stdout-SUB} and {@code stderr-SUB}, for
     * the subcommand SUB, {@code state-push} for {@code state push}), writes any {@code --out} file, notes its
     * arguments in {@code args} and exits with the number in {@code exit} (or {@code exit-SUB}).
     */
    private Path fakeTeleform() throws IOException {
        Path fake = Files.createDirectories(dir.resolve("fake"));
        Files.writeString(fake.resolve("stderr"), "");
        TestFiles.executable(fake.resolve("teleform"), """
                #!/usr/bin/env bash
                echo "$*" >> '%1$s/args'
                if [ "$1" = show ]; then echo '{"steps": []}'; exit 0; fi
                sub=$1; if [ "$1" = state ] || [ "$1" = lock ]; then sub="$1-$2"; fi
                exit='%1$s/exit'; err='%1$s/stderr'; out='%1$s/stdout'
                if [ -f "$exit-$sub" ]; then exit="$exit-$sub"; fi
                if [ -f "$err-$sub" ]; then err="$err-$sub"; fi
                if [ -f "$out-$sub" ]; then out="$out-$sub"; fi
                while [ $# -gt 0 ]; do if [ "$1" = --out ]; then echo plan > "$2"; fi; shift; done
                cat "$out"; cat "$err" >&2
                exit "$(cat "$exit")"
                """.formatted(fake));
        Path action = Files.createDirectories(dir.resolve("fake-action"));
        Files.writeString(action.resolve("action.yml"), """
                name: A stand-in Teleform
                inputs:
                  version: {required: true}
                  archive-url: {required: false, default: ""}
                runs:
                  using: composite
                  steps:
                    - name: Install the stand-in
                      shell: bash
                      run: echo '%s' >> "$GITHUB_PATH"
                """.formatted(fake));
        teleformAction = action;
        return fake;
    }

    /** {@link #fakeTeleform} that succeeds, printing nothing, unless a test says otherwise. */
    private Path succeedingFakeTeleform() throws IOException {
        Path fake = fakeTeleform();
        Files.writeString(fake.resolve("exit"), "0");
        Files.writeString(fake.resolve("stdout"), "");
        return fake;
    }

    private GithubWorkflow.Result fakePlan(int pr, String head) throws Exception {
        pullRequest(pr, head);
        checkout();
        return workflow("teleform-plan.yml").run(freshRunner(), workspace, new GithubWorkflow.Trigger("pull_request",
                head, "refs/pull/" + pr + "/merge", pullRequestEvent(pr, "main"), Map.of(), variables(), Map.of()));
    }

    /** A push of {@code sha} to main, applied with the stand-in teleform (no state remote, no Teleport). */
    private GithubWorkflow.Result fakePush(String sha) throws Exception {
        onMain(sha);
        return fakeApply("push", sha, Map.of());
    }

    /** The apply workflow on main at {@code sha}, started by {@code eventName}, with the stand-in teleform. */
    private GithubWorkflow.Result fakeApply(String eventName, String sha, Map<String, String> event) throws Exception {
        checkout();
        GithubWorkflow.Result result = workflow("teleform-apply.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger(eventName, sha, "refs/heads/main", event, Map.of(), variables(), Map.of()));
        recordRun("teleform-apply.yml", eventName, sha, result);
        return result;
    }

    private GithubWorkflow.Result fakeDrift(String sha) throws Exception {
        checkout();
        return workflow("teleform-drift.yml").run(freshRunner(), workspace, new GithubWorkflow.Trigger("schedule",
                sha, "refs/heads/main", Map.of(), Map.of(), variables(), Map.of()));
    }

    /** Changes a pull request makes to the fleet: {@code pattern} (a regex) in {@code file} becomes {@code to}. */
    private record Edit(String file, String pattern, String to) {
        static final Edit NEW_USER = literal("teams/search.yaml", "  roles: [developer]\n", """
                  roles: [developer]
                ---
                kind: user
                version: v2
                metadata:
                  name: frank
                cluster: search
                spec:
                  roles: [developer]
                """);
        static final Edit TYPO = literal("baseline.yaml", "    logins: [ubuntu]\n", "    loginz: [ubuntu]\n");
        static final Edit LEDGER_WRITER = literal("teams/payments.yaml", "    db_users: [readonly]\n",
                "    db_users: [readonly, writer]\n");
        static final Edit NO_ML_BASELINE = literal("baseline.yaml", "cluster: [payments, search, ml]\n",
                "cluster: [payments, search]\n");
        static final Edit NO_ML_USERS = new Edit("teams/ml.yaml", "kind: user\nversion: v2\nmetadata:\n  name: "
                + "(erin|grace)\ncluster: ml\nspec:\n  roles: \\[developer]\n---\n", "");
        static final Edit NO_ML_AUDITOR = literal("teams/ml.yaml", "cluster: [payments, search, ml]\n",
                "cluster: [payments, search]\n");
        static final Edit NO_ML_CLUSTER = new Edit("clusters.yaml", "(?s)---\nkind: workload_cluster\nversion: v1\n"
                + "metadata:\n  name: ml\n.*", "");

        static Edit literal(String file, String from, String to) {
            return new Edit(file, Pattern.quote(from), Matcher.quoteReplacement(to));
        }

        void applyTo(Path stack) throws IOException {
            Path target = stack.resolve(file);
            String text = Files.readString(target);
            if (!Pattern.compile(pattern).matcher(text).find()) {
                throw new AssertionError(this + ": " + file + " no longer matches " + pattern);
            }
            Files.writeString(target, text.replaceAll(pattern, to));
        }
    }

    // ---- GitHub: the events the test plays, and what the gh stub keeps ----

    private GithubWorkflow.Result plan(int pr, String head, Edit... edits) throws Exception {
        return plan(pr, "main", head, secrets(), edits);
    }

    private GithubWorkflow.Result plan(int pr, String head, Map<String, String> secrets, Edit... edits)
            throws Exception {
        return plan(pr, "main", head, secrets, edits);
    }

    /**
     * A push to pull request {@code pr} into {@code base} (its head is then {@code head}): the plan workflow's run
     * on it.
     */
    private GithubWorkflow.Result plan(int pr, String base, String head, Map<String, String> secrets, Edit... edits)
            throws Exception {
        pullRequest(pr, head, base);
        changedFiles(pr); // none of the files that plan it
        checkout(edits);
        GithubWorkflow.Result result = workflow("teleform-plan.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("pull_request", head, "refs/pull/" + pr + "/merge", pullRequestEvent(pr, base),
                        secrets, variables(), environments()));
        recordRun("teleform-plan.yml", "pull_request", head, result);
        return result;
    }

    /** The event's {@code pull_request} as the workflows read it: its number and its base branch. */
    private static Map<String, String> pullRequestEvent(int pr, String base) {
        return Map.of("pull_request.number", Integer.toString(pr), "pull_request.base.ref", base);
    }

    /** Pull request {@code pr} merged as commit {@code sha}, with the fleet as {@code edits} leave it. */
    private GithubWorkflow.Result merge(int pr, String sha, Edit... edits) throws Exception {
        updateIssue(pr, issue -> issue.put("state", "closed").put("merge_commit_sha", sha)
                .put("merged_at", "2026-12-01T00:00:00Z"));
        return push(sha, edits);
    }

    private GithubWorkflow.Result push(String sha, Edit... edits) throws Exception {
        onMain(sha);
        checkout(edits);
        GithubWorkflow.Result result = workflow("teleform-apply.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("push", sha, "refs/heads/main", Map.of(), secrets(), variables(),
                        environments()));
        recordRun("teleform-apply.yml", "push", sha, result);
        return result;
    }

    /** A maintainer (mona) runs the apply workflow by hand, approving the plan the stopped run {@code stopped} kept. */
    private GithubWorkflow.Result approve(GithubWorkflow.Result stopped, Edit... edits) throws Exception {
        return approve("mona", stopped, edits);
    }

    private GithubWorkflow.Result approve(String actor, GithubWorkflow.Result stopped, Edit... edits) throws Exception {
        checkout(edits);
        GithubWorkflow.Result result = workflow("teleform-apply.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("workflow_dispatch", stopped.sha(), "refs/heads/main",
                        Map.of("inputs.approve-run", Long.toString(stopped.runId()), "actor", actor), secrets(),
                        variables(), environments()));
        recordRun("teleform-apply.yml", "workflow_dispatch", stopped.sha(), result);
        return result;
    }

    private GithubWorkflow.Result drift(String sha, Edit... edits) throws Exception {
        checkout(edits);
        return workflow("teleform-drift.yml").run(freshRunner(), workspace, new GithubWorkflow.Trigger("schedule",
                sha, "refs/heads/main", Map.of(), secrets(), variables(), environments()));
    }

    /** The repository's secrets: the plan job's read-only state remote. */
    private Map<String, String> secrets() {
        return Map.of("TELEFORM_STATE_REMOTE_READONLY", readOnlyRemote);
    }

    /** The environment teleform-state, whose read-write state remote only main may deploy with. */
    private Map<String, GithubWorkflow.Environment> environments() {
        return Map.of("teleform-state", new GithubWorkflow.Environment(Set.of("refs/heads/main"),
                Map.of("TELEFORM_STATE_REMOTE", stateRemote)));
    }

    /**
     * The repository's variables the workflows read: where Teleport is, the AWS role the tokens allow, and the
     * Teleform release to install, from the archive this build made.
     */
    private static Map<String, String> variables() {
        return Map.of("TELEPORT_PROXY", "teleform-sim.teleport.sh:443", "TELEPORT_VERSION", "18.1.1",
                "TELEFORM_AWS_ROLE", APPLY_ROLE,
                "TELEFORM_JOIN_TOKEN", "teleform-ci", "TELEFORM_PLAN_JOIN_TOKEN", "teleform-plan",
                "TELEFORM_VERSION", VERSION, "TELEFORM_ARCHIVE_URL", ARCHIVE.toUri().toString());
    }

    /** A hosted runner with a tool cache of its own: a job on it installs Teleform from the archive. */
    private GithubWorkflow.Runner freshRunner() throws IOException {
        return new GithubWorkflow.Runner(dir.resolve("artifacts"), dir.resolve("bin"), dir.resolve("runs"),
                teleport == null ? dir : teleport.tctl().getParent(),
                Files.createDirectories(Files.createTempDirectory(toolCaches, "runner-")),
                Map.of("teleform/teleform", teleformAction),
                // the role the workload clusters' IAM join tokens allow trusts the apply environment's jobs only
                Map.of(APPLY_ROLE, "repo:" + GithubWorkflow.REPOSITORY + ":environment:teleform-state"));
    }

    private static GithubWorkflow workflow(String name) throws IOException {
        return GithubWorkflow.read(WORKFLOWS.resolve(name));
    }

    /**
     * A fresh checkout of the repository at the same path, with the pull request's edits; nothing survives. The
     * fleet's files are links in the repository, copied here as the files they point to.
     */
    private void checkout(Edit... edits) throws IOException {
        Path fleet = workspace.resolve("examples/ci/fleet");
        TestFiles.deleteTree(workspace);
        TestFiles.copyCheckedIn(PackagedCli.REPO.resolve("examples/ci"), workspace.resolve("examples/ci"));
        TestFiles.copyCheckedIn(PackagedCli.REPO.resolve("examples/invites"), workspace.resolve("examples/invites"));
        for (Edit edit : edits) {
            edit.applyTo(fleet);
        }
    }

    private void handEdit(String address, String assignment) throws Exception {
        CliRun edited = PackagedCli.run(teleport.stack(), "sim", "edit", address, "--set", assignment);
        assertEquals(0, edited.exit(), edited.err());
    }

    private State state(GitDaemon daemon) {
        return new GitStateStore(daemon.path("teleform-state.git"), "main", "fleet.json", "fleet",
                InstantSource.system()).read().get().state();
    }

    /** The plan workflow as pull request {@code pr} changed it ({@code change} of its text), run on the PR. */
    private GithubWorkflow.Result tamperedPlan(int pr, String head, java.util.function.UnaryOperator<String> change,
            Edit... edits) throws Exception {
        pullRequest(pr, head);
        changedFiles(pr, ".github/workflows/teleform-plan.yml");
        checkout(edits);
        String original = Files.readString(WORKFLOWS.resolve("teleform-plan.yml"));
        String changed = change.apply(original);
        assertNotEquals(original, changed, "the change applies");
        Path file = Files.writeString(dir.resolve("teleform-plan-" + head + ".yml"), changed);
        return GithubWorkflow.read(file).run(freshRunner(), workspace, new GithubWorkflow.Trigger("pull_request", head,
                "refs/pull/" + pr + "/merge", pullRequestEvent(pr, "main"), secrets(), variables(), environments()));
    }

    /**
     * Makes the state remote take {@code taken} more pushes to its branch and refuse the rest (the lock is not
     * refused) until the returned file is deleted.
     */
    private Path refuseStateWrites(GitDaemon daemon, int taken) throws IOException {
        Path flag = Files.writeString(dir.resolve("refuse-state-writes"), Integer.toString(taken));
        Path hook = daemon.path("teleform-state.git").resolve("hooks/pre-receive");
        Files.createDirectories(hook.getParent());
        TestFiles.executable(hook, """
                #!/bin/sh
                flag='%s'
                while read old new ref; do
                  if [ "$ref" = refs/heads/main ] && [ -e "$flag" ]; then
                    left=$(cat "$flag")
                    if [ "$left" -le 0 ]; then echo "state writes refused" >&2; exit 1; fi
                    echo $((left - 1)) > "$flag"
                  fi
                done
                """.formatted(flag));
        return flag;
    }

    private static String ledger(State state) {
        return state.get(Address.in(ResourceKind.ROLE, "ledger-db", "payments")).orElseThrow().toString();
    }

    /** Opens pull request {@code pr} into main by someone, or moves its head. */
    private void pullRequest(int pr, String head) throws IOException {
        pullRequest(pr, head, "main");
    }

    private void pullRequest(int pr, String head, String base) throws IOException {
        ArrayNode issues = issues();
        for (JsonNode issue : issues) {
            if (issue.path("number").asInt() == pr) {
                ((ObjectNode) issue.path("head")).put("sha", head);
                writeIssues(issues);
                return;
            }
        }
        ObjectNode opened = issues.addObject().put("number", pr).put("title", "PR " + pr).put("body", "")
                .put("state", "open");
        opened.putObject("pull_request");
        opened.putObject("head").put("sha", head);
        opened.putObject("base").put("ref", base);
        opened.putObject("user").put("login", "octocat");
        writeIssues(issues);
    }

    /**
     * {@code login} (a {@code type}, User or Bot) adds the label "teleform: allow destroy" to {@code pr}: the label
     * is on it, and its events end with that labelling.
     */
    private void label(int pr, String login, String type) throws IOException {
        updateIssue(pr, issue -> {
            if (!issue.path("labels").toString().contains("teleform: allow destroy")) {
                issue.putArray("labels").addObject().put("name", "teleform: allow destroy");
            }
        });
        Path file = ghState.resolve("events/" + pr + ".json");
        ArrayNode events = Files.exists(file) ? (ArrayNode) JSON.readTree(file.toFile()) : JSON.createArrayNode();
        ObjectNode labelled = events.addObject().put("event", "labeled");
        labelled.putObject("label").put("name", "teleform: allow destroy");
        labelled.putObject("actor").put("login", login).put("type", type);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(events));
    }

    /** Commit {@code sha} is main's newest: what the compare API says of it and of main's older commits. */
    private void onMain(String sha) throws IOException {
        Path file = ghState.resolve("main.txt");
        if (!Files.exists(file) || !Files.readAllLines(file).contains(sha)) {
            Files.writeString(file, sha + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** {@code login}, a member of the repository, approves commit {@code head} of pull request {@code pr}. */
    private void approveReview(int pr, String head, String login) throws IOException {
        Path file = ghState.resolve("reviews/" + pr + ".json");
        ArrayNode reviews = Files.exists(file) ? (ArrayNode) JSON.readTree(file.toFile()) : JSON.createArrayNode();
        ObjectNode review = reviews.addObject().put("state", "APPROVED").put("commit_id", head)
                .put("author_association", "MEMBER");
        review.putObject("user").put("login", login).put("type", "User");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(reviews));
    }

    /** Pull request {@code pr} changes {@code files}. */
    private void changedFiles(int pr, String... files) throws IOException {
        ArrayNode changed = JSON.createArrayNode();
        for (String file : files) {
            changed.addObject().put("filename", file);
        }
        Files.createDirectories(ghState.resolve("files"));
        Files.writeString(ghState.resolve("files/" + pr + ".json"), JSON.writeValueAsString(changed));
    }

    private void updateIssue(int number, java.util.function.Consumer<ObjectNode> change) throws IOException {
        ArrayNode issues = issues();
        issues.forEach(issue -> {
            if (issue.path("number").asInt() == number) {
                change.accept((ObjectNode) issue);
            }
        });
        writeIssues(issues);
    }

    private ArrayNode issues() throws IOException {
        Path file = ghState.resolve("issues.json");
        return Files.exists(file) ? (ArrayNode) JSON.readTree(file.toFile()) : JSON.createArrayNode();
    }

    private void writeIssues(ArrayNode issues) throws IOException {
        Files.writeString(ghState.resolve("issues.json"), JSON.writeValueAsString(issues));
    }

    /** The number of the one open issue with {@code marker}. */
    private int issueNumber(String marker) throws IOException {
        for (JsonNode issue : issues()) {
            if (!issue.has("pull_request") && issue.path("state").asString().equals("open")
                    && issue.path("body").asString().startsWith(marker)) {
                return issue.path("number").asInt();
            }
        }
        throw new AssertionError("no open issue with " + marker);
    }

    /** The bodies of the open issues github-actions[bot] opened with {@code marker}. */
    private List<String> issues(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        for (JsonNode issue : issues()) {
            if (!issue.has("pull_request") && issue.path("state").asString().equals("open")
                    && issue.path("user").path("login").asString().equals(BOT)
                    && issue.path("body").asString().contains(marker)) {
                found.add(issue.path("body").asString());
            }
        }
        return found;
    }

    /**
     * What the runs API finds: a run of {@code workflow}, the event that started it, its commit, its branch (a pull
     * request's runs are on the pull request's branch, the others on main) and how it ended.
     */
    private void recordRun(String workflow, String event, String head, GithubWorkflow.Result result)
            throws IOException {
        Path file = ghState.resolve("runs.json");
        ArrayNode runs = Files.exists(file) ? (ArrayNode) JSON.readTree(file.toFile()) : JSON.createArrayNode();
        ObjectNode run = runs.addObject().put("id", result.runId()).put("workflow", workflow).put("event", event)
                .put("head_branch", event.equals("pull_request") ? "feature-" + head : "main").put("head_sha", head)
                .put("conclusion", result.exit() == 0 ? "success" : "failure");
        run.putObject("triggering_actor").put("login", result.actor());
        Files.writeString(file, JSON.writeValueAsString(runs));
    }

    /**
     * An artifact named as the unpushed state, with {@code bundle}, uploaded by a pull request's plan run newer than
     * any run so far (the newest artifact is the one an apply looks at first); returns the run's id.
     */
    private long forgedArtifact(Path bundle) throws IOException {
        long run = 999_999;
        Path file = ghState.resolve("runs.json");
        ArrayNode runs = (ArrayNode) JSON.readTree(file.toFile());
        runs.addObject().put("id", run).put("workflow", "teleform-plan.yml").put("event", "pull_request")
                .put("head_branch", "feature-forged").put("head_sha", "x1").put("conclusion", "success");
        Files.writeString(file, JSON.writeValueAsString(runs));
        Path forged = Files.createDirectories(dir.resolve("artifacts/" + run + "/teleform-unpushed-state-fleet"));
        Files.copy(bundle, forged.resolve("state.bundle"));
        return run;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The comments on pull request {@code pr}, oldest first. */
    private List<JsonNode> comments(int pr) throws IOException {
        Path file = ghState.resolve("comments/" + pr + ".json");
        List<JsonNode> comments = new ArrayList<>();
        if (Files.exists(file)) {
            JSON.readTree(file.toFile()).forEach(comments::add);
        }
        return comments;
    }

    /** The one comment of github-actions[bot] on {@code pr} whose first line is {@code marker}. */
    private String comment(int pr, String marker) throws IOException {
        List<String> bodies = comments(pr).stream().filter(c -> c.path("user").path("login").asString().equals(BOT))
                .map(c -> c.path("body").asString()).filter(body -> body.startsWith(marker + "\n")).toList();
        assertEquals(1, bodies.size(), "comments with " + marker + " on #" + pr + ": " + bodies);
        return bodies.getFirst();
    }
}
