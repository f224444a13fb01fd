package dev.teleform.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged CLI ({@code cli/target/teleform.jar}) as end-to-end tests start it: its own JVM, as a user runs it. */
final class PackagedCli {

    /** The repository's root, for examples and test stacks. */
    static final Path REPO = Path.of(System.getProperty("teleform.repo", "..")).toAbsolutePath().normalize();

    private static final Path JAR = Path.of(System.getProperty("teleform.jar", "target/teleform.jar")).toAbsolutePath();

    private PackagedCli() {
    }

    /** {@code teleform ARGS...} on this JVM's java, not yet started. */
    static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
