package dev.teleform.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The packaged CLI ({@code cli/target/teleform.jar}) as end-to-end tests start it: its own JVM, as a user runs it. */
final class PackagedCli {

    /** The repository's root, for examples and test stacks. */
    static final Path REPO = Path.of(System.getProperty("teleform.repo", "..")).toAbsolutePath().normalize();

    static final Path JAR = Path.of(System.getProperty("teleform.jar", "target/teleform.jar")).toAbsolutePath();

    private PackagedCli() {
    }

    /** {@code teleform ARGS...} on this JVM's java, started as the launcher ({@code ./teleform}) starts it; not yet started. */
    static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // no cache of parsed files unless a test names one (Maven sets it empty; an IDE may not)
        builder.environment().putIfAbsent("TELEFORM_CACHE_DIR", "");
        return builder;
    }

    /** {@code java OPTIONS -jar teleform.jar}: what a script that runs the packaged CLI execs. */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(Launcher.OPTIONS);
        command.addAll(List.of("-jar", JAR.toString()));
        return command;
    }

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    /**
     * The launcher's JVM options ({@link #BASE}: a throughput GC, the JIT's first tier only, survivors promoted at
     * once, as {@code ./teleform} sets them) and, on JDK 25+, an ahead-of-time cache made by the launcher's
     * training run ({@link AotTraining}: it applies and plans a small fleet), which about halves what each of the
     * hundreds of CLI processes the end-to-end tests start costs. Made once per test JVM, on first use; without
     * it, the CLI starts as before.
     */
    private static final class Launcher {
        static final List<String> BASE = List.of("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1",
                "-XX:MaxTenuringThreshold=0");
        static final List<String> OPTIONS = options();

        private static List<String> options() {
            List<String> options = new ArrayList<>(BASE);
            if (Runtime.version().feature() < 25) {
                return options;
            }
            Path cache = JAR.resolveSibling("teleform-tests-" + Runtime.version().feature() + ".aot");
            try {
                Path training = java.nio.file.Files.createTempDirectory("teleform-aot-training");
                Path made = java.nio.file.Files.createTempFile(JAR.getParent(), "teleform-tests-", ".aot");
                java.nio.file.Files.delete(made);
                List<String> train = new ArrayList<>(List.of(JAVA.toString()));
                train.addAll(BASE);
                train.addAll(List.of("-XX:AOTCacheOutput=" + made, "-cp", JAR.toString(), AotTraining.class.getName(),
                        training.toString()));
                Process process = new ProcessBuilder(train).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                process.getOutputStream().close();
                boolean trained = process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0
                        && java.nio.file.Files.exists(made);
                TestFiles.deleteTree(training);
                if (trained) {
                    java.nio.file.Files.move(made, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    // A cache the JVM cannot map only costs start-up time: it must not print into the output.
                    options.addAll(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"));
                } else {
                    process.destroyForcibly();
                    java.nio.file.Files.deleteIfExists(made);
                }
            } catch (IOException e) {
                // no cache: each process starts as it would without the launcher
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.copyOf(options);
        }
    }

    /**
     * Runs {@code teleform ARGS...} in {@code workDir} to its end, with no stdin, and returns what it printed.
     * Stderr is read on its own thread so that neither stream can fill its pipe and stall the process.
     */
    static CliRun run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, java.util.Map.of(), args);
    }

    /** The same, with {@code environment} set on top of this process's (e.g. a PATH with stand-in tools first). */
    static CliRun run(Path workDir, java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder builder = command(args).directory(workDir.toFile());
        builder.environment().remove("TELEFORM_DEBUG");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        var stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("teleform " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new CliRun(process.exitValue(), stdout, stderr.join());
    }
}
