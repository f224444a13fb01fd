package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.state.GitLocks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.teleform.cli.contract.CrashStack;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged CLI during a 5-cluster apply, at one seeded moment in each sixth of its progress; after
 * each, apply again in another process: it must take over the dead run's lock (never report it held), finish
 * without an already-exists error and create nothing twice, and then live must equal the stack and state must
 * equal live (read in this JVM). Every crash point of an apply is driven in one JVM by
 * {@code contract.ApplyCrashPointsTest}; these real kills keep what only a dead process shows: its lock left
 * behind, and a kill that falls anywhere, a state commit under way included.
 */
class CrashIT {

    private static final Path REPO = PackagedCli.REPO;
    private static final int CLUSTERS = 5;
    private static final int KILLS = 6;
    /** A progress line: {@code role/team@c0: creating...}, {@code invite for user/...: ...}. */
    private static final Pattern PROGRESS = Pattern.compile("^(invite for )?[a-z_]+/[^ ]+: ");

    private record Run(int exit, String output) {}

    private static Process start(String... args) throws IOException {
        return PackagedCli.command(args).redirectErrorStream(true).start();
    }

    private static Run run(String... args) throws Exception {
        Process process = start(args);
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }

    @Test
    void aKilledApplyIsCompletedByTheNextOne() throws Exception {
        // The kill points are progress events, not times: a time would mostly fall before the lock is taken
        // (JVM start, loading, planning) or after the short apply ended. A full run prints about 55 events;
        // one kill falls in each sixth of the first 48.
        Random seeded = new Random(20261125);
        List<Integer> events = IntStream.range(0, KILLS).mapToObj(band -> band * 8 + 1 + seeded.nextInt(8)).toList();
        Path base = REPO.resolve("cli/target/crash-e2e");
        int takeovers = 0;
        long recorded = 0;
        for (int point = 0; point < KILLS; point++) {
            Path dir = base.resolve("run-" + point);
            TestFiles.deleteTree(dir);
            CrashStack.write(dir, "crash", CLUSTERS);
            int killAt = events.get(point);
            int extraMicros = seeded.nextInt(5_000);
            Process apply = start("apply", dir.toString(), "--auto-approve");
            int seen = seenEvents(apply, killAt);
            TimeUnit.MICROSECONDS.sleep(extraMicros);
            apply.destroyForcibly();
            assertTrue(apply.waitFor(30, TimeUnit.SECONDS));

            Run again = run("apply", dir.toString(), "--auto-approve");
            String where = "killed " + extraMicros + " µs after progress event " + killAt + " (point " + point + ", saw "
                    + seen + "):\n" + again.output();
            assertEquals(0, again.exit(), where);
            assertFalse(again.output().toLowerCase().contains("already exists"), where);
            assertFalse(again.output().contains("the stack is locked"), where);
            if (again.output().contains("took over the lock of a process that no longer runs")) {
                takeovers++;
            }
            assertTrue(new GitLocks(dir.resolve(".teleform/state.git"), "crash", InstantSource.system()).holder()
                    .isEmpty(), "the re-run released its lock: " + where);
            recorded += assertCreatedOnce(dir, where);

            CliRun plan = CliRun.of("plan", dir.toString(), "--detailed-exitcode");
            assertEquals(0, plan.exit(), "live equals the stack after " + where + "\n" + plan.out() + plan.err());
            CliRun state = CliRun.of("state", "list", dir.toString());
            assertEquals(3 * CLUSTERS, state.out().lines().filter(l -> l.contains("/")).count(),
                    "state holds every resource: " + state.out());
        }
        System.out.println("CrashIT: " + KILLS + " kills at progress events " + events + "; the re-run took over "
                + takeovers + " locks left by the killed run; " + recorded + " of " + KILLS * 3 * CLUSTERS
                + " creations recorded (a kill hides those between write and record)");
        assertTrue(recorded >= KILLS * 3 * CLUSTERS * 8 / 10, "the creation record works: " + recorded + " of "
                + KILLS * 3 * CLUSTERS + " creations recorded");
        assertTrue(takeovers >= KILLS * 3 / 4, "most kills leave a lock behind, which the next run takes over: " + takeovers);
    }

    /**
     * The simulator records each resource a write brought into existence. A kill between a write and
     * its record hides that creation (one per call under way at the kill), but nothing can add one: more
     * records than declared resources means something was created twice. Returns how many were recorded.
     */
    private static long assertCreatedOnce(Path dir, String where) throws Exception {
        return CrashStack.createdOnce(CliRun.of("sim", "-C", dir.toString(), "status", "--format", "json").out(),
                CLUSTERS, where);
    }

    /** Reads the apply's output until its {@code count}th progress event (or its end); how many it saw. */
    private static int seenEvents(Process apply, int count) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(apply.getInputStream(), StandardCharsets.UTF_8));
        int seen = 0;
        String line;
        while (seen < count && (line = output.readLine()) != null) {
            if (PROGRESS.matcher(line).find()) {
                seen++;
            }
        }
        return seen;
    }

}
