package dev.teleform.engine.state;

import dev.teleform.engine.json.CanonicalJson;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stack locks in the state repository: the ref {@code refs/teleform/locks/<stack>} points at a
 * commit whose message holds the {@link LockHolder}. It is created only where it does not exist
 * (expected old id zero) and removed only where it is still ours, so two processes can never both
 * hold it. A lock left by a process on this host that no longer runs is taken over (the re-run after
 * a kill -9 just works); any other lock is reported, never stolen.
 */
public final class GitLocks {

    private final Path repo;
    private final String stack;
    private final InstantSource clock;
    private final Optional<GitRemote> remote;

    public GitLocks(Path repo, String stack, InstantSource clock) {
        this(repo, stack, clock, Optional.empty());
    }

    /** With a remote, the lock is the remote's ref: fetched before it is read, pushed with a lease. */
    GitLocks(Path repo, String stack, InstantSource clock, Optional<GitRemote> remote) {
        this.repo = repo.toAbsolutePath().normalize();
        this.stack = stack;
        this.clock = clock;
        this.remote = remote;
    }

    /** Locks kept in {@code remote} (a git URL), with {@code repo} as the local cache. */
    public static GitLocks shared(Path repo, String stack, InstantSource clock, String remote)
            throws java.net.URISyntaxException {
        return new GitLocks(repo, stack, clock, Optional.of(new GitRemote(remote)));
    }

    private void fetch(Repository repository) throws IOException {
        if (remote.isPresent()) {
            remote.get().fetch(repository, "refs/teleform/locks/*");
        }
    }

    /**
     * Moves the lock ref from {@code expected} to {@code next} (empty: delete): on the remote first, by
     * a push with a lease, then in the local cache; without a remote, by a local compare-and-swap.
     */
    private boolean move(Repository repository, ObjectId expected, Optional<ObjectId> next) throws IOException {
        if (remote.isPresent()
                && remote.get().push(repository, ref(), expected, next) == GitRemote.Pushed.REJECTED) {
            return false;
        }
        RefUpdate update = repository.updateRef(ref());
        update.setExpectedOldObjectId(remote.isPresent() ? null : expected);
        update.setForceUpdate(true);
        RefUpdate.Result result;
        if (next.isPresent()) {
            update.setNewObjectId(next.get());
            result = update.update();
        } else {
            result = update.delete();
        }
        return result == RefUpdate.Result.NEW || result == RefUpdate.Result.FORCED
                || result == RefUpdate.Result.FAST_FORWARD || result == RefUpdate.Result.NO_CHANGE;
    }

    String ref() {
        return "refs/teleform/locks/" + stack;
    }

    /** Takes the lock for {@code operation}. */
    public LockOutcome acquire(String operation) {
        LockHolder me = new LockHolder(UUID.randomUUID().toString(), System.getProperty("user.name", "teleform"),
                Hosts.name(), ProcessHandle.current().pid(), operation, clock.instant());
        try (Repository repository = openOrCreate()) {
            // A competitor may hold the ref's .lock file for a moment before its ref appears; keep looking
            // (about a second) until either we win or its lock is there to report.
            for (int attempt = 0; attempt < 50; attempt++) {
                if (attempt > 0) {
                    pause();
                }
                fetch(repository);
                Ref current = repository.exactRef(ref());
                ObjectId expected = current == null ? ObjectId.zeroId() : current.getObjectId();
                Optional<LockHolder> previous = current == null ? Optional.empty() : holder(repository, expected);
                if (previous.isPresent() && !abandoned(previous.get())) {
                    return new LockOutcome.Held(previous.get());
                }
                ObjectId commit = write(repository, me);
                if (move(repository, expected, Optional.of(commit))) {
                    GitLock lock = new GitLock(me, commit);
                    return previous.<LockOutcome>map(p -> new LockOutcome.TakenOver(lock, p))
                            .orElse(new LockOutcome.Acquired(lock));
                }
                // someone moved the ref between our read and our write, or is writing it now: look again
            }
            fetch(repository);
            Ref now = repository.exactRef(ref());
            return now == null ? new LockOutcome.Failed("the lock ref " + ref() + " keeps changing")
                    : holder(repository, now.getObjectId()).<LockOutcome>map(LockOutcome.Held::new)
                            .orElse(new LockOutcome.Failed("the lock ref " + ref() + " keeps changing"));
        } catch (IOException e) {
            return new LockOutcome.Failed("cannot take the lock in " + repo + ": " + e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The current holder, if the stack is locked. */
    public Optional<LockHolder> holder() {
        if (!StateRepositories.exists(repo)) {
            return Optional.empty();
        }
        try (Repository repository = open()) {
            fetch(repository);
            Ref current = repository.exactRef(ref());
            return current == null ? Optional.empty() : holder(repository, current.getObjectId());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes the lock with id {@code lockId} ({@code teleform unlock}); false when the stack is not
     * locked with that id.
     */
    public boolean forceUnlock(String lockId) throws IOException {
        if (!StateRepositories.exists(repo)) {
            return false;
        }
        try (Repository repository = open()) {
            fetch(repository);
            Ref current = repository.exactRef(ref());
            if (current == null) {
                return false;
            }
            Optional<LockHolder> holder = holder(repository, current.getObjectId());
            if (holder.isEmpty() || !holder.get().id().equals(lockId)) {
                return false;
            }
            return move(repository, current.getObjectId(), Optional.empty());
        }
    }

    /** A lock of a process on this host that is gone can be taken over; anything else cannot. */
    private static boolean abandoned(LockHolder holder) {
        return holder.host().equals(Hosts.name())
                && ProcessHandle.of(holder.pid()).map(p -> !p.isAlive()).orElse(true);
    }

    private ObjectId write(Repository repository, LockHolder holder) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId emptyTree = inserter.insert(new TreeFormatter());
            ObjectNode json = CanonicalJson.mapper().createObjectNode();
            json.put("id", holder.id());
            json.put("who", holder.who());
            json.put("host", holder.host());
            json.put("pid", holder.pid());
            json.put("operation", holder.operation());
            json.put("started", holder.started().toString());
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(emptyTree);
            PersonIdent ident = new PersonIdent("teleform (" + holder.who() + ")", holder.who() + "@" + holder.host(),
                    holder.started(), ZoneOffset.UTC);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("teleform lock: " + holder.operation() + "\n\n" + CanonicalJson.write(json));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    private static Optional<LockHolder> holder(Repository repository, ObjectId commitId) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            String message = walk.parseCommit(commitId).getFullMessage();
            int json = message.indexOf('{');
            if (json < 0) {
                return Optional.empty();
            }
            JsonNode node = CanonicalJson.mapper().readTree(message.substring(json));
            return Optional.of(new LockHolder(node.path("id").asString(), node.path("who").asString(),
                    node.path("host").asString(), node.path("pid").asLong(), node.path("operation").asString(),
                    Instant.parse(node.path("started").asString())));
        }
    }

    private Repository open() throws IOException {
        return StateRepositories.open(repo);
    }

    private Repository openOrCreate() throws IOException {
        return StateRepositories.openOrCreate(repo, "main");
    }

    /** The lock this process holds. */
    private final class GitLock implements StateLock {
        private final LockHolder holder;
        private final ObjectId commit;
        private volatile boolean released;

        GitLock(LockHolder holder, ObjectId commit) {
            this.holder = holder;
            this.commit = commit;
        }

        @Override
        public LockHolder holder() {
            return holder;
        }

        @Override
        public void release() {
            if (released) {
                return;
            }
            released = true;
            try (Repository repository = open()) {
                Ref current = repository.exactRef(ref());
                if (current != null && current.getObjectId().equals(commit)) {
                    move(repository, commit, Optional.empty());
                }
            } catch (IOException e) {
                // the lock stays; teleform unlock <id> removes it, and a re-run on this host takes it over
            }
        }
    }

    /** This host's name, for lock holders and commit authors. */
    static final class Hosts {
        private static final String NAME = lookup();

        private Hosts() {
        }

        static String name() {
            return NAME;
        }

        private static String lookup() {
            String fromEnvironment = System.getenv("HOSTNAME");
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return fromEnvironment;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
    }
}
