package dev.teleform.engine.state;

import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.addr.Address;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * State in a git repository, written with JGit and no working tree: the state file is a blob in a
 * commit on {@code branch}, and each write is one commit. The branch moves only by
 * compare-and-swap ({@link RefUpdate} with the expected old id), which is what detects a concurrent
 * writer. A bare repository is created at the first write.
 */
public final class GitStateStore implements StateStore {

    private final Path repo;
    private final String branch;
    private final String file;
    private final String stack;
    private final InstantSource clock;
    private final Optional<GitRemote> remote;

    public GitStateStore(Path repo, String branch, String file, String stack, InstantSource clock) {
        this(repo, branch, file, stack, clock, Optional.empty());
    }

    private GitStateStore(Path repo, String branch, String file, String stack, InstantSource clock,
            Optional<GitRemote> remote) {
        this.repo = repo.toAbsolutePath().normalize();
        this.branch = branch;
        this.file = file;
        this.stack = stack;
        this.clock = clock;
        this.remote = remote;
    }

    /**
     * State kept in {@code remote} (a git URL), with {@code repo} as the local cache: the branch is
     * fetched before every read, and a write is a push with a lease on the commit that was read. An SSH remote is
     * reached with this process's ssh-agent and ~/.ssh/known_hosts.
     */
    public static GitStateStore shared(Path repo, String branch, String file, String stack, InstantSource clock,
            String remote) throws java.net.URISyntaxException {
        return shared(repo, branch, file, stack, clock, remote, SshAccess.standard());
    }

    /** State kept in {@code remote}, an SSH one reached with {@code ssh}. */
    public static GitStateStore shared(Path repo, String branch, String file, String stack, InstantSource clock,
            String remote, SshAccess ssh) throws java.net.URISyntaxException {
        return new GitStateStore(repo, branch, file, stack, clock, Optional.of(new GitRemote(remote, ssh)));
    }

    /** Brings the branch from the remote into the local cache, if there is a remote. */
    private void fetch(Repository repository) throws IOException {
        if (remote.isPresent()) {
            remote.get().fetch(repository, ref());
        }
    }

    private String ref() {
        return Constants.R_HEADS + branch;
    }

    @Override
    public Either<StateError, Snapshot> read() {
        return read(Map.of());
    }

    @Override
    public Either<StateError, Snapshot> read(Map<Address, ObjectNode> declared) {
        if (remote.isEmpty() && !StateRepositories.exists(repo)) {
            return Either.right(new Snapshot(State.empty(stack), Optional.empty()));
        }
        try (Repository repository = remote.isPresent() ? openOrCreate() : open()) {
            fetch(repository);
            Ref head = repository.exactRef(ref());
            if (head == null) {
                return Either.right(new Snapshot(State.empty(stack), Optional.empty()));
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(head.getObjectId());
                Optional<byte[]> bytes = stateFileIn(repository, commit);
                if (bytes.isEmpty()) {
                    return Either.right(new Snapshot(State.empty(stack), Optional.of(commit.name())));
                }
                return StateCodec.read(bytes.get(), declared).<StateError>mapLeft(message -> new StateError.Unreadable(
                        where() + ": " + message)).map(state -> new Snapshot(state, Optional.of(commit.name())));
            }
        } catch (IOException e) {
            return Either.left(new StateError.StorageFailure("cannot read " + where() + ": " + e.getMessage()));
        }
    }

    @Override
    public Either<StateError, Snapshot> write(State state, Optional<String> readAt, String message) {
        try (Repository repository = openOrCreate()) {
            ObjectId expected = readAt.map(ObjectId::fromString).orElse(ObjectId.zeroId());
            try (ObjectInserter inserter = repository.newObjectInserter(); RevWalk walk = new RevWalk(repository)) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, StateCodec.write(state).getBytes(StandardCharsets.UTF_8));
                DirCache index = DirCache.newInCore();
                if (readAt.isPresent()) {
                    // Keep whatever else the branch holds (other stacks' files) and replace only ours.
                    try (var reader = repository.newObjectReader()) {
                        DirCache existing = DirCache.read(reader, walk.parseCommit(expected).getTree());
                        index = existing;
                    }
                }
                DirCacheEditor editor = index.editor();
                editor.add(new DirCacheEditor.PathEdit(file) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                    }
                });
                editor.finish();
                ObjectId tree = index.writeTree(inserter);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(tree);
                if (readAt.isPresent()) {
                    commit.setParentId(expected);
                }
                PersonIdent who = identity();
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage(message + "\n\nstack " + stack + ", serial " + state.serial() + ", lineage "
                        + state.lineage() + "\n");
                ObjectId commitId = inserter.insert(commit);
                inserter.flush();
                if (remote.isPresent()) {
                    Optional<StateError> pushed = push(repository, expected, commitId, readAt);
                    if (pushed.isPresent()) {
                        return Either.left(pushed.get());
                    }
                }
                RefUpdate update = repository.updateRef(ref());
                update.setExpectedOldObjectId(remote.isPresent() ? null : expected);
                update.setForceUpdate(remote.isPresent());
                update.setNewObjectId(commitId);
                update.setRefLogMessage("teleform: " + message, false);
                RefUpdate.Result result = update.update(walk);
                return switch (result) {
                    case NEW, FAST_FORWARD, FORCED -> Either.right(new Snapshot(state, Optional.of(commitId.name())));
                    case LOCK_FAILURE, REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_MISSING_OBJECT,
                            REJECTED_OTHER_REASON, NO_CHANGE, NOT_ATTEMPTED, IO_FAILURE, RENAMED ->
                            Either.left(conflictOrFailure(repository, result, readAt));
                };
            }
        } catch (IOException e) {
            return Either.left(new StateError.StorageFailure("cannot write " + where() + ": " + e.getMessage()));
        }
    }

    /** Attempts before a push that cannot reach the remote is reported. */
    private static final int PUSH_ATTEMPTS = 3;

    /**
     * Pushes the new commit with a lease on the one that was read; retried while the remote cannot be
     * reached. Whatever happens, the commit stays in the local cache under
     * {@code refs/teleform/unpushed/<stack>} until a push succeeds, so nothing done is lost.
     */
    private Optional<StateError> push(Repository repository, ObjectId expected, ObjectId commitId,
            Optional<String> readAt) throws IOException {
        String keep = "refs/teleform/unpushed/" + stack;
        RefUpdate kept = repository.updateRef(keep);
        kept.setNewObjectId(commitId);
        kept.setForceUpdate(true);
        kept.update();
        IOException last = null;
        for (int attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
            try {
                if (remote.get().push(repository, ref(), expected, Optional.of(commitId)) == GitRemote.Pushed.REJECTED) {
                    return Optional.of(new StateError.Conflict("state in " + remote.get() + " changed since it was read "
                            + "(read at " + readAt.orElse("nothing") + "); nothing was written there (the commit is "
                            + "kept locally as " + keep + "): plan again"));
                }
                RefUpdate done = repository.updateRef(keep);
                done.setForceUpdate(true);
                done.delete();
                return Optional.empty();
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(250L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return Optional.of(new StateError.StorageFailure((last == null ? "interrupted" : last.getMessage())
                + "; the new state is kept locally as commit " + commitId.name() + " (" + keep + " in " + repo
                + "): push it when the remote is back, or apply again"));
    }

    private StateError conflictOrFailure(Repository repository, RefUpdate.Result result, Optional<String> readAt)
            throws IOException {
        Ref now = repository.exactRef(ref());
        String actual = now == null ? "nothing" : now.getObjectId().name();
        if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.REJECTED) {
            return new StateError.Conflict("state in " + where() + " changed since it was read (read at "
                    + readAt.orElse("nothing") + ", now at " + actual + "); nothing was written: plan again");
        }
        return new StateError.StorageFailure("cannot move " + ref() + " in " + repo + ": " + result);
    }

    @Override
    public Either<StateError, List<Entry>> history(int limit) {
        List<Entry> entries = new ArrayList<>();
        if (remote.isEmpty() && !StateRepositories.exists(repo)) {
            return Either.right(entries);
        }
        try (Repository repository = remote.isPresent() ? openOrCreate() : open(); RevWalk walk = new RevWalk(repository)) {
            fetch(repository);
            Ref head = repository.exactRef(ref());
            if (head == null) {
                return Either.right(entries);
            }
            walk.markStart(walk.parseCommit(head.getObjectId()));
            for (RevCommit commit : walk) {
                if (entries.size() == limit) {
                    break;
                }
                PersonIdent author = commit.getAuthorIdent();
                entries.add(new Entry(commit.name(), author.getWhenAsInstant(), author.getName(), commit.getShortMessage()));
            }
            return Either.right(entries);
        } catch (IOException e) {
            return Either.left(new StateError.StorageFailure("cannot read history of " + where() + ": " + e.getMessage()));
        }
    }

    /** What {@link #pushUnpushed} found in the local cache. */
    public enum Unpushed { NONE, ALREADY_THERE, PUSHED }

    /**
     * Pushes the state commit a write kept as {@code refs/teleform/unpushed/<stack>} because its push failed (a CI
     * runner's cache may be carried to the next runner for this), with a lease on the commit it was made on top of:
     * it lands only where it was made, never over a state written since. A commit the remote already has is only
     * forgotten; the local ref is dropped once the remote holds the commit.
     *
     * @param hint how a refusal names the commands to run instead
     */
    public Either<StateError, Unpushed> pushUnpushed(CommandHint hint) {
        if (remote.isEmpty()) {
            return Either.left(new StateError.StorageFailure("the stack has no state remote (spec.state.remote): "
                    + "there is nowhere to push state to"));
        }
        if (!StateRepositories.exists(repo)) {
            return Either.right(Unpushed.NONE);
        }
        String keep = "refs/teleform/unpushed/" + stack;
        try (Repository repository = open(); RevWalk walk = new RevWalk(repository)) {
            Ref kept = repository.exactRef(keep);
            if (kept == null) {
                return Either.right(Unpushed.NONE);
            }
            fetch(repository);
            RevCommit pending = walk.parseCommit(kept.getObjectId());
            Ref head = repository.exactRef(ref());
            ObjectId base = pending.getParentCount() == 0 ? ObjectId.zeroId() : pending.getParent(0).getId();
            ObjectId now = head == null ? ObjectId.zeroId() : head.getObjectId();
            if (head != null && walk.isMergedInto(pending, walk.parseCommit(now))) {
                forget(repository, keep);
                return Either.right(Unpushed.ALREADY_THERE);
            }
            if (!now.equals(base)) {
                return Either.left(new StateError.Unpushable("state in " + remote.get() + " was written since the "
                        + "unpushed commit " + pending.name() + " was made (made on " + describe(base) + ", now at "
                        + describe(now) + "); pushing it would lose one of them. Nothing was pushed: plan again ("
                        + hint.teleform("plan") + "): what the unpushed run did is in Teleport, and the plan adopts "
                        + "what matches the stack; '" + hint.teleform("import ADDR") + "' the rest. The commit stays "
                        + "in " + repo + " as " + keep));
            }
            Optional<String> foreign = notAWriteOfThisStack(repository, walk, pending, base);
            if (foreign.isPresent()) {
                return Either.left(new StateError.Unpushable("the unpushed commit " + pending.name() + " is not "
                        + "state this stack wrote on " + describe(base) + ": " + foreign.get() + ". Nothing was "
                        + "pushed; it stays in " + repo + " as " + keep));
            }
            if (remote.get().push(repository, ref(), base, Optional.of(pending.getId())) == GitRemote.Pushed.REJECTED) {
                return Either.left(new StateError.Conflict("state in " + remote.get() + " changed while the unpushed "
                        + "commit " + pending.name() + " was pushed; nothing was pushed: run this again"));
            }
            RefUpdate local = repository.updateRef(ref());
            local.setNewObjectId(pending);
            local.setForceUpdate(true);
            local.update(walk);
            forget(repository, keep);
            return Either.right(Unpushed.PUSHED);
        } catch (IOException e) {
            return Either.left(new StateError.StorageFailure("cannot push the unpushed state of " + where() + ": "
                    + e.getMessage()));
        }
    }

    /**
     * Why {@code pending} is no write of this stack on {@code base}, if it is not: a carried cache (a CI artifact)
     * is only as trustworthy as whoever made it, so what is pushed must at least be this stack's state, in its
     * lineage, the very next serial after the state it was made on.
     */
    private Optional<String> notAWriteOfThisStack(Repository repository, RevWalk walk, RevCommit pending,
            ObjectId base) throws IOException {
        Either<String, State> written = stateIn(repository, pending);
        if (written.isLeft()) {
            return Optional.of(written.getLeft());
        }
        State state = written.get();
        if (!state.stack().equals(stack)) {
            return Optional.of("it holds the state of stack " + state.stack());
        }
        if (base.equals(ObjectId.zeroId())) {
            return state.serial() == 1 ? Optional.empty()
                    : Optional.of("it is serial " + state.serial() + " of a first write");
        }
        Either<String, State> before = stateIn(repository, walk.parseCommit(base));
        if (before.isLeft()) {
            return Optional.empty(); // the remote's own state unreadable: the next read says so, not this push
        }
        if (!before.get().lineage().equals(state.lineage())) {
            return Optional.of("its lineage " + state.lineage() + " is not the remote's " + before.get().lineage());
        }
        return state.serial() == before.get().serial() + 1 ? Optional.empty()
                : Optional.of("it is serial " + state.serial() + ", where the next write after serial "
                        + before.get().serial() + " is " + (before.get().serial() + 1));
    }

    private Either<String, State> stateIn(Repository repository, RevCommit commit) throws IOException {
        Optional<byte[]> bytes = stateFileIn(repository, commit);
        return bytes.isEmpty() ? Either.left("it has no " + file) : StateCodec.read(bytes.get());
    }

    /** The state file's bytes as {@code commit} has them; empty when it has none. */
    private Optional<byte[]> stateFileIn(Repository repository, RevCommit commit) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(repository, file, commit.getTree())) {
            return tree == null ? Optional.empty() : Optional.of(repository.open(tree.getObjectId(0)).getBytes());
        }
    }

    private static String describe(ObjectId commit) {
        return commit.equals(ObjectId.zeroId()) ? "nothing" : commit.name();
    }

    private static void forget(Repository repository, String ref) throws IOException {
        RefUpdate drop = repository.updateRef(ref);
        drop.setForceUpdate(true);
        drop.delete();
    }

    private String where() {
        return repo + " (" + branch + ":" + file + ")";
    }

    private Repository open() throws IOException {
        return StateRepositories.open(repo);
    }

    private Repository openOrCreate() throws IOException {
        return StateRepositories.openOrCreate(repo, branch);
    }

    /** Who writes: the OS user on this host, so the history says which runner did what. */
    private PersonIdent identity() {
        String user = System.getProperty("user.name", "teleform");
        return new PersonIdent("teleform (" + user + ")", user + "@" + GitLocks.Hosts.name(), clock.instant(),
                ZoneOffset.UTC);
    }
}
