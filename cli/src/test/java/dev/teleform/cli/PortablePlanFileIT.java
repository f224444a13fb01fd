package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan made in one checkout applies in another at a different path, as on CI runners that give every run its own
 * directory: the plan file names its stack from the repository root, and still refuses a stack whose files changed.
 */
class PortablePlanFileIT {

    @TempDir
    Path dir;

    @Test
    void aPlanMadeInOneCheckoutAppliesInAnotherAndOnlyToTheSameStack() throws Exception {
        Path first = Files.createDirectories(dir.resolve("runner-1/checkout"));
        git(first, "init", "-q");
        Path stack = Files.createDirectories(first.resolve("teams/quickstart"));
        CliRun.copyQuickstart(stack, true);
        Path planFile = dir.resolve("reviewed.plan");
        CliRun plan = PackagedCli.run(first, "plan", "teams/quickstart", "--out", planFile.toString());
        assertEquals(0, plan.exit(), plan.err());
        String saved = Files.readString(planFile);
        assertTrue(saved.contains("\"dir\": \"teams/quickstart\"") && saved.contains("\"dir_base\": \"repository\""),
                saved);
        assertFalse(saved.contains(first.toString()), "no path of the machine that made it");

        // The next run gets a fresh directory elsewhere; the first one is gone.
        Path second = Files.createDirectories(dir.resolve("runner-2/work/checkout"));
        TestFiles.copyTree(first, second);
        TestFiles.deleteTree(first);
        CliRun shown = PackagedCli.run(dir, "show", planFile.toString());
        assertEquals(0, shown.exit(), shown.err());
        assertEquals(plan.out(), shown.out(), "show works outside any checkout");

        CliRun apply = PackagedCli.run(second.resolve("teams"), "apply", planFile.toString(), "--invites-out",
                dir.resolve("invites.jsonl").toString());
        assertEquals(0, apply.exit(), apply.out() + apply.err());
        CliRun list = PackagedCli.run(second, "state", "list", "teams/quickstart");
        assertTrue(list.out().contains("role/example@child"), list.out() + list.err());

        // A plan of the second checkout, then a change to its files: refused, nothing applied.
        Path next = dir.resolve("next.plan");
        Files.writeString(second.resolve("teams/quickstart/roles.yaml"), Files.readString(
                second.resolve("teams/quickstart/roles.yaml")).replace("ubuntu", "ec2-user"));
        assertEquals(0, PackagedCli.run(second, "plan", "teams/quickstart", "--out", next.toString()).exit());
        Files.writeString(second.resolve("teams/quickstart/roles.yaml"), Files.readString(
                second.resolve("teams/quickstart/roles.yaml")).replace("ec2-user", "admin"));
        CliRun stale = PackagedCli.run(second, "apply", next.toString());
        assertEquals(1, stale.exit(), stale.err());
        assertTrue(stale.err().contains("the stack's files changed since"), stale.err());

        // Outside any repository, the file says where to run it.
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        CliRun lost = PackagedCli.run(elsewhere, "apply", next.toString());
        assertEquals(1, lost.exit());
        assertTrue(lost.err().contains("run apply from inside a checkout of that repository"), lost.err());
    }

    private static void git(Path in, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(in.toFile()).inheritIO().start();
        assertEquals(0, process.waitFor(), String.join(" ", command));
    }


}
