package dev.teleform.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apply's live view in a real terminal: the packaged CLI applies a three-cluster stack on the simulator inside a
 * tmux pane 120 by 40, and the pane is read as a person would see it, while clusters provision and after the end.
 */
class LiveViewIT {

    private static final Pattern HEADER = Pattern.compile("^-- teleform apply: \\d+(m\\d\\d)?s elapsed$",
            Pattern.MULTILINE);
    private static final String ENDED = "teleform exited with ";

    /** A tmux server of this test's own, so that nobody's sessions are seen or touched. */
    private final String socket = "teleform-live-view-" + ProcessHandle.current().pid();
    private Path stack;

    @BeforeEach
    void threeClustersProvisioningFourSeconds() throws IOException {
        // the issue asks for this test in a real terminal: in CI a missing tmux fails it rather than passing unseen
        if (System.getenv().getOrDefault("CI", "").isEmpty()) {
            Assumptions.assumeTrue(onPath("tmux"), "tmux is not installed (.ci/run installs it)");
        } else {
            Assertions.assertTrue(onPath("tmux"), "CI is set and tmux is not installed: .ci/run installs it");
        }
        stack = Files.createTempDirectory(PackagedCli.JAR.getParent(), "live-view-");
        try (var files = Files.list(PackagedCli.REPO.resolve("examples/quickstart"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.writeString(stack.resolve(file.getFileName()), Files.readString(file)
                        .replace("provisioning_delay: 5s", "provisioning_delay: 4s"));
            }
        }
        String cluster = Files.readString(stack.resolve("cluster.yaml"));
        for (String name : List.of("second", "third")) {
            Files.writeString(stack.resolve("cluster-" + name + ".yaml"), cluster.replace("name: child ", "name: " + name + " "));
            Files.writeString(stack.resolve("roles.yaml"), """
                    ---
                    kind: role
                    version: v7
                    metadata:
                      name: example
                    cluster: %s
                    spec:
                      allow:
                        logins: [ubuntu]
                    """.formatted(name), StandardOpenOption.APPEND);
        }
    }

    @AfterEach
    void stopTmux() throws Exception {
        if (stack != null) {
            tmux("kill-server");
            TestFiles.deleteTree(stack);
        }
    }

    @Test
    void aStatusBlockIsRedrawnUnderTheFinishedLinesAndItsFinalStateStaysAboveTheSummary() throws Exception {
        start("", "");
        // The block counts a cluster as provisioning from the start of its create: wait for the creates to have
        // finished too (the clusters then provision for seconds), or a busy machine shows the block before them.
        String provisioning = awaitScreen(screen -> screen.contains("clusters: 3 provisioning")
                && screen.contains("workload_cluster/third: created ("), Duration.ofSeconds(90));
        assertEquals(1, count(HEADER, provisioning), "one block on the screen:\n" + provisioning);
        List<String> lines = provisioning.lines().toList();
        int header = indexMatching(lines, HEADER);
        assertEquals("clusters: 3 provisioning, 0 active, 0 done, 0 failed (of 3)", lines.get(header + 1), provisioning);
        assertTrue(lines.get(header + 2).matches("steps: \\d+ of 15 done, 3 running: workload_cluster/\\w+, "
                + "workload_cluster/\\w+, workload_cluster/\\w+"), provisioning);
        assertTrue(lines.subList(0, header).stream().anyMatch(line -> line.startsWith("workload_cluster/third: created (")),
                "finished lines are above it:\n" + provisioning);

        String end = awaitScreen(screen -> screen.contains(ENDED), Duration.ofSeconds(90));
        String all = history();
        assertTrue(all.contains(ENDED + "0"), all);
        assertFalse(all.contains("waiting for active") || all.contains("creating..."),
                "starts and waits show in the block, not as lines:\n" + all);
        assertEquals(1, count(HEADER, all), "no copy of the block is left behind in the pane or its scrollback:\n" + all);
        for (String once : List.of("workload_cluster/child: created (", "workload_cluster/second: active (",
                "workload_cluster/third: joined (", "role/example@third: created (", "user/example@child: created (",
                "Invite link for user/example@child")) {
            assertEquals(1, count(Pattern.compile("^" + Pattern.quote(once), Pattern.MULTILINE), all),
                    "printed once: " + once + "\n" + all);
        }
        assertTrue(all.contains("Invite link for user/example@child (shown once, valid until ")
                && Pattern.compile("\n  https://child\\.teleport\\.sh:443/web/invite/\\S+\n").matcher(all).find(),
                "the invite link is whole on the screen:\n" + all);
        List<String> last = end.lines().filter(line -> !line.isBlank()).toList();
        int summary = indexMatching(last, Pattern.compile("^Apply complete: 8 created, 1 invited\\. State saved"));
        assertTrue(summary >= 3, end);
        assertTrue(HEADER.matcher(last.get(summary - 3)).matches(), "the final block is last before the summary:\n" + end);
        assertEquals("clusters: 0 provisioning, 0 active, 3 done, 0 failed (of 3)", last.get(summary - 2), end);
        assertEquals("steps: 15 of 15 done, 0 running", last.get(summary - 1), end);
    }

    @Test
    void ctrlCLeavesTheFinalBlockAboveTheSummaryAndNoEchoBehind() throws Exception {
        start("", "");
        awaitScreen(screen -> screen.contains("clusters: 3 provisioning"), Duration.ofSeconds(90));
        assertEquals(0, tmux("send-keys", "-t", "apply", "C-c"));
        String end = awaitScreen(screen -> screen.contains(ENDED), Duration.ofSeconds(90));
        String all = history();
        assertTrue(all.contains(ENDED + "130"), all);
        assertEquals(1, count(HEADER, all), all);
        assertEquals(1, count(Pattern.compile("^teleform: interrupted: finishing the calls under way and saving state\\.\\.\\.$",
                Pattern.MULTILINE), all), all);
        assertEquals(0, count(Pattern.compile("\\^C"), all), "the echoed ^C was erased with the block:\n" + all);
        List<String> last = end.lines().filter(line -> !line.isBlank()).toList();
        int summary = indexMatching(last, Pattern.compile("^Apply interrupted: done: "));
        assertTrue(HEADER.matcher(last.get(summary - 3)).matches(), "the final block is last before the summary:\n" + end);
        assertEquals("clusters: 0 provisioning, 0 active, 0 done, 0 failed, 3 stopped (of 3)", last.get(summary - 2), end);
        assertTrue(last.get(summary - 1).matches("steps: \\d+ of 15 done, 3 failed, \\d+ skipped, 0 running"), end);
    }

    /** NO_COLOR asks for plain output; TERM=dumb cannot move its cursor; --json-events shares the screen. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"NO_COLOR=1|", "TERM=dumb|",
            "|--json-events"})
    void onATerminalThesePrintThePlainLines(String environment, String option) throws Exception {
        start((environment == null ? "" : environment) + " ", option == null ? "" : " " + option);
        awaitScreen(screen -> screen.contains(ENDED), Duration.ofSeconds(90));
        String all = history();
        assertTrue(all.contains(ENDED + "0"), all);
        assertEquals(0, count(HEADER, all), all);
        assertTrue(all.contains("workload_cluster/child: waiting for active ("), "the plain lines, waits included:\n" + all);
    }

    /**
     * `apply > apply.log` at a terminal: the log keeps the plan and the progress as plain lines, and the screen shows
     * what went wrong. With stdout not a terminal nobody is taken to be watching it: no colour, and no invite link
     * (it would land in the log), so the invite waits, said on the screen.
     */
    @Test
    void stdoutRedirectedFromATerminalGetsThePlainLinesAndTheScreenTheWarnings() throws Exception {
        Path log = stack.resolve("apply.log");
        start("", " >" + quote(log.toString()));
        awaitScreen(screen -> screen.contains(ENDED), Duration.ofSeconds(90));
        String written = Files.readString(log);
        assertTrue(written.startsWith("Teleform will perform these steps, in this order:\n")
                && written.contains("workload_cluster/child: waiting for active (")
                && written.contains("\nApply complete: 7 created. State saved"), written);
        assertEquals(0, count(HEADER, written), written);
        assertEquals(0, count(Pattern.compile("\r|\033\\["), written), "no redraw and no colour in the log:\n" + written);
        assertFalse(written.contains("/web/invite/"), written);
        String screen = history();
        assertTrue(screen.contains("teleform: warning: 1 invite is pending") && !screen.contains("Plan: "), screen);
    }

    /** The CLI in a new detached pane, with {@code environment} ({@code NAME=value }) and {@code option} added. */
    private void start(String environment, String option) throws Exception {
        StringBuilder command = new StringBuilder("cd " + quote(stack.getParent().toString())
                + " && unset CI NO_COLOR TELEFORM_DEBUG && export TELEFORM_CACHE_DIR= && " + environment);
        for (String word : PackagedCli.javaCommand()) {
            command.append(' ').append(quote(word));
        }
        command.append(" apply ").append(quote(stack.getFileName().toString())).append(" --auto-approve")
                .append(option).append("; echo ").append(ENDED).append("$?; sleep 600");
        // The AOT cache the command names is made on first use, outside the pane's time.
        int status = tmux("new-session", "-d", "-s", "apply", "-x", "120", "-y", "40", command.toString());
        assertEquals(0, status, "tmux new-session");
    }

    private String awaitScreen(Predicate<String> shows, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        String screen = "";
        while (Instant.now().isBefore(deadline)) {
            screen = capture(false);
            if (shows.test(screen)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the pane never showed what was awaited; it shows:\n" + capture(true));
    }

    private String history() throws Exception {
        return capture(true);
    }

    /** The pane's text as shown, its scrollback too when {@code all}; trailing spaces dropped. */
    private String capture(boolean all) throws Exception {
        List<String> args = new ArrayList<>(List.of("tmux", "-L", socket, "capture-pane", "-p", "-t", "apply"));
        if (all) {
            args.addAll(List.of("-S", "-"));
        }
        Process capture = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(capture.waitFor(10, TimeUnit.SECONDS));
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n", "", "\n"));
    }

    private int tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process tmux = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(tmux.waitFor(10, TimeUnit.SECONDS));
        return tmux.exitValue();
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }

    private static int indexMatching(List<String> lines, Pattern pattern) {
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        throw new AssertionError("no line matches " + pattern + ":\n" + String.join("\n", lines));
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
