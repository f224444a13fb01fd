package dev.teleform.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Where JUnit makes tests' temporary directories ({@code @TempDir}; every module's tests use this through
 * {@code junit.jupiter.tempdir.factory.default}): in memory, in {@code /dev/shm}, when the machine has it with room
 * to spare, else in the usual temporary directory. The tests make and delete hundreds of thousands of small files
 * (git state, simulator objects, stacks), and on this machine's disk those system calls were half of the safety
 * contract test's time. A small {@code /dev/shm} (a container's default is 64 MB) is not used.
 */
public final class MemoryTempDirs implements TempDirFactory {

    private static final Path MEMORY = Path.of("/dev/shm");
    /** The tests hold a few hundred megabytes at most at once. */
    private static final long ROOM = 2L * 1024 * 1024 * 1024;
    private static final Optional<Path> ROOT = root();

    private static Optional<Path> root() {
        try {
            return Files.isDirectory(MEMORY) && Files.isWritable(MEMORY)
                    && Files.getFileStore(MEMORY).getUsableSpace() >= ROOM ? Optional.of(MEMORY) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws IOException {
        return ROOT.isPresent() ? Files.createTempDirectory(ROOT.get(), "junit-") : Files.createTempDirectory("junit-");
    }
}
