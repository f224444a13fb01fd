package dev.teleform.bench;

import static dev.teleform.bench.BenchSupport.option;

import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.operation.PlanOperation;
import dev.teleform.engine.operation.Workspace;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.render.TextPlanRenderer;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.testing.StackSeeder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A no-change plan of a generated fleet that is live and in state (100 workload clusters x (1 + 50
 * roles + 49 users) = 10,000 resources by default) on the simulator with no latency: wall time split
 * into load, refresh, diff and render, provider calls, peak heap, git objects added; then the same
 * as {@code teleform plan} processes started by the launcher as a user would, alternating with
 * {@code teleform --version} in the same sitting: medians, their ratio, the peak resident set, and
 * the plan again with a 512 MB heap. Refresh and planning overlap (the planner takes each workload
 * cluster as it is read), so "refresh" is until the last cluster was read and "diff" what follows.
 * When the launcher has no AOT cache yet, its first start makes one (a training run): that time is shown.
 *
 * <p>Usage: {@code bench/run PlanBenchmark [--clusters N] [--runs N] [--in-jvm-runs N] [--small-heap 0]
 * [--dir DIR]} ({@code --small-heap 0} skips the runs with a 512 MB heap, for a build that would spend minutes
 * collecting in it; {@code --in-jvm-runs 0} times only the processes; {@code --dir} plans a stack that an
 * earlier run generated and seeded, named in its first line, instead of seeding a new one, which takes
 * minutes at 50,000 resources)
 */
public final class PlanBenchmark {

    private PlanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = option(args, "--runs", 3);
        int inJvmRuns = option(args, "--in-jvm-runs", runs);
        boolean smallHeap = option(args, "--small-heap", 1) != 0;
        Path dir = BenchSupport.text(args, "--dir").map(Path::of).orElse(null);
        if (dir == null) {
            int clusters = option(args, "--clusters", 100);
            StackGenerator generator = new StackGenerator(clusters, 50, 49);
            dir = Files.createTempDirectory("teleform-plan-bench");
            generator.write(dir);
            long seeding = System.nanoTime();
            StackSeeder.apply(dir);
            System.out.printf("stack: %d resources in %d workload clusters in %s; seeded live and into state in %.1f s%n",
                    generator.resourceCount(), clusters, dir, (System.nanoTime() - seeding) / 1e9);
        } else if (!Files.isDirectory(dir.resolve(".teleform/state.git"))) {
            throw new IllegalArgumentException(dir + " has no state: give --dir a stack an earlier run seeded");
        } else {
            System.out.println("stack: " + dir + " as an earlier run seeded it");
        }
        long objectsBefore = gitObjects(dir.resolve(".teleform/state.git"));
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        for (int run = 1; run <= inJvmRuns; run++) {
            BenchSupport.resetSimulatorCalls(dir);
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            StackResult read = new StackReader(LoadOptions.defaults()).read(dir);
            long loaded = System.nanoTime();
            Stack stack = ((StackResult.Valid) read).stack();
            Workspace workspace = Workspace.open(stack, InstantSource.system()).orElseThrow();
            try (Provider provider = workspace.provider().orElseThrow()) {
                var result = PlanOperation.run(workspace, provider, PlanOptions.normal(), 10).orElseThrow();
                long rendered = System.nanoTime();
                String text = new TextPlanRenderer(false).render(result.plan());
                long done = System.nanoTime();
                long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.out.printf("run %d (in one JVM): total %d ms = load %d + refresh %d + diff %d + render %d ms; "
                                + "peak heap %d MiB; %s%n", run, ms(done - start), ms(loaded - start),
                        result.refreshTime().toMillis(), result.planTime().toMillis(), ms(done - rendered), peak / 1048576,
                        text.lines().findFirst().orElse(""));
            }
            System.out.println("  provider calls: " + BenchSupport.simulatorCalls(dir));
        }
        System.out.printf("git objects in the state repository: %d before, %d after %d plans%n", objectsBefore,
                gitObjects(dir.resolve(".teleform/state.git")), inJvmRuns);
        String launcher = System.getProperty("teleform.launcher");
        if (launcher == null || !Files.isExecutable(Path.of(launcher))) {
            System.out.println("(no launcher: run through bench/run to time teleform as processes)");
            return;
        }
        // As a user runs it: the launcher (its JDK, its AOT cache), --version and plan alternating in one sitting.
        List<String> time = Files.isExecutable(Path.of("/usr/bin/time")) ? List.of("/usr/bin/time", "-f", "%e %M")
                : List.of();
        long[] version = new long[runs];
        long[] plan = new long[runs];
        long[] small = new long[runs];
        long[] resident = new long[runs];
        List<String> caches = aotCaches(launcher);
        long first = timed(time, launcher, Map.of(), "--version").wall();
        if (!aotCaches(launcher).equals(caches)) {
            System.out.printf("the launcher's first start made its AOT cache (a training run): %d ms%n", first);
        }
        for (int run = 0; run < runs; run++) {
            version[run] = timed(time, launcher, Map.of(), "--version").wall();
            Timed timed = timed(time, launcher, Map.of(), "plan", dir.toString());
            plan[run] = timed.wall();
            resident[run] = timed.residentKiB();
            small[run] = smallHeap ? timed(time, launcher, Map.of("TELEFORM_JAVA_OPTS", "-Xmx512m"), "plan",
                    dir.toString()).wall() : 0;
        }
        System.out.printf("teleform --version as a process: median %d ms of %d (%s)%n", median(version), runs,
                Arrays.toString(version));
        System.out.printf("teleform plan as a process: median %d ms (%s), %.2f x --version; peak resident %d MiB%n",
                median(plan), Arrays.toString(plan), (double) median(plan) / median(version), median(resident) / 1024);
        System.out.printf("teleform plan with -Xmx512m: median %d ms (%s)%n", median(small), Arrays.toString(small));
    }

    /** One process: wall time, and its peak resident set when /usr/bin/time can tell (else 0). */
    private record Timed(long wall, long residentKiB) {}

    private static Timed timed(List<String> time, String launcher, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(time);
        command.add(launcher);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Path err = Files.createTempFile("teleform-plan-bench", ".err");
        long start = System.nanoTime();
        Process process = builder.redirectError(err.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not end within 30 minutes");
        }
        long wall = ms(System.nanoTime() - start);
        List<String> errors = Files.readAllLines(err);
        Files.delete(err);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed:\n" + output + String.join("\n", errors));
        }
        long resident = time.isEmpty() || errors.isEmpty() ? 0 : Long.parseLong(errors.getLast().split(" ")[1]);
        return new Timed(wall, resident);
    }

    /**
     * The AOT caches the launcher keeps (cli/target/teleform-JDK.aot) with their times, to tell whether its first
     * start made one.
     */
    private static List<String> aotCaches(String launcher) throws IOException {
        Path target = Path.of(launcher).toRealPath().resolveSibling("cli/target");
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(target)) {
            List<String> caches = new java.util.ArrayList<>();
            for (Path cache : files.filter(f -> f.getFileName().toString().matches("teleform-.*\\.aot")).sorted().toList()) {
                caches.add(cache.getFileName() + " " + Files.getLastModifiedTime(cache));
            }
            return caches;
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long gitObjects(Path repo) throws IOException {
        try (Stream<Path> files = Files.walk(repo.resolve("objects"))) {
            return files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/info/")).count();
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

}
