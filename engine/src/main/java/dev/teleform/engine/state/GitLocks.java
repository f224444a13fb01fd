package dev.teleform.engine.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Stack locks in the state repository: the ref {@code refs/teleform/locks/<stack>} points at a
 * commit that records the {@link LockHolder} ({@link LockCommits}). It is created only where it does not exist
 * (expected old id zero), moved by its holder's heartbeat and removed only where it is still the holder's last
 * beat, so two processes can never both hold it. A lock whose holder is gone is taken over: a process on this
 * host that no longer runs (the re-run after a kill -9 just works), or one elsewhere whose heartbeat is older
 * than the lease ({@link LockLease}). A holder that is alive is never taken over, only reported.
 */
public final class GitLocks {

    /** Attempts at reading the lock where it is kept before a check gives up. */
    private static final int CHECK_ATTEMPTS = 3;

    private final Path repo;
    private final String stack;
    private final InstantSource clock;
    private final Optional<GitRemote> remote;
    private final LockLease lease;
    private final HeartbeatSchedule schedule;
    /** The host this process runs on: {@link Hosts#name()}, or another in tests of two hosts. */
    private final String host;

    public GitLocks(Path repo, String stack, InstantSource clock) {
        this(repo, stack, clock, LockLease.standard(), HeartbeatSchedule.VIRTUAL_THREAD);
    }

    /** Locks judged by {@code lease}, whose holders beat on {@code schedule}. */
    public GitLocks(Path repo, String stack, InstantSource clock, LockLease lease, HeartbeatSchedule schedule) {
        this(repo, stack, clock, Optional.empty(), lease, schedule);
    }

    /** With a remote, the lock is the remote's ref: fetched before it is read, pushed with a lease. */
    private GitLocks(Path repo, String stack, InstantSource clock, Optional<GitRemote> remote, LockLease lease,
            HeartbeatSchedule schedule) {
        this(repo, stack, clock, remote, lease, schedule, Hosts.name());
    }

    /** As seen from {@code host}: for tests of runs on two hosts. */
    GitLocks(Path repo, String stack, InstantSource clock, Optional<GitRemote> remote, LockLease lease,
            HeartbeatSchedule schedule, String host) {
        this.host = host;
        this.repo = repo.toAbsolutePath().normalize();
        this.stack = stack;
        this.clock = clock;
        this.remote = remote;
        this.lease = lease;
        this.schedule = schedule;
    }

    /** Locks kept in {@code remote} (a git URL), with {@code repo} as the local cache. */
    public static GitLocks shared(Path repo, String stack, InstantSource clock, String remote)
            throws java.net.URISyntaxException {
        return shared(repo, stack, clock, remote, LockLease.standard(), HeartbeatSchedule.VIRTUAL_THREAD);
    }

    /** Locks kept in {@code remote}, judged by {@code lease}, whose holders beat on {@code schedule}. */
    public static GitLocks shared(Path repo, String stack, InstantSource clock, String remote, LockLease lease,
            HeartbeatSchedule schedule) throws java.net.URISyntaxException {
        return shared(repo, stack, clock, remote, SshAccess.standard(), lease, schedule);
    }

    /** Locks kept in {@code remote}, an SSH one reached with {@code ssh}. */
    public static GitLocks shared(Path repo, String stack, InstantSource clock, String remote, SshAccess ssh,
            LockLease lease, HeartbeatSchedule schedule) throws java.net.URISyntaxException {
        return new GitLocks(repo, stack, clock, Optional.of(new GitRemote(remote, ssh)), lease, schedule);
    }

    /** The lease locks are judged by. */
    public LockLease lease() {
        return lease;
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

    /** Takes the lock for {@code operation}; once taken, it beats until released. */
    public LockOutcome acquire(String operation) {
        Instant now = clock.instant();
        LockHolder me = new LockHolder(UUID.randomUUID().toString(), System.getProperty("user.name", "teleform"),
                host, ProcessHandle.current().pid(), operation, now, Optional.of(now), lease.lease(), Hosts.processes());
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
                Optional<LockHolder> previous = current == null ? Optional.empty()
                        : LockCommits.read(repository, expected);
                Optional<LockLease.Verdict.Stale> stale = Optional.empty();
                if (previous.isPresent()) {
                    LockLease.Verdict verdict = judge(previous.get());
                    if (!(verdict instanceof LockLease.Verdict.Stale gone)) {
                        return new LockOutcome.Held(previous.get(), verdict);
                    }
                    stale = Optional.of(gone);
                }
                ObjectId commit = LockCommits.write(repository, me);
                if (move(repository, expected, Optional.of(commit))) {
                    GitLock lock = new GitLock(me, commit);
                    lock.beating = schedule.every(lease.heartbeat(), lock::beat);
                    return stale.isPresent() ? new LockOutcome.TakenOver(lock, previous.get(), stale.get())
                            : new LockOutcome.Acquired(lock);
                }
                // someone moved the ref between our read and our write, or is writing it now: look again
            }
            fetch(repository);
            Ref last = repository.exactRef(ref());
            Optional<LockHolder> holder = last == null ? Optional.empty() : LockCommits.read(repository, last.getObjectId());
            Optional<LockLease.Verdict> verdict = holder.map(this::judge);
            if (holder.isPresent() && !(verdict.get() instanceof LockLease.Verdict.Stale)) {
                return new LockOutcome.Held(holder.get(), verdict.get());
            }
            return new LockOutcome.Failed("the lock ref " + ref() + " keeps changing");
        } catch (IOException e) {
            return new LockOutcome.Failed("cannot take the lock in " + repo + ": " + e.getMessage());
        }
    }

    /** What {@code holder}'s lock is now, seen from this host. */
    public LockLease.Verdict judge(LockHolder holder) {
        return lease.judge(holder, clock.instant(), host, Hosts.processes(), GitLocks::runs);
    }

    private static boolean runs(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The current holder, if the stack is locked; empty too when the lock cannot be read. */
    public Optional<LockHolder> holder() {
        try {
            return current();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The current holder, if the stack is locked, read where the lock is kept. */
    public Optional<LockHolder> current() throws IOException {
        if (remote.isEmpty() && !StateRepositories.exists(repo)) {
            return Optional.empty();
        }
        try (Repository repository = remote.isPresent() ? openOrCreate() : open()) {
            fetch(repository);
            Ref current = repository.exactRef(ref());
            return current == null ? Optional.empty() : LockCommits.read(repository, current.getObjectId());
        }
    }

    /**
     * Removes the lock with id {@code lockId} ({@code teleform unlock}), whoever holds it and whatever its
     * heartbeat says (the caller asks first); false when the stack is not locked with that id.
     */
    public boolean forceUnlock(String lockId) throws IOException {
        if (remote.isEmpty() && !StateRepositories.exists(repo)) {
            return false;
        }
        try (Repository repository = remote.isPresent() ? openOrCreate() : open()) {
            // its holder's heartbeat may move the ref between our read and our delete: read it again then
            for (int attempt = 0; attempt < 10; attempt++) {
                fetch(repository);
                Ref current = repository.exactRef(ref());
                if (current == null) {
                    return false;
                }
                Optional<LockHolder> holder = LockCommits.read(repository, current.getObjectId());
                if (holder.isEmpty() || !holder.get().id().equals(lockId)) {
                    return false;
                }
                if (move(repository, current.getObjectId(), Optional.empty())) {
                    return true;
                }
                pause();
            }
            return false;
        }
    }

    private Repository open() throws IOException {
        return StateRepositories.open(repo);
    }

    private Repository openOrCreate() throws IOException {
        return StateRepositories.openOrCreate(repo, "main");
    }

    /**
     * What became of the lock {@code mine}, whose last beat is {@code ours}, read where it is kept: empty while
     * the ref is still there.
     */
    private Optional<StateError.LockLost> lost(Repository repository, LockHolder mine, ObjectId ours)
            throws IOException {
        fetch(repository);
        Ref now = repository.exactRef(ref());
        if (now != null && now.getObjectId().equals(ours)) {
            return Optional.empty();
        }
        Optional<LockHolder> holder = now == null ? Optional.empty() : LockCommits.read(repository, now.getObjectId());
        String what = holder.filter(h -> !h.id().equals(mine.id()))
                .map(h -> "it was taken over by " + h.describe())
                .orElse("it was removed by 'teleform unlock " + mine.id() + "'");
        return Optional.of(new StateError.LockLost("this run no longer holds the lock of stack " + stack
                + " (lock id " + mine.id() + "): " + what + "; this run stopped before writing state, so that it "
                + "does not write over its successor's"));
    }

    /** The lock this process holds; it beats until released. */
    private final class GitLock implements StateLock {
        private LockHolder holder;
        /** The commit of the last beat, which the ref must still point at: guarded by this. */
        private ObjectId commit;
        private StateError.LockLost lost;
        private boolean released;
        private volatile HeartbeatSchedule.Running beating;

        GitLock(LockHolder holder, ObjectId commit) {
            this.holder = holder;
            this.commit = commit;
        }

        @Override
        public synchronized LockHolder holder() {
            return holder;
        }

        /**
         * Refreshes the heartbeat by a move with a lease on the last beat: if the ref is not there any more, the
         * lock was removed or taken over, and the run learns it at its next state write. A beat that cannot reach
         * the remote is tried again at the next one.
         */
        synchronized void beat() {
            if (released || lost != null) {
                return;
            }
            try (Repository repository = open()) {
                LockHolder next = holder.beatingAt(clock.instant());
                ObjectId beat = LockCommits.write(repository, next);
                if (move(repository, commit, Optional.of(beat))) {
                    commit = beat;
                    holder = next;
                } else {
                    // refused: gone, or a competing write held the remote's ref at that moment (then try again)
                    lost = lost(repository, holder, commit).orElse(null);
                }
            } catch (IOException | RuntimeException e) {
                // the next beat tries again; a lease's worth of failed beats lets another run take over, which this
                // run then learns at its next check
            }
        }

        @Override
        public synchronized Optional<StateError> check() {
            if (lost != null) {
                return Optional.of(lost);
            }
            if (released) {
                return Optional.of(new StateError.LockLost("the lock of stack " + stack + " was released"));
            }
            IOException last = null;
            for (int attempt = 1; attempt <= CHECK_ATTEMPTS; attempt++) {
                try (Repository repository = open()) {
                    lost = lost(repository, holder, commit).orElse(null);
                    return Optional.ofNullable(lost);
                } catch (IOException e) {
                    last = e;
                    pauseFor(attempt);
                }
            }
            return Optional.of(new StateError.StorageFailure("cannot check that this run still holds the lock of "
                    + "stack " + stack + ": " + last.getMessage()));
        }

        @Override
        public void release() {
            HeartbeatSchedule.Running running = beating;
            if (running != null) {
                running.close(); // outside the monitor: a beat under way finishes first
            }
            synchronized (this) {
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
                    // the lock stays; teleform unlock <id> removes it, and a re-run takes it over once it is stale
                }
            }
        }
    }

    private static void pauseFor(int attempt) {
        try {
            Thread.sleep(250L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

        /**
         * Which process table this process's pid is in: the kernel's boot id and the pid namespace. Two containers
         * may share a host name but not this, and only where it is the same does a pid that does not run say that
         * its holder is gone. Empty where the system does not tell.
         */
        static String processes() {
            return PROCESSES;
        }

        private static final String PROCESSES = processTable();

        private static String processTable() {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip() + "/"
                        + Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return "";
            }
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
