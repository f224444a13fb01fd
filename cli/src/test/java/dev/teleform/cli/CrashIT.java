package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a 5-cluster apply at 20 seeded moments; after each, apply again: it must finish without
 * an already-exists error, and then live must equal the stack and state must equal live.
 */
class CrashIT {

    private static final Path REPO = PackagedCli.REPO;
    private static final int CLUSTERS = 5;

    private record Run(int exit, String output) {}

    private static Process start(String... args) throws IOException {
        return PackagedCli.command(args).redirectErrorStream(true).start();
    }

    private static Run run(String... args) throws Exception {
        Process process = start(args);
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }

    private static void writeStack(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: crash}
                spec:
                  provider: simulator
                  simulator: {provisioning_delay: 0s}
                """);
        for (int c = 0; c < CLUSTERS; c++) {
            Files.writeString(dir.resolve("c" + c + ".yaml"), """
                    kind: workload_cluster
                    version: v1
                    metadata: {name: c%1$d}
                    spec:
                      regions: [{name: us-west-2}]
                      bot: {name: bot%1$d}
                      token: {join_method: iam, allow: [{aws_account: "123456789012", aws_arn: "arn:aws:iam::123456789012:role/*"}]}
                    ---
                    kind: role
                    version: v7
                    metadata: {name: team}
                    cluster: c%1$d
                    spec: {allow: {logins: [ubuntu]}}
                    ---
                    kind: user
                    version: v2
                    metadata: {name: alice}
                    cluster: c%1$d
                    spec: {roles: [team]}
                    invite: false
                    """.formatted(c));
        }
    }

    @Test
    void aKilledApplyIsCompletedByTheNextOne() throws Exception {
        Random seeded = new Random(20261125);
        Path base = REPO.resolve("cli/target/crash-e2e");
        for (int point = 0; point < 20; point++) {
            Path dir = base.resolve("run-" + point);
            deleteTree(dir);
            writeStack(dir);
            long killAfter = 200 + seeded.nextInt(2300);
            Process apply = start("apply", dir.toString(), "--auto-approve");
            Thread.sleep(killAfter);
            apply.destroyForcibly();
            assertTrue(apply.waitFor(30, TimeUnit.SECONDS));

            Run again = run("apply", dir.toString(), "--auto-approve");
            String where = "killed after " + killAfter + " ms (point " + point + "):\n" + again.output();
            assertEquals(0, again.exit(), where);
            assertFalse(again.output().toLowerCase().contains("already exists"), where);

            Run plan = run("plan", dir.toString(), "--detailed-exitcode");
            assertEquals(0, plan.exit(), "live equals the stack after " + where + "\n" + plan.output());
            Run state = run("state", "list", dir.toString());
            assertEquals(3 * CLUSTERS, state.output().lines().filter(l -> l.contains("/")).count(),
                    "state holds every resource: " + state.output());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
