package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README, executed. Every fenced block that shows a {@code $ ./teleform ...} (or {@code $ teleform ...}) command
 * runs, in the README's order, in one fresh copy of the repository (a git checkout of the working tree, without
 * {@code target/} and {@code .teleform/}). {@code ./teleform} is the repository's own launcher, whose build this one
 * stands for (the copy's {@code cli/target} holds the jars this build made, newer than its sources, so the launcher
 * finds the JDK, trains its ahead-of-time cache on the first command and runs them); {@code teleform} on PATH starts
 * the same jars as {@link PackagedCli} does. Each {@code $} line of such a block runs in bash, the others too
 * ({@code echo}, {@code sed}, {@code rm}, {@code cd}, {@code git}, {@code jq}...), so walkthroughs that edit files
 * work. A block starts in the copy's root, where a reader of the README stands; a {@code cd} lasts to the block's
 * end. {@code HOME} is {@code /home/you} of the copy's temporary directory, the copy is {@code /home/you/teleform},
 * and the temporary directory's path is cut from the output, so paths read as in the README.
 *
 * <p>What follows a command, up to the next {@code $} line or the fence, is its output: stdout and stderr together,
 * as a terminal shows them; its exit status is not checked (show it with {@code ; echo "exit $?"}), except that a
 * command whose output the README elides whole (only {@code ...}) must exit 0: nothing else of it is compared. The
 * output must equal what the command prints, after:
 * <ul>
 *   <li>trailing spaces of each line and trailing blank lines are dropped;</li>
 *   <li>volatile parts are replaced on both sides ({@link ReadmeOutput}): times and dates, UUIDs (revisions),
 *       hex commit and lock ids, step durations, the number of state commits an apply made, invite tokens;</li>
 *   <li><b>elision:</b> a README line that is only {@code ...} (any indentation) stands for any number of lines,
 *       none included. Use it for what varies from run to run in ways no placeholder fixes (the order of steps that
 *       run side by side, how many times a wait polled) and for long outputs; never inside a line.</li>
 * </ul>
 *
 * <p>A block that cannot run here (real Teleport Cloud, GitHub) says so with
 * {@code <!-- readme-test: skip REASON -->} on the line before its fence. Every block runs even after one fails,
 * and the failure lists each command that differs with its README line and a unified diff; the README as it
 * would match is written to {@code cli/target/README.received.md} (compare it with README.md, take what is right).
 */
class ReadmeIT {

    private static final Set<String> NOT_COPIED = Set.of(".git", "target", ".teleform");

    /** Variables of this JVM that would point a command elsewhere: a CI job's, a developer's own settings. */
    private static final List<String> CLEARED_PREFIXES = List.of("TELEFORM_", "TELEPORT_", "TBOT_", "ACTIONS_",
            "GITHUB_", "GIT_", "AWS_");

    @TempDir
    Path temp;

    @Test
    void everyCommandTheReadmeShowsPrintsWhatItShows() throws Exception {
        Path readme = PackagedCli.REPO.resolve("README.md");
        String markdown = Files.readString(readme);
        List<ReadmeBlocks.Block> blocks = ReadmeBlocks.parse(markdown);
        assertTrue(blocks.size() > 10, "the README's runnable blocks were not found: " + blocks.size());

        Path home = Files.createDirectories(temp.resolve("home/you"));
        Path copy = home.resolve("teleform");
        checkout(copy);
        Map<String, String> environment = environment(home, launchers(copy));

        List<String> failures = new ArrayList<>();
        List<String> readmeLines = new ArrayList<>(markdown.lines().toList());
        int commands = 0;
        long started = System.nanoTime();
        // bottom-up replacement keeps earlier line numbers valid: collect, then apply in reverse
        List<Runnable> corrections = new ArrayList<>();
        for (ReadmeBlocks.Block block : blocks) {
            if (block.skip().isPresent()) {
                continue;
            }
            Path cwd = copy;
            for (ReadmeBlocks.Command command : block.commands()) {
                commands++;
                Run run = run(command.text(), cwd, environment);
                cwd = run.cwd();
                List<String> actual = run.output().lines().map(l -> l.replace(temp.toString(), "")).toList();
                boolean elidedWhole = !command.output().isEmpty()
                        && command.output().stream().allMatch(line -> line.strip().equals("..."));
                if (elidedWhole && run.exit() != 0) {
                    failures.add("README.md:" + command.line() + ": $ " + command.text() + "  (exit " + run.exit()
                            + "): its output is elided whole, so it must succeed; it printed:\n"
                            + String.join("\n", actual));
                } else if (!ReadmeOutput.matches(command.output(), actual)) {
                    failures.add("README.md:" + command.line() + ": $ " + command.text() + "  (exit " + run.exit()
                            + ")\n" + ReadmeOutput.diff(command.output(), command.outputLine(), actual));
                    List<String> corrected = ReadmeOutput.corrected(command.output(), actual).stream()
                            .map(l -> l.isEmpty() ? l : command.indent() + l).toList();
                    int from = command.outputLine() - 1;
                    int to = from + command.output().size();
                    corrections.add(() -> {
                        readmeLines.subList(from, to).clear();
                        readmeLines.addAll(from, corrected);
                    });
                }
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("ReadmeIT: %d blocks, %d commands, %d skipped blocks, %d s%n", blocks.size(), commands,
                blocks.stream().filter(b -> b.skip().isPresent()).count(), seconds);
        if (!failures.isEmpty()) {
            for (int k = corrections.size() - 1; k >= 0; k--) {
                corrections.get(k).run();
            }
            Path received = PackagedCli.JAR.resolveSibling("README.received.md");
            Files.writeString(received, String.join("\n", readmeLines) + "\n");
            fail(failures.size() + " of " + commands + " README commands print something else than README.md shows"
                    + " (placeholders such as <time> are compared, not shown; a README line \"...\" stands for any"
                    + " lines)."
                    + "\nThe README as it would match: " + received + "\n\n" + String.join("\n", failures));
        }
    }

    /** What one command printed, its exit status and where it ended (a {@code cd} lasts to its block's end). */
    private record Run(String output, int exit, Path cwd) {
    }

    private Run run(String command, Path cwd, Map<String, String> environment) throws Exception {
        Path where = Files.createTempFile(temp, "cwd", ".txt");
        String script = "cd -- \"$1\" || exit 97\n" + command + "\n__status=$?; pwd > \"$2\"; exit $__status\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script, "bash", cwd.toString(), where.toString())
                .directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        var output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return new Run("(did not finish in 120 s)\n" + output.getNow(""), -1, cwd);
        }
        String ended = Files.readString(where).strip();
        return new Run(output.get(), process.exitValue(), ended.isEmpty() ? cwd : Path.of(ended));
    }

    /** A checkout of the repository as it is now: its files (not what git ignores there), committed. */
    private void checkout(Path copy) throws Exception {
        Path repo = PackagedCli.REPO;
        Files.walkFileTree(repo, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(repo) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(copy.resolve(repo.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!file.getFileName().toString().equals(".git") && !file.toString().endsWith(".received.txt")) {
                    Files.copy(file, copy.resolve(repo.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        git(copy, "init", "-q", "-b", "main");
        git(copy, "add", "-A");
        git(copy, "-c", "user.name=You", "-c", "user.email=you@example.com", "commit", "-q", "-m", "checkout");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (git.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
        }
    }

    /**
     * {@code ./teleform} in the copy and {@code teleform} in a directory for PATH: both start the packaged CLI as
     * {@link PackagedCli} does (its JVM options and ahead-of-time cache), not the launcher's build. Returns that
     * directory.
     */
    private Path launchers(Path copy) throws IOException {
        String exec = PackagedCli.javaCommand().stream().map(ReadmeIT::quoted).collect(Collectors.joining(" "));
        String script = "#!/usr/bin/env bash\n# the packaged CLI, as the tests run it\nexec " + exec + " \"$@\"\n";
        Path bin = Files.createDirectories(temp.resolve("bin"));
        TestFiles.executable(bin.resolve("teleform"), script);
        // the launcher's build, done: this build's jars, then the mark the launcher leaves after building
        Path target = Files.createDirectories(copy.resolve("cli/target"));
        Files.copy(PackagedCli.JAR, target.resolve("teleform.jar"));
        Path lib = PackagedCli.JAR.resolveSibling("lib");
        Files.createDirectories(target.resolve("lib"));
        try (var jars = Files.list(lib)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, target.resolve("lib").resolve(jar.getFileName()));
            }
        }
        // a minute ahead: on a file system that keeps whole seconds, the copy's sources may share its second
        Path built = Files.writeString(target.resolve(".teleform-built"), "");
        Files.setLastModifiedTime(built, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().plus(java.time.Duration.ofMinutes(1))));
        return bin;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A reader's shell: this one's, less what would point Teleform elsewhere, with the copy's HOME. */
    private static Map<String, String> environment(Path home, Path bin) {
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> CLEARED_PREFIXES.stream().anyMatch(name::startsWith)
                || name.equals("CI") || name.equals("NO_COLOR") || name.equals("XDG_CACHE_HOME"));
        environment.put("HOME", home.toString());
        // The README's machine has no tctl or tbot (one block shows the error of a missing tbot): a developer's may
        String path = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .filter(dir -> !Files.isExecutable(Path.of(dir, "tbot")) && !Files.isExecutable(Path.of(dir, "tctl")))
                .collect(Collectors.joining(":"));
        environment.put("PATH", bin + ":" + path);
        environment.put("TELEFORM_CACHE_DIR", "");
        environment.put("LANG", "C.UTF-8");
        environment.remove("LC_ALL");
        environment.put("TERM", "dumb");
        return environment;
    }
}
