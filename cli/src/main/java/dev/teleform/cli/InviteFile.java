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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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

    /** Lines to append together, and how their write went once it is done. */
    private static final class Batch {
        private final List<String> lines = new ArrayList<>();
        private boolean done;
        private IOException failure;
    }

    /** Not {@code synchronized}: appenders are virtual threads, which a monitor they wait on would pin. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    /** The lines that arrived since the last write began; null when none did. */
    private Batch next;
    private boolean writing;

    /**
     * Appends one line and forces it to disk: once this returns, the link is delivered. Lines appended while a
     * write is under way are written by the next one together, with one force for all: each link still returns
     * only once it is on disk, but a fleet's links do not wait for one another's force in turn.
     */
    void append(String line) throws IOException {
        lock.lock();
        try {
            if (next == null) {
                next = new Batch();
            }
            Batch batch = next;
            batch.lines.add(line);
            while (!batch.done) {
                if (!writing && batch == next) {
                    writeOut(batch);
                } else {
                    written.awaitUninterruptibly();
                }
            }
            if (batch.failure != null) {
                throw new IOException(batch.failure.getMessage(), batch.failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes {@code batch} with the lock let go meanwhile, so that later lines gather for the next write. */
    private void writeOut(Batch batch) {
        writing = true;
        next = null;
        lock.unlock();
        IOException failure = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)) {
            StringBuilder text = new StringBuilder();
            batch.lines.forEach(line -> text.append(line).append('\n'));
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            // no line of the batch may count as delivered unless it was written and forced
            failure = new IOException(e.toString(), e);
        } finally {
            lock.lock();
            writing = false;
            batch.failure = failure;
            batch.done = true;
            written.signalAll();
        }
    }
}
