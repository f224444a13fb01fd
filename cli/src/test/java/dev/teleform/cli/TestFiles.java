package dev.teleform.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;

/** File helpers for CLI tests. */
final class TestFiles {

    private TestFiles() {
    }

    /** Writes {@code text} to {@code file} as a program only its owner may run (a script or a stub tool). */
    static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** Copies the tree {@code from} to {@code to}, file modes and times kept. */
    static void copyTree(Path from, Path to) throws IOException {
        copyTree(from, to, relative -> true);
    }

    /**
     * Copies what a checkout of {@code from} would hold to {@code to}: not the local state and simulator a run left
     * in {@code .teleform}, which git ignores. File modes are kept, as a checkout keeps them.
     */
    static void copyCheckedIn(Path from, Path to) throws IOException {
        copyTree(from, to, relative -> !relative.startsWith(".teleform"));
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<String> wanted) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.filter(p -> wanted.test(from.relativize(p).toString())).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Replaces {@code from} with {@code to} in {@code file}, which must hold it: an edit a test makes as a user would. */
    static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new AssertionError(file + " does not hold " + from);
        }
        Files.writeString(file, text.replace(from, to));
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
