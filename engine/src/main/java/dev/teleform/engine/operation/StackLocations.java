package dev.teleform.engine.operation;

import dev.teleform.engine.planfile.StackLocation;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Names a stack directory so that a plan file made in one checkout applies in another: relative to the root of
 * its git repository, or, outside any repository, to the directory the command runs in.
 */
final class StackLocations {

    private StackLocations() {
    }

    /** Where {@code stackDir} is, as a plan file made in {@code workingDir} records it. */
    static StackLocation of(Path stackDir, Path workingDir) {
        Path dir = stackDir.toAbsolutePath().normalize();
        Optional<Path> root = repositoryRoot(dir);
        if (root.isPresent()) {
            return new StackLocation(StackLocation.Base.REPOSITORY, slashed(root.get().relativize(dir)));
        }
        return new StackLocation(StackLocation.Base.WORKING_DIRECTORY,
                slashed(workingDir.toAbsolutePath().normalize().relativize(dir)));
    }

    /** The stack directory on this machine that {@code location} names, for a command run in {@code workingDir}. */
    static Either<String, Path> locate(StackLocation location, Path workingDir) {
        Path here = workingDir.toAbsolutePath().normalize();
        return switch (location.base()) {
            case ABSOLUTE -> Either.right(Path.of(location.path()));
            case WORKING_DIRECTORY -> Either.right(here.resolve(location.path()).normalize());
            case REPOSITORY -> inRepository(location.path(), here);
        };
    }

    /**
     * {@code path} from the nearest repository root around {@code here} that has it, looking past repositories inside
     * the stack's (a vendored tool's checkout, say). A stack in a submodule is named from the submodule's root, so
     * apply runs inside the submodule.
     */
    private static Either<String, Path> inRepository(String path, Path here) {
        Optional<Path> nearest = repositoryRoot(here);
        for (Optional<Path> root = nearest; root.isPresent(); root = Optional.ofNullable(root.get().getParent())
                .flatMap(StackLocations::repositoryRoot)) {
            Path stack = root.get().resolve(path).normalize();
            if (Files.isDirectory(stack)) {
                return Either.right(stack);
            }
        }
        return nearest.<Either<String, Path>>map(root -> Either.right(root.resolve(path).normalize())).orElseGet(() ->
                Either.left("the plan was made for the stack at " + path + " in a git repository, and " + here
                        + " is not in one: run apply from inside a checkout of that repository"));
    }

    /**
     * The nearest directory at or above {@code dir} with a {@code .git} (a directory, or the file of a worktree or
     * submodule), as git itself finds a repository's top.
     */
    static Optional<Path> repositoryRoot(Path dir) {
        for (Path at = dir.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
            if (Files.exists(at.resolve(".git"))) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
