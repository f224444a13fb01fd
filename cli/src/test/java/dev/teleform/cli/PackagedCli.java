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

    /** {@code teleform ARGS...} on this JVM's java, not yet started. */
    static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
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
