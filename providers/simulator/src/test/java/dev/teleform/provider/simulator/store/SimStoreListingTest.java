package dev.teleform.provider.simulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A kind's listing (one file of all its objects, written by the first list after a change) must always list
 * what the objects' own files hold: after writes and deletes, with writers and listers racing, and never for a
 * cluster that does not exist.
 */
class SimStoreListingTest {

    @TempDir
    Path dir;

    private static ObjectNode object(String name, int version) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.putObject("metadata").put("name", name);
        object.put("version", version);
        return object;
    }

    private static List<String> described(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.path("metadata").path("name").asString() + "=" + o.path("version").asInt())
                .toList();
    }

    @Test
    void aListAfterWritesAndDeletesShowsThemAndOnlyAListWritesTheListing() {
        SimStore store = new SimStore(dir);
        store.write("c1", "role", "b", object("b", 1));
        store.write("c1", "role", "a", object("a", 1));
        Path listing = dir.resolve("clusters/c1/role.listing");
        assertFalse(Files.exists(listing));
        assertEquals(List.of("a=1", "b=1"), described(store.list("c1", "role")));
        assertTrue(Files.exists(listing));
        assertEquals(List.of("a=1", "b=1"), described(store.list("c1", "role")), "from the listing");
        store.write("c1", "role", "a", object("a", 2));
        assertFalse(Files.exists(listing), "a write forgets the listing");
        assertEquals(List.of("a=2", "b=1"), described(store.list("c1", "role")));
        store.delete("c1", "role", "b");
        assertEquals(List.of("a=2"), described(store.list("c1", "role")));
        assertEquals(List.of("a"), store.names("c1", "role"), "the listing is not one of the kind's names");
    }

    @Test
    void listingAClusterThatDoesNotExistCreatesNothing() {
        SimStore store = new SimStore(dir);
        assertEquals(List.of(), store.list("gone", "role"));
        assertFalse(Files.exists(dir.resolve("clusters/gone")));
        assertEquals(List.of(), store.clusters());
    }

    @Test
    void aWriteInsideTheClustersLockTakesItAgainWithoutFailing() {
        SimStore store = new SimStore(dir);
        store.locked("c1", () -> {
            store.write("c1", "user", "u", object("u", 1));
            return store.list("c1", "user");
        });
        assertEquals(List.of("u=1"), described(store.list("c1", "user")));
    }

    @Test
    void anArchivedClusterIsNotBroughtBackByListsRacingItsArchiving() throws Exception {
        for (int round = 0; round < 20; round++) {
            SimStore store = new SimStore(dir.resolve("r" + round));
            for (int i = 0; i < 30; i++) {
                store.write("gone", "user", "u" + i, object("u" + i, 1));
            }
            try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    running.add(threads.submit(() -> {
                        for (int i = 0; i < 20; i++) {
                            store.list("gone", "user");
                        }
                    }));
                }
                running.add(threads.submit(() -> store.archiveCluster("gone", "gone-1")));
                for (Future<?> future : running) {
                    future.get();
                }
            }
            assertEquals(List.of(), store.clusters(), "round " + round);
            assertEquals(List.of(), store.list("gone", "user"));
            assertTrue(Files.isDirectory(dir.resolve("r" + round).resolve("deleted/gone-1/user")));
        }
    }

    @Test
    void aListingThatIsNotWholeIsWrittenAgainFromTheFiles() throws Exception {
        SimStore store = new SimStore(dir);
        store.write("c1", "role", "a", object("a", 1));
        Path listing = dir.resolve("clusters/c1/role.listing");
        for (String broken : List.of("", "[{\"metadata\": {\"name\": \"a\"}", "{}", "[1]")) {
            Files.writeString(listing, broken);
            assertEquals(List.of("a=1"), described(store.list("c1", "role")), broken);
            assertTrue(Files.readString(listing).contains("\"name\":\"a\""), "written again after " + broken);
        }
    }

    @Test
    void twoStoresOfOneDirectoryInOneProcessShareItsLocks() {
        SimStore first = new SimStore(dir);
        SimStore second = new SimStore(dir);
        first.locked("c1", () -> {
            second.write("c1", "role", "a", object("a", 1));
            return null;
        });
        assertEquals(List.of("a=1"), described(first.list("c1", "role")));
    }

    /** Writers, deleters and listers at once; afterwards a list equals what the files hold, one by one. */
    @Test
    void racingWritersAndListersLeaveAListingEqualToTheFiles() throws Exception {
        SimStore store = new SimStore(dir);
        store.write("c1", "role", "seed", object("seed", 0));
        try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                running.add(threads.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < 150; i++) {
                        String name = "r" + random.nextInt(12);
                        switch (thread % 3) {
                            case 0 -> store.write("c1", "role", name, object(name, i));
                            case 1 -> store.delete("c1", "role", name);
                            default -> store.list("c1", "role");
                        }
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        TreeMap<String, String> files = new TreeMap<>();
        for (String name : store.names("c1", "role")) {
            store.read("c1", "role", name).ifPresent(o -> files.put(name, name + "=" + o.path("version").asInt()));
        }
        assertEquals(List.copyOf(files.values()), described(store.list("c1", "role")));
        assertEquals(List.copyOf(files.values()), described(new SimStore(dir).list("c1", "role")), "another process");
    }
}
