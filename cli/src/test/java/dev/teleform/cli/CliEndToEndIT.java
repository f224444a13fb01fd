package dev.teleform.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged CLI ({@code cli/target/teleform.jar}) as a separate process, the way a user
 * or a CI job does, and approves the whole transcript: command, exit status, stdout and stderr.
 */
class CliEndToEndIT {

    private static final Path REPO = PackagedCli.REPO;
    private static final Path CORPUS = REPO.resolve("engine/src/test/resources/corpus");
    private static final Path STACKS = REPO.resolve("cli/src/test/resources/stacks");

    private static String transcript(Path workDir, String... args) throws IOException, InterruptedException {
        CliRun run = PackagedCli.run(workDir, args);
        return "$ teleform " + String.join(" ", args) + "\n"
                + "exit status " + run.exit() + "\n"
                + "--- stdout\n" + run.out()
                + "--- stderr\n" + run.err();
    }

    /** A named run: the directory it starts in and the arguments, as a user would type them. */
    record Case(String name, Path workDir, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        Path examples = REPO.resolve("examples");
        return List.of(
                new Case("quickstart", examples, List.of("validate", "quickstart")),
                new Case("bad-stack", STACKS, List.of("validate", "bad-stack")),
                new Case("billion-laughs", CORPUS, List.of("validate", "billion-laughs")),
                new Case("not-utf8", CORPUS, List.of("validate", "not-utf8")),
                new Case("missing-dir", STACKS, List.of("validate", "no-such-stack")),
                new Case("apply-without-terminal", REPO.resolve("cli/target"), List.of("apply", "plan-e2e")),
                new Case("sim-get", REPO.resolve("cli/target"),
                        List.of("sim", "--data-dir", "sim-e2e", "get", "role/auditor")),
                new Case("sim-status-json", REPO.resolve("cli/target"),
                        List.of("sim", "--data-dir", "sim-e2e", "status", "--format", "json")),
                new Case("plan", REPO.resolve("cli/target"),
                        List.of("plan", "plan-e2e", "--detailed-exitcode", "--format", "markdown")),
                new Case("state-list-before-apply", REPO.resolve("cli/target"), List.of("state", "list", "plan-e2e")));
    }

    /** A copy of the quickstart under target/, so the plan's simulator data stays out of examples/. */
    @org.junit.jupiter.api.BeforeAll
    static void copyQuickstart() throws java.io.IOException {
        Path copy = REPO.resolve("cli/target/plan-e2e");
        java.nio.file.Files.createDirectories(copy);
        try (var files = java.nio.file.Files.list(REPO.resolve("examples/quickstart"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                java.nio.file.Files.copy(file, copy.resolve(file.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsWhatAUserSees(Case run) throws Exception {
        String transcript = transcript(run.workDir(), run.args().toArray(String[]::new))
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<revision>")
                .replace(REPO.toString(), "<repo>");
        Approvals.verify(transcript, new Options().forFile().withAdditionalInformation(run.name()));
    }

    /** Ctrl-C or SIGTERM during an apply: calls under way finish, state is saved, the lock is released. */
    @org.junit.jupiter.api.Test
    void anInterruptedApplySavesWhatWasDoneAndReleasesTheLock() throws Exception {
        Path stack = REPO.resolve("cli/target/interrupt-e2e");
        if (java.nio.file.Files.exists(stack)) {
            try (var walk = java.nio.file.Files.walk(stack)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
        java.nio.file.Files.createDirectories(stack);
        try (var files = java.nio.file.Files.list(REPO.resolve("examples/quickstart"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                java.nio.file.Files.writeString(stack.resolve(file.getFileName()), java.nio.file.Files.readString(file)
                        .replace("provisioning_delay: 5s", "provisioning_delay: 10m"));
            }
        }
        // The progress is on stdout, the interrupt's notice and the summary of a run cut short on stderr: both, in order.
        Process apply = PackagedCli.command("apply", stack.toString(), "--auto-approve").redirectErrorStream(true).start();
        var err = new java.io.BufferedReader(new java.io.InputStreamReader(apply.getInputStream()));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = err.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("waiting for active")) {
                break;
            }
        }
        // What Ctrl-C sends; Process.destroy() would also close the streams we are still reading.
        new ProcessBuilder("kill", "-INT", String.valueOf(apply.pid())).start().waitFor();
        while ((line = err.readLine()) != null) {
            seen.append(line).append('\n');
        }
        assertTrue(apply.waitFor(60, TimeUnit.SECONDS), seen::toString);
        String log = seen.toString();
        assertTrue(log.contains("teleform: interrupted: finishing the calls under way and saving state..."), log);
        assertTrue(log.contains("Apply interrupted: done: 2 created"), log);
        assertTrue(new dev.teleform.engine.state.GitLocks(stack.resolve(".teleform/state.git"), "quickstart",
                java.time.InstantSource.system()).holder().isEmpty(), "the lock was released");
        String state = transcript(stack.getParent(), "state", "list", stack.getFileName().toString());
        assertTrue(state.contains("workload_cluster/child") && state.contains("role/workload-cluster-editor"), state);
    }
}
