package dev.teleform.engine.operation;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.StackReader;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the stack a directory belongs to, as git finds its repository: the nearest directory at or above it whose
 * {@code *.yaml}/{@code *.yml} files hold the {@code kind: stack} document, so that a command run in a stack's
 * {@code teams/} works on the stack. The search stops at the root of the git repository the directory is in (a
 * stack's files, its state and its CI live in one repository; a stack found above it would be someone else's), and
 * outside any repository it looks at the directory alone. A directory that holds a document of a kind Teleform does
 * not know is not searched above: it is most likely a stack whose {@code kind: stack} is mistyped, and a command
 * sent to the stack above it would work on another stack.
 */
public final class StackRoot {

    /**
     * A {@code kind: stack} line, block or flow style. A text search rather than a parse: the directory a command
     * names is most often the stack itself, whose files are then read once, by the loader. It may also match a
     * nested {@code kind: stack}; the loader then says what the directory lacks.
     */
    private static final Pattern STACK_KIND = Pattern.compile(
            "(?m)(^|\\{)[ \\t]*[\"']?kind[\"']?[ \\t]*:[ \\t]*[\"']?stack[\"']?[ \\t]*([,}#]|$)");
    /** Larger files are not looked into: the stack document is small, and this must stay quick. */
    private static final long LARGEST = 1 << 20;

    private StackRoot() {
    }

    /**
     * The stack directory for {@code start}: relative when {@code start} is. A directory that does not exist is its
     * own answer (the loader says so); one in no stack is a mistake, said with every directory looked at (a
     * repository's root holds YAML files that are no stack's, such as a GitHub Action's {@code action.yml}), and so
     * is one that holds no stack document but a document of an unknown kind, said at that document.
     */
    public static Either<Diagnostics, Path> find(Path start) {
        Path from = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(from)) {
            return Either.right(start);
        }
        if (holdsStackDocument(from)) {
            return Either.right(start);
        }
        List<Diagnostic> unknown = new StackReader(LoadOptions.defaults()).unknownKinds(from);
        if (!unknown.isEmpty()) {
            return Either.left(Diagnostics.of(unknown).plus(Diagnostic.error(named(start) + " holds no \"kind: "
                    + "stack\" document, but " + (unknown.size() == 1 ? "one" : "documents") + " of a kind Teleform "
                    + "does not know (below): no stack above it was looked for, so that a mistyped stack is not taken "
                    + "for a directory inside another. Correct the kind, or name the stack's directory itself")));
        }
        Optional<Path> boundary = StackLocations.repositoryRoot(from);
        List<Path> searched = new ArrayList<>(List.of(from));
        for (Path at = above(from, boundary); at != null; at = above(at, boundary)) {
            searched.add(at);
            if (holdsStackDocument(at)) {
                return Either.right(shown(start, at));
            }
        }
        return Either.left(Diagnostics.of(Diagnostic.error("no stack here: no \"kind: stack\" document in the *.yaml "
                + "or *.yml files of " + describe(searched, boundary) + ". A stack is a directory of YAML files, one of "
                + "which holds its settings (kind: stack, version: v1, metadata.name, spec.provider): name its "
                + "directory (teleform plan examples/quickstart), or run from inside it")));
    }

    private static String named(Path start) {
        String given = start.toString();
        return given.isEmpty() || given.equals(".") ? "the current directory" : given;
    }

    /** The next directory up to search from {@code at}: none past the repository's root, or outside a repository. */
    private static Path above(Path at, Optional<Path> boundary) {
        return boundary.isPresent() && !at.equals(boundary.get()) ? at.getParent() : null;
    }

    private static String describe(List<Path> searched, Optional<Path> boundary) {
        if (searched.size() == 1) {
            return searched.getFirst() + (boundary.isEmpty() ? " (outside a git repository only the directory itself "
                    + "is searched)" : " (the root of its git repository)");
        }
        return searched.getFirst() + " or any directory above it up to " + searched.getLast()
                + " (the root of its git repository)";
    }

    /** {@code found} as {@code start} was given: relative to the working directory when {@code start} is relative. */
    private static Path shown(Path start, Path found) {
        if (start.isAbsolute()) {
            return found;
        }
        Path relative = Path.of("").toAbsolutePath().relativize(found);
        return relative.toString().isEmpty() ? Path.of(".") : relative;
    }

    static boolean holdsStackDocument(Path dir) {
        for (Path file : yamlFiles(dir)) {
            try {
                if (Files.size(file) <= LARGEST
                        && STACK_KIND.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).find()) {
                    return true;
                }
            } catch (IOException e) {
                // unreadable: not this one; the loader names it if the stack is here after all
            }
        }
        return false;
    }

    /** The directory's YAML files, those named stack.* first: the stack document is most often there. */
    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(StackRoot::isYaml)
                    .sorted(Comparator.comparing((Path file) -> !file.getFileName().toString().startsWith("stack."))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
