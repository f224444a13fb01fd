package dev.teleform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What every benchmark program needs: its integer options and the size of a directory tree. */
final class BenchSupport {

    private BenchSupport() {
    }

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
