package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.ResourceKind;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class WriteBatcherTest {

    private static final Endpoint KID = new Endpoint("kid.teleport.sh:443", Optional.empty());

    private final List<List<String>> creates = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> reads = Collections.synchronizedList(new ArrayList<>());

    private static ObjectNode role(String name) {
        ObjectNode role = JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
        role.putObject("metadata").put("name", name);
        return role;
    }

    private static List<String> names(List<ObjectNode> documents) {
        return documents.stream().map(d -> d.path("metadata").path("name").asString()).toList();
    }

    private Map<String, Either<ProviderError, LiveResource>> readBack(Endpoint endpoint, List<ObjectNode> written) {
        reads.add(names(written));
        Map<String, Either<ProviderError, LiveResource>> live = new HashMap<>();
        written.forEach(d -> live.put(WriteBatcher.ref(d), Either.right(new LiveResource(ResourceKind.ROLE,
                d.path("metadata").path("name").asString(), d))));
        return live;
    }

    @Test
    void writesUnderWayTogetherShareProcesses() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        WriteBatcher batcher = new WriteBatcher((endpoint, documents, force) -> {
            creates.add(names(documents));
            firstStarted.countDown();
            await(othersQueued);
            return new Tctl.Created(documents.size(), Optional.empty());
        }, this::readBack);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Either<ProviderError, LiveResource>>> results = new ArrayList<>();
            results.add(pool.submit(() -> batcher.write(KID, role("r0"), false)));
            firstStarted.await();
            for (int i = 1; i <= 20; i++) {
                String name = "r" + i;
                results.add(pool.submit(() -> batcher.write(KID, role(name), false)));
            }
            Thread.sleep(200); // let all 20 queue behind the first write
            othersQueued.countDown();
            for (Future<Either<ProviderError, LiveResource>> result : results) {
                assertTrue(result.get().isRight());
            }
        }
        assertEquals(2, creates.size(), "one process for the first write, one for the 20 that queued: " + creates);
        assertEquals(20, creates.get(1).size());
        assertEquals(2, reads.size());
    }

    @Test
    void aBatchThatFailsMidwayCompletesEveryWrite() throws Exception {
        ProviderError exists = new ProviderError.AlreadyExists("role \"b\" already exists");
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        WriteBatcher batcher = new WriteBatcher((endpoint, documents, force) -> {
            creates.add(names(documents));
            firstStarted.countDown();
            await(othersQueued);
            int failing = names(documents).indexOf("b");
            return failing < 0 ? new Tctl.Created(documents.size(), Optional.empty())
                    : new Tctl.Created(failing, Optional.of(exists));
        }, this::readBack);
        Map<String, Future<Either<ProviderError, LiveResource>>> results = new HashMap<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            results.put("first", pool.submit(() -> batcher.write(KID, role("first"), false)));
            firstStarted.await();
            for (String name : List.of("a", "b", "c")) {
                results.put(name, pool.submit(() -> batcher.write(KID, role(name), false)));
                Thread.sleep(50); // queue in this order
            }
            othersQueued.countDown();
            assertTrue(results.get("a").get().isRight());
            assertInstanceOf(ProviderError.AlreadyExists.class, results.get("b").get().getLeft());
            assertTrue(results.get("c").get().isRight());
        }
        assertEquals(List.of(List.of("first"), List.of("a", "b", "c"), List.of("c")), creates,
                "a, b, c went as one batch; c, not attempted after b failed, went again");
        assertEquals(List.of(List.of("first"), List.of("a"), List.of("c")), reads);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
