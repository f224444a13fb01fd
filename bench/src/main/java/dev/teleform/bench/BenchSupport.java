package dev.teleform.bench;

import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.json.CanonicalJson;
import dev.teleform.engine.operation.hook.Invitation;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the benchmark programs share: their options and flags, the size of a directory tree, the
 * simulator's call counts, and a place for invite links.
 */
final class BenchSupport {

    private BenchSupport() {
    }

    /** Takes every invite link and keeps none: the benchmarks measure issuing links, not handing them out. */
    static final InviteDelivery DISCARD_INVITES = new InviteDelivery() {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Either<String, String> deliver(Invitation invitation) {
            return Either.right("nowhere (benchmark)");
        }
    };

    /** Regular files below a directory and their bytes. */
    record DiskUsage(long files, long bytes) {}

    /** {@code --name N} from the arguments, or {@code fallback}. */
    static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    /** {@code --name VALUE} from the arguments, if given. */
    static java.util.Optional<String> text(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return java.util.Optional.of(args[i + 1]);
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether the flag {@code --name} is among the arguments. */
    static boolean flag(String[] args, String name) {
        return java.util.Arrays.asList(args).contains(name);
    }

    /**
     * Calls by operation recorded by the simulator of the stack in {@code stackDir}, read the way a user
     * would: {@code teleform sim status --format json} of the packaged CLI.
     */
    static Map<String, Long> simulatorCalls(Path stackDir) throws IOException, InterruptedException {
        String jar = System.getProperty("teleform.jar");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar, "sim", "-C", stackDir.toString(), "status", "--format", "json").start();
        byte[] json = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("teleform sim status failed: " + new String(process.getErrorStream()
                    .readAllBytes()));
        }
        Map<String, Long> calls = new TreeMap<>();
        CanonicalJson.mapper().readTree(json).path("calls").properties().forEach(call -> {
            if (!call.getKey().contains(" ")) {
                calls.put(call.getKey(), call.getValue().asLong());
            }
        });
        return calls;
    }

    /** Starts the simulator's call counts of the stack in {@code stackDir} from zero. */
    static void resetSimulatorCalls(Path stackDir) throws IOException {
        Files.deleteIfExists(stackDir.resolve(".teleform/sim/calls.log"));
    }

    static DiskUsage diskUsage(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long[] totals = new long[2];
            walk.filter(Files::isRegularFile).forEach(file -> {
                totals[0]++;
                totals[1] += file.toFile().length();
            });
            return new DiskUsage(totals[0], totals[1]);
        }
    }
}
