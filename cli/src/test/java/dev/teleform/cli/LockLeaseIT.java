package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.testing.GitDaemon;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Lock leases between two CI runners: two clones of one stack sharing state and lock through a remote served by
 * {@code git daemon}, each run of the packaged CLI on a host of its own ({@code HOSTNAME} runner-a or runner-b, so
 * the same-host process check plays no part and only the heartbeat tells whether the holder lives). A holder
 * killed with SIGKILL is taken over once its heartbeat is older than the lease, never before; a live holder in a
 * long wait is never taken over; and a holder whose lock is removed ({@code unlock --force}) stops at its next
 * checkpoint without writing state.
 */
@ResourceLock(GitDaemon.PORTS)
class LockLeaseIT {

    private static final Pattern LOCK_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    /**
     * Runner-a's and runner-b's clones of the quickstart, sharing state in a new repository that {@code daemon}
     * serves; runner-b's, which the tests run commands in.
     */
    private Path checkouts(GitDaemon daemon, String lease, String provisioning) throws IOException {
        String url = daemon.newRepository("state.git");
        checkout("runner-a", url, lease, provisioning);
        return checkout("runner-b", url, lease, provisioning);
    }

    /** A runner's clone of the quickstart: state in {@code url}, the given lease and cluster provisioning time. */
    private Path checkout(String runner, String url, String lease, String provisioning) throws IOException {
        Path stack = Files.createDirectories(dir.resolve(runner));
        CliRun.copyQuickstart(stack, false);
        Path stackFile = stack.resolve("stack.yaml");
        Files.writeString(stackFile, Files.readString(stackFile)
                .replace("    repo: .teleform/state.git", "    repo: .teleform/state.git\n    remote: " + url
                        + "\n    lock_lease: " + lease)
                .replace("provisioning_delay: 5s", "provisioning_delay: " + provisioning)
                .replace("dir: .teleform/sim", "dir: " + dir.resolve("teleport"))); // one Teleport for both
        return stack;
    }

    /** Where runner-b's applies write the invite links they make (delivering them is not what is tested). */
    private String invites() {
        return dir.resolve("invites-runner-b.jsonl").toString();
    }

    private CliRun applyOnB(Path b) throws Exception {
        return onB("apply", b.toString(), "--auto-approve", "--invites-out", invites());
    }

    /** Runner-b's plan has nothing to do: what the runs did between them is all in state and Teleport. */
    private void assertInSyncOnB(Path b) throws Exception {
        CliRun plan = onB("plan", b.toString(), "--detailed-exitcode");
        assertEquals(0, plan.exit(), plan.out() + plan.err());
    }

    private CliRun onB(String... args) throws Exception {
        return PackagedCli.run(dir, Map.of("HOSTNAME", "runner-b"), args);
    }

    @Test
    void aHolderKilledWithSigkillIsTakenOverOnceItsHeartbeatIsOlderThanTheLeaseNeverBefore() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"))) {
            // a lease long enough that runner-b's CLI starts well within it on a loaded machine, where a JVM may take
            // many seconds to start; the kill must still be seen as alive right after it
            Path b = checkouts(daemon, "30s", "25s");
            Instant killed;
            try (Holder holder = Holder.waitingOnRunnerA(dir)) {
                CliRun status = onB("lock", "status", b.toString(), "--format", "json");
                assertEquals(3, status.exit(), status.err());
                assertTrue(status.out().contains("\"state\":\"live\""), status.out());
                assertTrue(status.out().contains("\"host\":\"runner-a\""), status.out());
                holder.process.destroyForcibly(); // SIGKILL: no release, no last beat
                assertTrue(holder.process.waitFor(30, TimeUnit.SECONDS));
                killed = Instant.now();
            }
            CliRun refused = applyOnB(b);
            assertEquals(3, refused.exit(), "a heartbeat within the lease keeps the lock: " + refused.err());
            assertTrue(refused.err().contains("its heartbeat is"), refused.err());

            Instant stale = awaitStale(b, killed.plusSeconds(90));
            assertTrue(Duration.between(killed, stale).compareTo(Duration.ofSeconds(19)) >= 0,
                    "stale only once the lease (30s) has passed since the last beat (a beat a third of the lease "
                            + "apart, so at most ~10s before the kill): " + Duration.between(killed, stale));

            System.out.println("LockLeaseIT: the killed holder's lock (lease 30s) was first seen stale "
                    + Duration.between(killed, stale).toMillis() + " ms after the kill");
            CliRun taken = applyOnB(b);
            assertEquals(0, taken.exit(), taken.err());
            assertTrue(taken.err().contains("warning: took over the lock of a run whose heartbeat stopped (its last "
                    + "heartbeat is "), taken.err());
            assertTrue(taken.err().contains("apply by "), taken.err());
            assertTrue(taken.err().contains("@runner-a (pid "), taken.err());
            assertTrue(taken.err().contains(", last heartbeat 20"), taken.err());
            assertEquals(0, onB("lock", "status", b.toString()).exit(), "the taker released the lock");
            assertInSyncOnB(b);
        }
    }

    @Test
    void aLiveSlowHolderIsNeverTakenOver() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"))) {
            Path b = checkouts(daemon, "3s", "15s");
            int refusals = 0;
            try (Holder holder = Holder.waitingOnRunnerA(dir)) {
                while (holder.process.isAlive()) {
                    CliRun tried = applyOnB(b);
                    if (!holder.process.isAlive() && tried.exit() == 0) {
                        break; // the holder finished and released the lock meanwhile
                    }
                    assertEquals(3, tried.exit(), "attempt " + refusals + ": " + tried.err());
                    assertTrue(tried.err().contains("It is not taken over: its heartbeat is"), tried.err());
                    refusals++;
                }
                assertEquals(0, holder.process.waitFor(), holder.output());
                assertTrue(holder.output().contains("Apply complete"), holder.output());
                assertFalse(holder.output().contains("no longer holds the lock"), holder.output());
            }
            System.out.println("LockLeaseIT: the live holder (lease 3s, a 15s wait) refused " + refusals + " applies");
            assertTrue(refusals >= 3, "the holder outlived its lease several times over, refused " + refusals + " runs");
            assertInSyncOnB(b);
        }
    }

    @Test
    void aHolderWhoseLockIsRemovedStopsAtItsNextCheckpointWithoutWritingState() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(dir.resolve("served"))) {
            // the holder waits 40s for its cluster: still waiting, on a loaded machine too, when its lock is removed
            Path b = checkouts(daemon, "10s", "40s");
            try (Holder holder = Holder.waitingOnRunnerA(dir)) {
                CliRun status = onB("lock", "status", b.toString(), "--format", "json");
                Matcher id = LOCK_ID.matcher(status.out());
                assertTrue(id.find(), status.out());

                CliRun plain = onB("unlock", id.group(1), b.toString());
                assertEquals(1, plain.exit(), plain.err());
                assertTrue(plain.err().contains("the lock was not removed: its run is alive (its heartbeat is"),
                        plain.err());
                // B's stack is not where the command ran: the command to run names it
                assertTrue(Pattern.compile("teleform unlock " + id.group(1) + " \\S*b --force").matcher(plain.err()).find(),
                        plain.err());

                ObjectId before = head(daemon.path("state.git"));
                CliRun forced = onB("unlock", id.group(1), b.toString(), "--force");
                assertEquals(0, forced.exit(), forced.err());
                assertTrue(forced.err().contains("removed the lock: apply by "), forced.err());
                assertTrue(forced.err().contains("warning: its run was alive"), forced.err());

                assertTrue(holder.process.waitFor(120, TimeUnit.SECONDS));
                String output = holder.output();
                assertEquals(1, holder.process.exitValue(), output);
                assertTrue(output.contains("STATE NOT SAVED: this run no longer holds the lock of stack quickstart "
                        + "(lock id " + id.group(1) + "): it was removed by 'teleform unlock " + id.group(1) + "'"),
                        output);
                assertEquals(before, head(daemon.path("state.git")), "nothing was written after the removal:\n" + output);
            }
            assertEquals(0, onB("lock", "status", b.toString()).exit(), "the stopped run did not bring its lock back");
            CliRun again = applyOnB(b);
            assertEquals(0, again.exit(), again.err());
            assertInSyncOnB(b);
        }
    }

    /** Polls {@code lock status} on runner-b until the lock is stale; when it first was. */
    private Instant awaitStale(Path b, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline)) {
            CliRun status = onB("lock", "status", b.toString(), "--format", "json");
            Instant seen = Instant.now();
            assertEquals(3, status.exit(), status.err());
            if (status.out().contains("\"stale\":true")) {
                return seen;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the lock of the killed holder never became stale");
    }

    private static ObjectId head(Path bare) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build()) {
            return repository.exactRef("refs/heads/main").getObjectId();
        }
    }

    /** An apply on runner-a, running in the background, its output gathered as it comes. */
    private static final class Holder implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        private Holder(Process process) {
            this.process = process;
            this.reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = output.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            });
        }

        /** Runner-a's apply, once it holds the lock and waits for its new workload cluster. */
        static Holder waitingOnRunnerA(Path workDir) throws IOException, InterruptedException {
            Holder holder = apply(workDir.resolve("runner-a"), workDir);
            holder.awaitLine("waiting until active", Duration.ofSeconds(90));
            return holder;
        }

        static Holder apply(Path stack, Path workDir) throws IOException {
            ProcessBuilder builder = PackagedCli.command("apply", stack.toString(), "--auto-approve", "--invites-out",
                            workDir.resolve("invites-runner-a.jsonl").toString())
                    .directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().remove("TELEFORM_DEBUG");
            builder.environment().put("HOSTNAME", "runner-a");
            Process process = builder.start();
            process.getOutputStream().close();
            return new Holder(process);
        }

        void awaitLine(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lines) {
                while (lines.stream().noneMatch(line -> line.contains(text))) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                        throw new AssertionError("no line with \"" + text + "\" in:\n" + String.join("\n", lines));
                    }
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 200_000_000L))));
                }
            }
        }

        String output() throws InterruptedException {
            reader.join(Duration.ofSeconds(30));
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
