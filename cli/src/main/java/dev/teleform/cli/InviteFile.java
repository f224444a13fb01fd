package dev.teleform.cli;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A file that invite links are appended to, one JSON line each. Links are secrets that are not kept
 * anywhere else, so the file is never replaced (an earlier file may hold links not yet handed out, and a
 * path may name a device such as {@code /dev/null}), only a regular file its owner alone can read is
 * written, and never one that git would commit.
 */
final class InviteFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final Path file;

    private InviteFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * Checks, before anything is created in Teleport, that links can be written to {@code path}: creates
     * it empty (0600) if it is new, or takes an existing one that is safe to append to.
     */
    static Either<String, InviteFile> open(Path path) {
        Path file = path.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return Either.left("the directory of " + path + " does not exist; create it first");
        }
        boolean created = false;
        try {
            if (Files.isSymbolicLink(file)) {
                return Either.left(path + " is a symbolic link; links are written only to a regular file");
            }
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Either<String, Boolean> usable = usableExisting(path, file);
                if (usable.isLeft()) {
                    return Either.left(usable.getLeft());
                }
            } else {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                created = true;
            }
            if (!ignoredOutsideGit(file)) {
                if (created) {
                    Files.delete(file);
                }
                return Either.left(path + " is inside a git work tree that does not ignore it, so the links could "
                        + "be committed; add it to .gitignore or choose a path outside the repository");
            }
            return Either.right(new InviteFile(file));
        } catch (FileAlreadyExistsException e) {
            return Either.left(path + " appeared while it was being checked; run again");
        } catch (IOException | UnsupportedOperationException e) {
            return Either.left("cannot use " + path + " for invite links: " + e.getMessage());
        }
    }

    private static Either<String, Boolean> usableExisting(Path path, Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Either.left(path + " is not a regular file (a device or a directory); links are appended only to "
                    + "a regular file");
        }
        String owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            return Either.left(path + " belongs to " + owner + "; links are appended only to your own file");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            return Either.left(path + " can be read or written by others (mode "
                    + PosixFilePermissions.toString(permissions) + "); run 'chmod 600 " + path + "' first");
        }
        return Either.right(true);
    }

    /** Whether the file is outside any git work tree, or git ignores it there. */
    private static boolean ignoredOutsideGit(Path file) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(file.getParent().toFile());
        if (builder.getGitDir() == null) {
            return true;
        }
        try (Repository repository = builder.build()) {
            if (repository.isBare()) {
                return true;
            }
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            Path real = file.toRealPath(LinkOption.NOFOLLOW_LINKS);
            if (!real.startsWith(workTree)) {
                return true;
            }
            String relative = workTree.relativize(real).toString().replace('\\', '/');
            try (TreeWalk walk = new TreeWalk(repository)) {
                walk.addTree(new FileTreeIterator(repository));
                walk.setFilter(PathFilter.create(relative));
                while (walk.next()) {
                    WorkingTreeIterator entry = walk.getTree(0, WorkingTreeIterator.class);
                    if (entry != null && entry.isEntryIgnored()) {
                        return true; // the file, or a directory holding it
                    }
                    if (walk.isSubtree()) {
                        walk.enterSubtree();
                    }
                }
            }
            return false;
        }
    }

    /** Appends one line and forces it to disk: once this returns, the link is delivered. */
    void append(String line) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }
}
