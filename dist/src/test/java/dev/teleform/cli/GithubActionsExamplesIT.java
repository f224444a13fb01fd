package dev.teleform.cli;

import dev.teleform.engine.addr.ResourceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.State;
import dev.teleform.engine.testing.GitDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The workflows in {@code examples/ci/github-actions}, their shell steps run as GitHub would (see
 * {@link GithubWorkflow}) against {@code examples/fleet} with {@code provider: teleport}: the tctl and tbot
 * that {@code teleport-actions/setup} installs are the simulator's stand-ins, and Teleform reaches the parent as
 * the Machine ID bot of {@code spec.parent.join} (github), which the stand-in lets in only because the workflows
 * grant {@code id-token: write}. The parent requires MFA for admin actions, as a Teleport Cloud tenant may: no
 * person's identity could apply here. State is shared through a git daemon and every run is in a fresh
 * checkout, as on hosted runners. Only Teleport (the stand-ins' simulator) and the state remote outlive a run.
 * Teleform is what the jobs install with the repository's own action ({@code action.yml}, used as
 * {@code teleform/teleform@v1}) from the release archive this build made ({@code vars.TELEFORM_ARCHIVE_URL},
 * a file URL), each job into its own empty tool cache, as on a hosted runner.
 */
@ResourceLock(GitDaemon.PORTS)
class GithubActionsExamplesIT {

    private static final Path WORKFLOWS = PackagedCli.REPO.resolve("examples/ci/github-actions");
    private static final String VERSION = System.getProperty("teleform.version", "");
    private static final Path ARCHIVE = Path.of(System.getProperty("teleform.archive", "")).toAbsolutePath();

    @TempDir
    Path dir;

    private StandIns teleport;
    private Path ghState;
    private Path workspace;
    private String stateRemote;
    private final Map<Long, String> plannedCommits = new HashMap<>();
    private Path toolCaches;

    @BeforeEach
    void machine() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        ghState = Files.createDirectories(dir.resolve("github"));
        TestFiles.executable(bin.resolve("gh"), GH_STUB.replace("@STATE@", ghState.toString()));
        // Teleport Cloud: the stand-ins' simulator, whose IAM joins present the role the fleet's tokens allow
        teleport = StandIns.create(Files.createDirectories(dir.resolve("teleport-cloud")),
                "arn:aws:iam::123456789012:role/teleform-ci", StandIns.Provisioning.SECOND_READ);
        CliRun mfa = PackagedCli.run(teleport.stack(), "sim", "admin-mfa", "on");
        assertEquals(0, mfa.exit(), mfa.err());
        Files.createDirectories(dir.resolve("artifacts"));
        Files.createDirectories(dir.resolve("runs"));
        toolCaches = Files.createDirectories(dir.resolve("tool-caches"));
        workspace = dir.resolve("work/access/access"); // the same path on every run, as on hosted runners
    }

    @Test
    void pullRequestsArePlannedAndCommentedMergesApplyTheReviewedPlanAndNightlyRunsCatchDrift() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"))) {
            stateRemote = daemon.newRepository("teleform-state.git");

            // PR 7 brings the fleet: its plan is commented and kept
            GithubWorkflow.Result plan7 = plan(7, "a1");
            assertEquals(0, plan7.exit(), plan7.log());
            assertTrue(plan7.log().contains("## teleform/teleform@v1 / Install Teleform\nteleform " + VERSION + "\n"),
                    "the action installed the archive and printed its version:\n" + plan7.log());
            assertEquals("2", plan7.outputs().get("plan").get("exitcode"), "changes present");
            String comment = comment(7, 1);
            assertTrue(comment.contains("workload_cluster/payments") && comment.contains("role/developer@ml"), comment);
            assertEquals(comment, plan7.summary(), "the same markdown goes to the run summary");

            GithubWorkflow.Result merge7 = apply("m1", plan7);
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
            assertEquals(0, drift("n1").exit(), "nothing changed outside Teleform");

            // PRs 8 and 9 are reviewed against the same main; 8 merges first, so 9's plan is stale
            GithubWorkflow.Result plan8 = plan(8, "b1", Edit.LONGER_SESSIONS);
            GithubWorkflow.Result plan9 = plan(9, "c1", Edit.NEW_USER);
            assertEquals(0, plan8.exit(), plan8.log());
            assertEquals(0, plan9.exit(), plan9.log());
            assertTrue(comment(8, 1).contains("role/developer@search"), comment(8, 1));
            assertTrue(comment(9, 1).contains("user/frank@search"), comment(9, 1));
            assertEquals(0, apply("m2", plan8, Edit.LONGER_SESSIONS).exit());
            GithubWorkflow.Result stale = apply("m3", plan9, Edit.LONGER_SESSIONS, Edit.NEW_USER);
            assertEquals(1, stale.exit(), stale.log());
            assertTrue(stale.log().contains("the saved plan is stale: state was written since"), stale.log());

            // PR 9 updated with main: a new plan (the same comment, edited) and its merge applies
            GithubWorkflow.Result replanned = plan(9, "c2", Edit.LONGER_SESSIONS, Edit.NEW_USER);
            assertTrue(Files.notExists(ghState.resolve("comments/9/2")), "the comment is edited, not repeated");
            assertFalse(comment(9, 1).contains("role/developer@search"), "PR 9 now plans only its own change");
            assertEquals(0, apply("m4", replanned, Edit.LONGER_SESSIONS, Edit.NEW_USER).exit());

            // a broken stack: the comment shows the error with its place; the check fails
            GithubWorkflow.Result broken = plan(10, "d1", Edit.LONGER_SESSIONS, Edit.NEW_USER, Edit.TYPO);
            assertEquals(1, broken.exit());
            assertTrue(comment(10, 1).contains("baseline.yaml:14:5: error: spec.allow.loginz: unknown field"),
                    comment(10, 1));

            // someone changes a role by hand: the nightly run fails and names the field
            CliRun edited = PackagedCli.run(teleport.stack(), "sim", "edit", "role/oncall@ml",
                    "--set", "spec.options.max_session_ttl=12h");
            assertEquals(0, edited.exit(), edited.err());
            GithubWorkflow.Result drift = drift("n2", Edit.LONGER_SESSIONS, Edit.NEW_USER);
            assertEquals(2, drift.exit(), drift.log());
            assertTrue(drift.summary().contains("role/oncall@ml") && drift.summary().contains("max_session_ttl"),
                    drift.summary());
            assertTrue(drift.log().contains("::error title=Drift::"), drift.log());

            // what the next runner reads: everything the three applies did
            State shared = new GitStateStore(daemon.path("teleform-state.git"), "main", "fleet.json", "fleet",
                    InstantSource.system()).read().get().state();
            assertEquals(20, shared.resources().size(), shared.resources().keySet()::toString);
            assertTrue(shared.get(Address.in(ResourceKind.USER, "frank", "search")).isPresent());

            // every run reached the parent as the bot tbot joined with the job's ID token, which no log shows
            String calls = PackagedCli.run(teleport.stack(), "sim", "status").out();
            assertTrue(calls.contains("join_parent"), calls);
            for (GithubWorkflow.Result run : List.of(plan7, merge7, replanned, drift)) {
                assertFalse(run.log().contains("id-token-request-" + run.runId()), "the ID token request was printed");
            }
        }
    }

    /** A hosted runner with a tool cache of its own: a job on it installs Teleform from the archive. */
    private GithubWorkflow.Runner runner(Path toolCache) throws IOException {
        return new GithubWorkflow.Runner(dir.resolve("artifacts"), dir.resolve("bin"), dir.resolve("runs"),
                teleport.tctl().getParent(), Files.createDirectories(toolCache),
                Map.of("teleform/teleform", PackagedCli.REPO));
    }

    /** Changes a pull request makes to the fleet. */
    private enum Edit {
        LONGER_SESSIONS("baseline.yaml", "    max_session_ttl: 8h\n", "    max_session_ttl: 12h\n"),
        NEW_USER("teams/search.yaml", "  roles: [developer]\n", """
                  roles: [developer]
                ---
                kind: user
                version: v2
                metadata:
                  name: frank
                cluster: search
                spec:
                  roles: [developer]
                """),
        TYPO("baseline.yaml", "    logins: [ubuntu]\n", "    loginz: [ubuntu]\n");

        final String file;
        final String from;
        final String to;

        Edit(String file, String from, String to) {
            this.file = file;
            this.from = from;
            this.to = to;
        }

        void applyTo(Path stack) throws IOException {
            Path target = stack.resolve(file);
            String text = Files.readString(target);
            if (!text.contains(from)) {
                throw new AssertionError(this + ": " + file + " no longer holds " + from);
            }
            Files.writeString(target, text.replaceFirst(java.util.regex.Pattern.quote(from),
                    java.util.regex.Matcher.quoteReplacement(to)));
        }
    }

    private GithubWorkflow.Result plan(int pr, String sha, Edit... edits) throws Exception {
        checkout(edits);
        GithubWorkflow.Result result = workflow("teleform-plan.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("pull_request", sha, Map.of("pull_request.number", Integer.toString(pr)),
                        secrets(), variables()));
        if (result.exit() == 0) { // what `gh run list --status success` finds
            Files.writeString(Files.createDirectories(ghState.resolve("runs")).resolve("teleform-plan.yml@" + sha),
                    result.runId() + "\n");
            plannedCommits.put(result.runId(), sha);
        }
        return result;
    }

    /** The push of merge commit {@code sha}, made from the pull request whose plan run was {@code reviewed}. */
    private GithubWorkflow.Result apply(String sha, GithubWorkflow.Result reviewed, Edit... edits) throws Exception {
        String head = plannedCommits.get(reviewed.runId());
        Files.writeString(Files.createDirectories(ghState.resolve("pulls")).resolve(sha), head + "\n");
        checkout(edits);
        return workflow("teleform-apply.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("push", sha, Map.of(), secrets(), variables()));
    }

    private GithubWorkflow.Result drift(String sha, Edit... edits) throws Exception {
        checkout(edits);
        return workflow("teleform-drift.yml").run(freshRunner(), workspace,
                new GithubWorkflow.Trigger("schedule", sha, Map.of(), secrets(), variables()));
    }

    private GithubWorkflow.Runner freshRunner() throws IOException {
        return runner(Files.createTempDirectory(toolCaches, "runner-"));
    }

    private Map<String, String> secrets() {
        return Map.of("TELEFORM_STATE_REMOTE", stateRemote);
    }

    /**
     * The repository's variables the workflows read: where Teleport is, the AWS role the tokens allow, and the
     * Teleform release to install, from the archive this build made.
     */
    private static Map<String, String> variables() {
        return Map.of("TELEPORT_PROXY", "teleform-sim.teleport.sh:443", "TELEPORT_VERSION", "18.1.1",
                "TELEFORM_AWS_ROLE", "arn:aws:iam::123456789012:role/teleform-ci", "TELEFORM_VERSION", VERSION,
                "TELEFORM_ARCHIVE_URL", ARCHIVE.toUri().toString());
    }

    private static GithubWorkflow workflow(String name) throws IOException {
        return GithubWorkflow.read(WORKFLOWS.resolve(name));
    }

    /** A fresh checkout of the repository at the same path, with the pull request's edits; nothing survives. */
    private void checkout(Edit... edits) throws IOException {
        Path fleet = workspace.resolve("examples/fleet");
        TestFiles.deleteTree(workspace);
        TestFiles.copyCheckedIn(PackagedCli.REPO.resolve("examples/fleet"), fleet);
        TestFiles.copyCheckedIn(PackagedCli.REPO.resolve("examples/invites"), workspace.resolve("examples/invites"));
        for (Edit edit : edits) {
            edit.applyTo(fleet);
        }
    }

    private String comment(int pr, int number) throws IOException {
        return Files.readString(ghState.resolve("comments/" + pr + "/" + number));
    }


    /**
     * The GitHub CLI as far as the workflows use it: {@code pr comment} (with {@code --edit-last},
     * which fails when there is no comment yet, as gh does), and the two look-ups the apply workflow
     * makes, answered from files the test writes. Its {@code --jq} filters are not run: the stub
     * prints what they would print.
     */
    private static final String GH_STUB = """
            #!/usr/bin/env bash
            set -euo pipefail
            state='@STATE@'
            printf '%s\\n' "$*" >> "$state/calls.log"
            case "$1 $2" in
              "pr comment")
                pr=$3; shift 3; edit=no; body=
                while [ $# -gt 0 ]; do
                  case "$1" in --edit-last) edit=yes ;; --body-file) body=$2; shift ;; esac
                  shift
                done
                dir="$state/comments/$pr"; mkdir -p "$dir"
                last=$(ls "$dir" | sort -n | tail -n 1)
                if [ "$edit" = yes ]; then
                  if [ -z "$last" ]; then echo "no comments found for current user" >&2; exit 1; fi
                  cp "$body" "$dir/$last"
                else
                  cp "$body" "$dir/$(( ${last:-0} + 1 ))"
                fi ;;
              "api repos/"*)
                sha=${2#*/commits/}; sha=${sha%/pulls}
                cat "$state/pulls/$sha" 2>/dev/null || true ;;
              "run list")
                shift 2; workflow=; commit=
                while [ $# -gt 0 ]; do
                  case "$1" in --workflow) workflow=$2; shift ;; --commit) commit=$2; shift ;; esac
                  shift
                done
                cat "$state/runs/$workflow@$commit" 2>/dev/null || true ;;
              *) echo "gh stub: not modelled: $*" >&2; exit 1 ;;
            esac
            """;
}
