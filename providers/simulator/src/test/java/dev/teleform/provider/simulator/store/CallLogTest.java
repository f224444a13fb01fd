package dev.teleform.provider.simulator.store;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CallLogTest {

    @TempDir
    Path dir;

    @Test
    void callsFromManyThreadsAreAllCountedWithoutTornLines() throws Exception {
        CallLog log = new CallLog(dir.resolve("sim/calls.log"));
        int threads = 16;
        int each = 500;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String kind = t % 2 == 0 ? "role" : "user";
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        log.call("create", kind);
                        log.created(kind);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        log.close();
        Map<String, Long> calls = log.calls();
        assertEquals((long) threads * each, calls.get("create"));
        assertEquals((long) threads * each / 2, calls.get("create role"));
        assertEquals(Map.of("role", (long) threads * each / 2, "user", (long) threads * each / 2), log.creations());
        assertEquals(2L * threads * each, Files.readAllLines(dir.resolve("sim/calls.log")).size());
    }

    @Test
    void aLogThatWasNeverWrittenCountsNothingAndAClosedOneOpensAgain() {
        CallLog log = new CallLog(dir.resolve("calls.log"));
        assertEquals(Map.of(), log.calls());
        assertEquals(Map.of(), log.creations());
        log.call("list", "role");
        log.close();
        log.call("list", "user");
        assertEquals(Map.of("list", 2L, "list role", 1L, "list user", 1L), log.calls());
    }
}
