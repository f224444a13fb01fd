package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.state.GitLocks;
import dev.teleform.engine.state.LockOutcome;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.testing.GitDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Two checkouts of one stack (two CI runners) share state and its lock through spec.state.remote. */
@ResourceLock(GitDaemon.PORTS)
class RemoteStateTest {

    @TempDir
    Path dir;

    private Path checkout(String name, String url) throws Exception {
        Path stack = Files.createDirectories(dir.resolve(name));
        CliRun.copyQuickstart(stack, true);
        Path stackFile = stack.resolve("stack.yaml");
        Files.writeString(stackFile, Files.readString(stackFile)
                .replace("    repo: .teleform/state.git", "    repo: .teleform/state.git\n    remote: " + url)
                .replace("dir: .teleform/sim", "dir: " + dir.resolve("teleport"))); // one Teleport for both
        return stack;
    }

    @Test
    void twoCheckoutsShareStateAndTheLock() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"))) {
            String url = daemon.newRepository("state.git");
            Path first = checkout("runner-a", url);
            Path second = checkout("runner-b", url);

            CliRun apply = CliRun.of("apply", first.toString(), "--auto-approve", "--invites-out",
                    dir.resolve("invites.jsonl").toString());
            assertEquals(0, apply.exit(), apply.err());
            CliRun plan = CliRun.of("plan", second.toString(), "--detailed-exitcode");
            assertEquals(0, plan.exit(), "the other runner sees the same state: " + plan.out() + plan.err());
            assertEquals(4, CliRun.of("state", "list", second.toString()).out().lines().count());

            GitLocks elsewhere = GitLocks.shared(dir.resolve("runner-c/state.git"), "quickstart", InstantSource.system(),
                    url);
            try (StateLock held = ((LockOutcome.Acquired) elsewhere.acquire("apply")).lock()) {
                CliRun locked = CliRun.of("apply", second.toString(), "--auto-approve");
                assertEquals(3, locked.exit(), locked.err());
                assertTrue(locked.err().contains("the stack is locked: apply by"), locked.err());
            }
            assertEquals(0, CliRun.of("apply", second.toString(), "--auto-approve").exit(), "released");
        }
    }

    /**
     * CI hands each job a fresh, short-lived token in the remote's URL: the plan reviewed on the pull request and the
     * apply after the merge read the same repository through different URLs.
     */
    @Test
    void aSavedPlanAppliesThroughAnotherUrlOfTheSameRepositoryButNotWithAnotherValue() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"))) {
            String url = daemon.newRepository("state.git");
            Path stack = checkout("runner", "\"${env:TELEFORM_STATE_REMOTE}\"");
            Path stackFile = stack.resolve("stack.yaml");
            Files.writeString(stackFile, Files.readString(stackFile).replace("  state:\n", "  environment:\n"
                    + "    - {name: TELEFORM_STATE_REMOTE, sensitive: true}\n    - LOGIN\n  state:\n"));
            Path roles = stack.resolve("roles.yaml");
            Files.writeString(roles, Files.readString(roles).replace("logins: [ubuntu]", "logins: [\"${env:LOGIN}\"]"));
            Path plan = dir.resolve("plan.json");
            String otherUrl = daemon.path("state.git").toUri().toString(); // file:///…/state.git

            CliRun planned = CliRun.in(Map.of("TELEFORM_STATE_REMOTE", url, "LOGIN", "ubuntu"), "plan", stack.toString(),
                    "--out", plan.toString());
            assertEquals(0, planned.exit(), planned.err());
            CliRun stale = CliRun.in(Map.of("TELEFORM_STATE_REMOTE", otherUrl, "LOGIN", "root"), "apply",
                    plan.toString());
            assertEquals(1, stale.exit(), stale.err());
            assertTrue(stale.err().contains("the saved plan is stale: the stack's files changed since"), stale.err());
            CliRun applied = CliRun.in(Map.of("TELEFORM_STATE_REMOTE", otherUrl, "LOGIN", "ubuntu"), "apply",
                    plan.toString(), "--invites-out", dir.resolve("invites.jsonl").toString());
            assertEquals(0, applied.exit(), applied.out() + applied.err());
            assertEquals(4, CliRun.in(Map.of("TELEFORM_STATE_REMOTE", url, "LOGIN", "ubuntu"), "state", "list",
                    stack.toString()).out().lines().count(), "written to the one repository");
        }
    }

    @Test
    void anUnreachableRemoteIsNamedAndNothingIsWritten() throws Exception {
        Path stack = checkout("unreachable", "git://127.0.0.1:1/state.git");
        CliRun run = CliRun.of("apply", stack.toString(), "--auto-approve");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("state remote git://127.0.0.1:1/state.git"), run.err());
        assertTrue(Files.notExists(dir.resolve("teleport/clusters/child")), "Teleport was not touched");
    }

    @Test
    void credentialsInTheRemoteUrlAreNeverPrinted() throws Exception {
        List<String> urls = List.of("http://user:s3cret@127.0.0.1:1/nothing.git", "https://s3cret@127.0.0.1:1/nothing.git");
        for (int i = 0; i < urls.size(); i++) {
            String stack = checkout("credentials-" + i, urls.get(i)).toString();
            for (List<String> args : List.of(List.of("plan", stack), List.of("apply", stack, "--auto-approve"),
                    List.of("state", "list", stack, "--debug"))) {
                CliRun run = CliRun.of(args.toArray(String[]::new));
                String printed = run.out() + run.err();
                assertEquals(1, run.exit(), printed);
                assertFalse(printed.contains("s3cret"), args + " with " + urls.get(i) + " printed: " + printed);
                assertTrue(printed.contains("://***@127.0.0.1:1/nothing.git"), printed);
            }
        }
    }

    /**
     * A runner whose state push failed leaves the commit in its cache; another runner given that cache (as a CI
     * artifact, which keeps files but not empty directories) pushes it with {@code state push}, only where it was
     * made: never over state written since.
     */
    @Test
    void stateThatCouldNotBePushedIsPushedLaterFromAnotherCheckoutAndNeverOverNewerState() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"))) {
            String url = daemon.newRepository("state.git");
            Path refuse = dir.resolve("refuse-state-writes");
            Path hook = daemon.path("state.git").resolve("hooks/pre-receive");
            Files.createDirectories(hook.getParent());
            Files.writeString(hook, """
                    #!/bin/sh
                    while read old new ref; do
                      if [ "$ref" = refs/heads/main ] && [ -e '%s' ]; then echo "state writes refused" >&2; exit 1; fi
                    done
                    """.formatted(refuse));
            hook.toFile().setExecutable(true);
            Path first = checkout("runner-a", url);
            Files.createFile(refuse);
            CliRun failed = CliRun.of("apply", first.toString(), "--auto-approve", "--invites-out",
                    dir.resolve("invites.jsonl").toString());
            assertEquals(1, failed.exit(), failed.err());
            assertTrue(failed.err().contains("refs/teleform/unpushed/quickstart"), failed.err());
            Files.delete(refuse);

            Path second = checkout("runner-b", url);
            Path third = checkout("runner-c", url);
            copyFiles(first.resolve(".teleform/state.git"), second.resolve(".teleform/state.git"));
            copyFiles(first.resolve(".teleform/state.git"), third.resolve(".teleform/state.git"));
            CliRun pushed = CliRun.of("state", "push", second.toString());
            assertEquals(0, pushed.exit(), pushed.err());
            assertEquals("Pushed the state an earlier run could not push.\n", pushed.err());
            String pushedCommit = CliRun.of("state", "history", second.toString()).out().substring(0, 12);
            assertTrue(failed.err().contains("the new state is kept locally as commit " + pushedCommit), failed.err());
            assertEquals("user/example@child\n", CliRun.of("state", "list", first.toString()).out(),
                    "the other runner reads what the failed run wrote (its invite's intent)");
            assertEquals("No unpushed state: nothing to push.\n", CliRun.of("state", "push", second.toString()).err());
            assertEquals("The unpushed state is in the state remote already: nothing to push.\n",
                    CliRun.of("state", "push", third.toString()).err());

            // a commit made on a state that has moved on since is never pushed over it
            Path fourth = checkout("runner-d", url);
            Files.createFile(refuse);
            CliRun stuck = CliRun.of("state", "rm", "user/example@child", second.toString());
            assertEquals(1, stuck.exit(), stuck.err());
            Files.delete(refuse);
            copyFiles(second.resolve(".teleform/state.git"), fourth.resolve(".teleform/state.git"));
            assertEquals(0, CliRun.of("state", "rm", "user/example@child", third.toString()).exit());
            String remoteHead = CliRun.of("state", "history", third.toString()).out().lines().findFirst().orElseThrow();
            CliRun refused = CliRun.of("state", "push", fourth.toString());
            assertEquals(5, refused.exit(), "can never be pushed, unlike a remote out of reach (1): " + refused.err());
            assertTrue(refused.err().contains("was written since the unpushed commit"), refused.err());
            assertTrue(refused.err().contains("Nothing was pushed: plan again (teleform plan " + fourth + "): what the "
                    + "unpushed run did is in Teleport, and the plan adopts what matches the stack; 'teleform import "
                    + "ADDR " + fourth + "' the rest"), refused.err());
            assertEquals(remoteHead, CliRun.of("state", "history", third.toString()).out().lines().findFirst()
                    .orElseThrow(), "the remote keeps the newer state");
        }
    }

    @Test
    void anUnpushedCommitThatIsNotThisStacksNextWriteIsNeverPushed() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"))) {
            String url = daemon.newRepository("state.git");
            Path runner = checkout("runner-a", url);
            CliRun applied = CliRun.of("apply", runner.toString(), "--auto-approve", "--invites-out",
                    dir.resolve("invites.jsonl").toString());
            assertEquals(0, applied.exit(), applied.err());
            // a carried cache (a CI artifact anyone could name alike) holding a commit on the remote's head whose
            // state is of another lineage: pushing it would put foreign state over the stack's
            try (Repository repository = new FileRepositoryBuilder()
                    .setGitDir(runner.resolve(".teleform/state.git").toFile()).build();
                    RevWalk walk = new RevWalk(repository);
                    ObjectInserter inserter = repository.newObjectInserter()) {
                Ref head = repository.getRefDatabase().getRefsByPrefix("refs/heads/").getFirst();
                RevCommit commit = walk.parseCommit(head.getObjectId());
                TreeWalk tree = new TreeWalk(repository);
                tree.addTree(commit.getTree());
                assertTrue(tree.next(), "the state file");
                String name = tree.getPathString();
                String state = new String(repository.open(tree.getObjectId(0)).getBytes(),
                        StandardCharsets.UTF_8);
                String lineage = state.replaceAll("(?s).*\"lineage\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                String forged = state.replace(lineage, "00000000-0000-0000-0000-000000000000")
                        .replaceFirst("\"serial\"\\s*:\\s*(\\d+)", "\"serial\": 999");
                DirCache index = DirCache.newInCore();
                DirCacheBuilder builder = index.builder();
                DirCacheEntry entry = new DirCacheEntry(name);
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB,
                        forged.getBytes(StandardCharsets.UTF_8)));
                builder.add(entry);
                builder.finish();
                CommitBuilder forgedCommit = new CommitBuilder();
                forgedCommit.setTreeId(index.writeTree(inserter));
                forgedCommit.setParentId(commit);
                forgedCommit.setAuthor(commit.getAuthorIdent());
                forgedCommit.setCommitter(commit.getCommitterIdent());
                forgedCommit.setMessage("not teleform's");
                ObjectId id = inserter.insert(forgedCommit);
                inserter.flush();
                RefUpdate kept = repository.updateRef("refs/teleform/unpushed/quickstart");
                kept.setNewObjectId(id);
                kept.setForceUpdate(true);
                kept.update();
            }
            String before = CliRun.of("state", "history", runner.toString()).out();
            CliRun refused = CliRun.of("state", "push", runner.toString());
            assertEquals(5, refused.exit(), "can never be pushed: " + refused.err());
            assertTrue(refused.err().contains("is not state this stack wrote on"), refused.err());
            assertTrue(refused.err().contains("is not the remote's"), refused.err());
            assertEquals(before, CliRun.of("state", "history", runner.toString()).out(), "nothing was pushed");
        }
    }

    /** The regular files below {@code from}, as an artifact upload and download carries them. */
    private static void copyFiles(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
