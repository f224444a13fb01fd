package dev.teleform.engine.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Files and directories only their owner can read (0600, 0700), for identity material, and the
 * clean-up of those a killed process left: a credentials directory carries its owner's pid in its
 * name, so the next run can tell a dead owner's directory from a running one's.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    public static void createFile(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** A new 0700 directory in the temporary directory, named {@code <prefix><pid>-<random>}. */
    public static Path createCredentialsDirectory(String prefix) throws IOException {
        String name = prefix + ProcessHandle.current().pid() + "-";
        if (POSIX) {
            return Files.createTempDirectory(name,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory(name);
    }

    /** Removes the credentials directories with {@code prefix} whose owning process no longer runs. */
    public static void removeStaleCredentials(String prefix) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(tmp)) {
            entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !ownerAlive(p.getFileName().toString().substring(prefix.length())))
                    .forEach(PrivateFiles::deleteTree);
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover directory is private to its owner and holds only a short-lived identity
        }
    }

    /** Removes a directory tree; nothing if it is not there. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ownerAlive(String pidAndRest) {
        int dash = pidAndRest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? pidAndRest : pidAndRest.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
