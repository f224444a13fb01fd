package dev.teleform.provider.simulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes replace a file whole, through a temporary file no other writer shares. */
class SimStoreTest {

    @TempDir
    Path dir;

    private static ObjectNode document(String writer, int n) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("writer", writer).put("n", n);
        // big enough that a torn or shared temporary file would show
        document.put("padding", "x".repeat(8192 + n % 7));
        return document;
    }

    @Test
    void aWrittenFileIsTheOwnersAloneAndLeavesNothingBehind() throws Exception {
        SimStore store = new SimStore(dir.resolve("sim"));
        store.write("c", "role", "a", document("w", 1));

        Path file = dir.resolve("sim/clusters/c/role/a.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writersWithoutALockNeverShareATemporaryFileAndReadersSeeWholeDocuments() throws Exception {
        // global documents are written without the store taking a lock: writers meet at the file itself
        SimStore store = new SimStore(dir.resolve("sim"));
        store.writeGlobal("same", document("first", 0));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> reader = threads.submit(() -> {
                int reads = 0;
                while (writing.get()) {
                    ObjectNode read = store.readGlobal("same").orElseThrow();
                    assertEquals(8192 + read.path("n").asInt() % 7, read.path("padding").asString().length());
                    reads++;
                }
                return reads;
            });
            for (int t = 0; t < 16; t++) {
                String writer = "w" + t;
                done.add(threads.submit(() -> {
                    for (int n = 0; n < 200; n++) {
                        store.writeGlobal("same", document(writer, n));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            writing.set(false);
            assertTrue(reader.get() > 0);
        }
        try (Stream<Path> files = Files.list(dir.resolve("sim"))) {
            assertEquals(List.of("same.json"), files.map(f -> f.getFileName().toString())
                    .filter(name -> !name.equals("calls.log")).sorted().toList(), "no temporary file is left");
        }
    }

    @Test
    void aFileLeftAtATemporaryNameIsReplacedNotWrittenThrough() throws Exception {
        SimStore store = new SimStore(dir.resolve("sim"));
        store.write("c", "role", "a", document("first", 0));
        Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "untouched");
        // a hard link at the name this thread's next write uses
        Path left = dir.resolve("sim/clusters/c/role/.tmp-" + SimStore.PROCESS + "-" + Thread.currentThread().threadId()
                + ".partial");
        Files.createLink(left, elsewhere);
        store.write("c", "role", "a", document("second", 1));
        assertEquals("untouched", Files.readString(elsewhere));
        assertEquals(1, store.read("c", "role", "a").orElseThrow().path("n").asInt());
        assertTrue(Files.notExists(left));
    }

    @Test
    void twoStoresOfOneDirectoryInOneJvmTakeTurnsAtAClustersLock() throws Exception {
        // the simulator's commands run in a test's JVM, each with a store of its own
        SimStore first = new SimStore(dir.resolve("sim"));
        SimStore second = new SimStore(dir.resolve("sim"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> holder = threads.submit(() -> first.locked("c", () -> {
                held.countDown();
                await(letGo);
                order.add("first");
                return null;
            }));
            held.await();
            Future<?> waiter = threads.submit(() -> second.locked("c", () -> order.add("second")));
            Thread.sleep(100);
            assertEquals(List.of(), order, "the second store waits for the first's lock");
            letGo.countDown();
            holder.get();
            waiter.get();
        }
        assertEquals(List.of("first", "second"), order);
    }

    @Test
    void aThreadHoldingAClustersLockMayTakeItAgain() {
        SimStore store = new SimStore(dir.resolve("sim"));

        assertEquals("inner", store.locked("c", () -> store.locked("c", () -> "inner")));
        assertEquals("again", store.locked("c", () -> "again"), "the lock was let go whole");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
