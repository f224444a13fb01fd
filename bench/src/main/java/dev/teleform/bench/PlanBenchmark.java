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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A no-change plan of a generated fleet that is live and in state (100 workload clusters x (1 + 50
 * roles + 49 users) = 10,000 resources by default) on the simulator with no latency: wall time split
 * into load, refresh, diff and render, provider calls, peak heap, git objects added; then the same
 * as a separate {@code teleform plan} process with a 512 MB heap.
 *
 * <p>Usage: {@code bench/run PlanBenchmark [--clusters N] [--runs N]}
 */
public final class PlanBenchmark {

    private PlanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clusters = option(args, "--clusters", 100);
        int runs = option(args, "--runs", 3);
        StackGenerator generator = new StackGenerator(clusters, 50, 49);
        Path dir = Files.createTempDirectory("teleform-plan-bench");
        generator.write(dir);
        long seeding = System.nanoTime();
        StackSeeder.apply(dir);
        System.out.printf("stack: %d resources in %d workload clusters; seeded live and into state in %.1f s%n",
                generator.resourceCount(), clusters, (System.nanoTime() - seeding) / 1e9);
        long objectsBefore = gitObjects(dir.resolve(".teleform/state.git"));
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        for (int run = 1; run <= runs; run++) {
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
                gitObjects(dir.resolve(".teleform/state.git")), runs);
        String jar = System.getProperty("teleform.jar");
        if (jar != null && Files.exists(Path.of(jar))) {
            long[] wall = new long[runs];
            for (int run = 0; run < runs; run++) {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                long start = System.nanoTime();
                Process process = new ProcessBuilder(java, "-Xmx512m", "-jar", jar, "plan", dir.toString())
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                process.waitFor(10, TimeUnit.MINUTES);
                wall[run] = ms(System.nanoTime() - start);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("teleform plan failed:\n" + output);
                }
            }
            Arrays.sort(wall);
            System.out.printf("teleform plan as a process (-Xmx512m, no AOT cache): median %d ms of %d (min %d, max %d)%n",
                    wall[runs / 2], runs, wall[0], wall[runs - 1]);
        }
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
