package dev.teleform.bench;

import static dev.teleform.bench.BenchSupport.option;

import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.StackLoader;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Times load + validate of a generated 10,000-resource stack (100 workload clusters x 50 roles x 49
 * users) in one JVM: warm-up runs, then measured runs; prints each time, the median, the peak
 * heap in use during the measured runs (garbage included, so it grows with -Xmx) and the heap
 * still in use after a GC while the validated stack is held.
 *
 * <p>Usage: {@code bench/run ValidateBenchmark [--runs N] [--warmup N] [--clusters N]}
 */
public final class ValidateBenchmark {

    private ValidateBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int runs = option(args, "--runs", 5);
        int warmup = option(args, "--warmup", 10);
        int clusters = option(args, "--clusters", 100);
        StackGenerator generator = new StackGenerator(clusters, 50, 49);
        Path dir = Files.createTempDirectory("teleform-bench");
        generator.write(dir);
        System.out.printf("stack: %d resources (%d clusters x (1 + 50 roles + 49 users)), %d files, %.1f MiB%n",
                generator.resourceCount(), clusters, clusters + 1, size(dir) / 1048576.0);
        System.out.printf("JVM: %s, max heap %d MiB, %d CPUs%n", Runtime.version(),
                Runtime.getRuntime().maxMemory() / 1048576, Runtime.getRuntime().availableProcessors());
        StackReader reader = new StackReader(LoadOptions.defaults());
        for (int i = 0; i < warmup; i++) {
            check(reader.read(dir), generator);
        }
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] loadMillis = new long[runs];
        StackLoader loader = new StackLoader(LoadOptions.defaults());
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            int documents = loader.load(dir).documents().size();
            loadMillis[i] = (System.nanoTime() - start) / 1_000_000;
            if (documents != generator.resourceCount() + 1) {
                throw new IllegalStateException("loaded " + documents + " documents");
            }
        }
        long[] millis = new long[runs];
        StackResult kept = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            kept = reader.read(dir);
            check(kept, generator);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("run %d: %d ms%n", i + 1, millis[i]);
        }
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("heap in use after GC, holding the validated stack: %d MiB (%s)%n",
                retained / 1048576, kept.getClass().getSimpleName());
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        Arrays.sort(loadMillis);
        System.out.printf("load only (read + parse YAML + substitute): median %d ms%n", loadMillis[runs / 2]);
        System.out.printf("load + validate: median %d ms over %d runs (min %d, max %d); peak heap %d MiB%n",
                sorted[runs / 2], runs, sorted[0], sorted[runs - 1], peak / 1048576);
    }

    private static void check(StackResult result, StackGenerator generator) {
        if (!(result instanceof StackResult.Valid valid) || valid.stack().resources().size() != generator.resourceCount()) {
            throw new IllegalStateException("generated stack did not validate:\n"
                    + result.diagnostics().format(Path.of("")));
        }
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

}
