package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * After plan, apply with invites, a new invite and destroy: no invite token and no identity material
 * is in the state repository's history (every commit and blob), the saved plan, or anything printed.
 */
// It checks that this JVM left no bot identity directory in the temporary directory (they are named by its pid):
// a class beside it in the same JVM may hold one for a run under way.
@Isolated
class SecretsScanTest {

    @TempDir
    Path dir;

    @Test
    void noInviteTokenOrIdentityIsStoredOrPrinted() throws IOException {
        CliRun.copyQuickstart(dir, true);
        List<String> printed = new ArrayList<>();
        Path plan = dir.resolve("plan.json");
        Path invites = dir.resolve("invites.jsonl");
        Path again = dir.resolve("again.jsonl");
        for (CliRun run : List.of(
                CliRun.of("plan", dir.toString(), "--out", plan.toString()),
                CliRun.of("apply", plan.toString(), "--invites-out", invites.toString(), "--json-events"),
                CliRun.of("invite", "user/example@child", dir.toString(), "--out", again.toString()),
                CliRun.of("state", "show", "user/example@child", dir.toString()),
                CliRun.of("destroy", dir.toString(), "--auto-approve", "--allow-destroy"))) {
            assertEquals(0, run.exit(), run.err());
            printed.add(run.out());
            printed.add(run.err());
        }
        List<String> secrets = new ArrayList<>();
        Matcher token = Pattern.compile("/web/(?:invite|reset)/([0-9a-f]+)").matcher(Files.readString(invites) + Files.readString(again));
        while (token.find()) {
            secrets.add(token.group(1));
        }
        assertEquals(2, secrets.size(), "both links were delivered to their files");
        secrets.add("teleform-simulator-identity");
        List<String> stored = new ArrayList<>(printed);
        stored.add(Files.readString(plan));
        stored.addAll(stateHistory(dir.resolve(".teleform/state.git")));
        for (String secret : secrets) {
            for (String text : stored) {
                assertFalse(text.contains(secret), "found " + secret + " in:\n" + text);
            }
        }
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(tmp.noneMatch(p -> p.getFileName().toString().startsWith("teleform-sim-credentials-"
                    + ProcessHandle.current().pid() + "-")), "bot identity directories are removed");
        }
    }

    /** Every commit message and every blob of every commit reachable from any ref (state and locks). */
    static List<String> stateHistory(Path repo) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repo.toFile()).build();
                RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                walk.markStart(walk.parseCommit(ref.getObjectId()));
            }
            for (RevCommit commit : walk) {
                texts.add(commit.getFullMessage());
                try (TreeWalk tree = new TreeWalk(repository)) {
                    tree.addTree(commit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        texts.add(new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertFalse(texts.isEmpty());
        return texts;
    }
}
