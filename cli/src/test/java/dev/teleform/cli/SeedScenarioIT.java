package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's manual workflow, run by the packaged CLI as separate processes against the simulator,
 * one command after another as a platform engineer would: create the workload cluster, wait until it is
 * active, join as its bot, create a role and a user with an invite; then take the user out of the stack
 * (refused: the cloud bot may not delete users, and the message names the way out), follow the remedy
 * with {@code state rm}, and destroy, which needs {@code --allow-destroy}.
 */
class SeedScenarioIT {

    @TempDir
    Path dir;

    private final List<CliRun> runs = new ArrayList<>();

    private CliRun teleform(String... args) throws IOException, InterruptedException {
        CliRun run = PackagedCli.run(dir, args);
        runs.add(run);
        return run;
    }

    private static void assertExit(int expected, CliRun run) {
        assertEquals(expected, run.exit(), () -> "--- stdout\n" + run.out() + "--- stderr\n" + run.err());
    }

    @Test
    void createWaitBootstrapInviteThenRemoveByStateRmAndDestroy() throws Exception {
        try (var files = Files.list(PackagedCli.REPO.resolve("examples/quickstart"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.writeString(dir.resolve(file.getFileName()), Files.readString(file)
                        .replace("provisioning_delay: 5s", "provisioning_delay: 2s"));
            }
        }

        CliRun apply = teleform("apply", "--auto-approve", "--invites-out", "invites.jsonl");
        assertExit(0, apply);
        for (String line : List.of("workload_cluster/child: created", "workload_cluster/child: waiting until active...",
                "workload_cluster/child: active", "workload_cluster/child: joined", "role/example@child: created",
                "user/example@child: created", "invite for user/example@child: invite created",
                "appended 1 invite link to " + dir.resolve("invites.jsonl") + " (mode 0600)", "Apply complete: 4 created, 1 invited.")) {
            assertTrue(apply.out().contains(line), () -> "no \"" + line + "\" in:\n" + apply.out());
        }
        Path invites = dir.resolve("invites.jsonl");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(invites)));
        String link = Files.readString(invites);
        assertTrue(link.startsWith("{\"address\":\"user/example@child\",\"url\":\"https://child.teleport.sh:443/web/invite/"),
                link);
        Matcher token = Pattern.compile("/web/invite/([0-9a-f]+)").matcher(link);
        assertTrue(token.find(), link);

        CliRun again = teleform("apply", "--auto-approve");
        assertExit(0, again);
        assertTrue(again.out().contains("No changes."), again.out());

        Files.delete(dir.resolve("users.yaml"));
        CliRun refused = teleform("plan", "--detailed-exitcode");
        assertExit(1, refused);
        assertTrue(refused.err().contains("user/example@child: the identity used for workload cluster child (bot "
                + "example-iam) may not delete users. Either stop managing it without deleting it ('teleform state rm "
                + "user/example@child')"), refused.err());
        assertExit(1, teleform("apply", "--auto-approve"));

        CliRun rm = teleform("state", "rm", "user/example@child");
        assertExit(0, rm);
        assertExit(0, teleform("plan", "--detailed-exitcode"));
        assertExit(0, teleform("sim", "get", "user/example@child"));

        CliRun withoutPermission = teleform("destroy", "--auto-approve");
        assertExit(1, withoutPermission);
        assertTrue(withoutPermission.err().contains("run again with --allow-destroy"), withoutPermission.err());
        assertEquals("role/workload-cluster-editor\nworkload_cluster/child\nrole/example@child\n",
                teleform("state", "list").out(), "a refused destroy changes nothing");

        CliRun destroy = teleform("destroy", "--auto-approve", "--allow-destroy");
        assertExit(0, destroy);
        assertTrue(destroy.out().contains("Apply complete: 2 deleted."), destroy.out());
        assertTrue(destroy.out().contains("restorable for Teleport Cloud's grace period (14–15 days)"), destroy.out());
        assertEquals("", teleform("state", "list").out());
        CliRun status = teleform("sim", "status");
        assertTrue(status.out().contains("deleted: child at ") && status.out().contains("restorable until "),
                status.out());
        assertTrue(lastStateCommit().contains("\nworkload_cluster/child deleted at "), lastStateCommit());
        assertFalse(lastStateCommit().contains("until"), "no deadline of our own in state: " + lastStateCommit());
        assertExit(1, teleform("sim", "get", "user/example@child"));

        for (CliRun run : runs) {
            assertFalse(run.out().contains(token.group(1)) || run.err().contains(token.group(1)),
                    "the invite token was printed");
        }
    }

    private String lastStateCommit() throws IOException {
        try (Git git = Git.open(dir.resolve(".teleform/state.git").toFile())) {
            RevCommit last = git.log().setMaxCount(1).call().iterator().next();
            return last.getFullMessage();
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IOException(e);
        }
    }
}
