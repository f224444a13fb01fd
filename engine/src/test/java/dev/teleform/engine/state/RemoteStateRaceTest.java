package dev.teleform.engine.state;

import dev.teleform.engine.addr.ResourceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.testing.GitDaemon;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Two CI runners on two machines, each with its own clone, share state through a remote served by
 * {@code git daemon} on 127.0.0.1: racing 50 times, exactly one takes the lock each time, of two writes
 * from the same state exactly one lands, and the remote's history never forks. The races run on five
 * remotes at once, ten on each: a race waits mostly on git's round trips, and each remote's history is
 * checked on its own.
 */
@ResourceLock(GitDaemon.PORTS)
class RemoteStateRaceTest {

    private static final int REMOTES = 5;
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    private GitDaemon daemon;

    @BeforeEach
    void serve() throws Exception {
        daemon = GitDaemon.start(dir.resolve("served"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        daemon.close();
    }

    /** One CI runner: its own local cache of the shared state. */
    private record Runner(String name, GitLocks locks, GitStateStore store) {}

    private Runner runner(String name, String url) throws Exception {
        Path cache = dir.resolve(name).resolve("state.git");
        return new Runner(name, GitLocks.shared(cache, "prod", InstantSource.system(), url),
                GitStateStore.shared(cache, "main", "prod.json", "prod", InstantSource.system(), url));
    }

    private static State plus(State state, String name) {
        Map<Address, ResourceState> resources = new TreeMap<>(state.resources());
        Address address = Address.inParent(ResourceKind.ROLE, name);
        resources.put(address, new ResourceState(address, JsonNodeFactory.instance.objectNode().put("kind", "role"),
                JsonNodeFactory.instance.objectNode(), false));
        return state.next(resources);
    }

    @Test
    void twoRunnersRacingNeverBothWinAndNeverFork() throws Exception {
        try (var remotes = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> races = new ArrayList<>();
            for (int remote = 0; remote < REMOTES; remote++) {
                String repository = "state-" + remote + ".git";
                String url = daemon.newRepository(repository);
                String prefix = "r" + remote + "-";
                races.add(remotes.submit(() -> {
                    race(repository, List.of(runner(prefix + "a", url), runner(prefix + "b", url)));
                    return null;
                }));
            }
            for (Future<Void> race : races) {
                race.get(5, TimeUnit.MINUTES);
            }
        }
    }

    /** {@link #ROUNDS} races of two runners on the remote {@code repository}. */
    private void race(String repository, List<Runner> runners) throws Exception {
        int writes = 0;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < ROUNDS; round++) {
                // Both try the lock at once; the winner holds it until both have tried.
                CyclicBarrier tried = new CyclicBarrier(2);
                List<Future<Boolean>> lockRace = new ArrayList<>();
                int r = round;
                for (Runner runner : runners) {
                    lockRace.add(pool.submit(() -> {
                        LockOutcome outcome = runner.locks().acquire("apply");
                        tried.await(30, TimeUnit.SECONDS);
                        if (!(outcome instanceof LockOutcome.Acquired acquired)) {
                            assertInstanceOf(LockOutcome.Held.class, outcome, outcome.toString());
                            return false;
                        }
                        try (StateLock held = acquired.lock()) {
                            var read = runner.store().read().get();
                            assertTrue(runner.store().write(plus(read.state(), "lock-" + r + "-" + runner.name()),
                                    read.version(), "round " + r).isRight());
                        }
                        return true;
                    }));
                }
                int winners = 0;
                for (Future<Boolean> race : lockRace) {
                    winners += race.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners, repository + " round " + round + ": exactly one runner holds the lock");
                writes++;

                // Both read the same state and write on top of it without a lock: the lease lets one land.
                CyclicBarrier read = new CyclicBarrier(2);
                List<Future<Boolean>> writeRace = new ArrayList<>();
                for (Runner runner : runners) {
                    writeRace.add(pool.submit(() -> {
                        var snapshot = runner.store().read().get();
                        read.await(30, TimeUnit.SECONDS);
                        var written = runner.store().write(plus(snapshot.state(), "free-" + r + "-" + runner.name()),
                                snapshot.version(), "round " + r + " without a lock");
                        if (written.isLeft()) {
                            assertInstanceOf(StateError.Conflict.class, written.getLeft(), written.getLeft().message());
                        }
                        return written.isRight();
                    }));
                }
                int landed = 0;
                for (Future<Boolean> race : writeRace) {
                    landed += race.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, landed, repository + " round " + round
                        + ": exactly one of two writes from the same state lands");
                writes++;
            }
        }
        assertLinearHistory(repository, writes);
        State last = runners.get(0).store().read().get().state();
        assertEquals(writes, last.serial());
        assertEquals(writes, last.resources().size(), "every landed write is in the final state");
        assertTrue(runners.get(1).locks().holder().isEmpty(), "no lock left behind");
    }

    /** The served branch is one chain of {@code writes} commits: no merge, no fork, nothing lost. */
    private void assertLinearHistory(String repository, int writes) throws IOException {
        try (Repository served = Git.open(daemon.path(repository).toFile()).getRepository();
                RevWalk walk = new RevWalk(served)) {
            RevCommit commit = walk.parseCommit(served.resolve("refs/heads/main"));
            int length = 1;
            while (commit.getParentCount() > 0) {
                assertEquals(1, commit.getParentCount());
                commit = walk.parseCommit(commit.getParent(0));
                length++;
            }
            assertEquals(writes, length);
        }
    }
}
