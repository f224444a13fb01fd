package dev.teleform.provider.simulator.cloud;


import dev.teleform.provider.simulator.store.SimStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two processes writing one data directory at the same time lose nothing and corrupt nothing. */
class MultiProcessTest {

    private static final int PER_PROCESS = 150;

    @TempDir
    Path dir;

    private Process start(Path data, String prefix) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ConcurrentWriter.class.getName(),
                data.toString(), prefix, String.valueOf(PER_PROCESS)).redirectErrorStream(true).start();
    }

    @Test
    void twoProcessesWritingTheSameDataDirectoryLoseNothing() throws Exception {
        Path data = dir.resolve("sim");
        Process a = start(data, "a");
        Process b = start(data, "b");
        for (Process p : List.of(a, b)) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "writer did not finish");
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.exitValue(), output);
        }
        SimStore store = new SimStore(data);
        List<String> roles = store.names(SimStore.PARENT, SimulatedCloud.ROLE);
        List<String> users = store.names(SimStore.PARENT, SimulatedCloud.USER);
        assertEquals(2 * PER_PROCESS + Presets.ROLE_NAMES.size() + 1, roles.size(), "every role of both writers");
        assertEquals(2 * PER_PROCESS, users.size(), "every user of both writers");
        assertEquals(2 * PER_PROCESS, store.list(SimStore.PARENT, SimulatedCloud.USER).size(), "every file parses");
        var counters = new Faults(store).counters();
        assertEquals(4L * PER_PROCESS, counters.get("create"), "no counter update was lost");
        assertEquals(2L * PER_PROCESS, counters.get("upsert"));
        assertEquals(Map.of("role", 2L * PER_PROCESS + 1, "user", 2L * PER_PROCESS), new Faults(store).creations(),
                "the shared role was created once, then only rewritten");
        try (Stream<Path> files = Files.walk(data)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".partial")).toList(), "no partial writes left");
        }
    }
}
