package dev.teleform.provider.teleport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * A tctl create that holds the first write until the writes behind it have queued, so that they go
     * as one batch; then answers as {@code answer} does.
     */
    private final class HeldCreate implements WriteBatcher.Create {
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch othersQueued = new CountDownLatch(1);
        private final WriteBatcher.Create answer;

        HeldCreate(WriteBatcher.Create answer) {
            this.answer = answer;
        }

        @Override
        public Tctl.Created create(Endpoint endpoint, List<ObjectNode> documents, boolean force) {
            creates.add(names(documents));
            firstStarted.countDown();
            await(othersQueued);
            return answer.create(endpoint, documents, force);
        }

        /** Writes r0, then r1 to r20 while r0's create is held: the results of all 21. */
        List<Future<Either<ProviderError, LiveResource>>> writeOneThenTwentyBehindIt(ExecutorService pool,
                WriteBatcher batcher) throws InterruptedException {
            List<Future<Either<ProviderError, LiveResource>>> results = new ArrayList<>();
            results.add(pool.submit(() -> batcher.write(KID, role("r0"), false)));
            firstStarted.await();
            for (int i = 1; i <= 20; i++) {
                String name = "r" + i;
                results.add(pool.submit(() -> batcher.write(KID, role(name), false)));
            }
            Thread.sleep(200); // let all 20 queue behind the first write
            othersQueued.countDown();
            return results;
        }
    }

    @Test
    void writesUnderWayTogetherShareProcesses() throws Exception {
        HeldCreate create = new HeldCreate((endpoint, documents, force) -> new Tctl.Created(documents.size(),
                Optional.empty()));
        WriteBatcher batcher = new WriteBatcher(create, this::readBack);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Either<ProviderError, LiveResource>> result : create.writeOneThenTwentyBehindIt(pool, batcher)) {
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
        HeldCreate create = new HeldCreate((endpoint, documents, force) -> {
            int failing = names(documents).indexOf("b");
            return failing < 0 ? new Tctl.Created(documents.size(), Optional.empty())
                    : new Tctl.Created(failing, Optional.of(exists));
        });
        WriteBatcher batcher = new WriteBatcher(create, this::readBack);
        Map<String, Future<Either<ProviderError, LiveResource>>> results = new HashMap<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            results.put("first", pool.submit(() -> batcher.write(KID, role("first"), false)));
            create.firstStarted.await();
            for (String name : List.of("a", "b", "c")) {
                results.put(name, pool.submit(() -> batcher.write(KID, role(name), false)));
                Thread.sleep(50); // queue in this order
            }
            create.othersQueued.countDown();
            assertTrue(results.get("a").get().isRight());
            assertInstanceOf(ProviderError.AlreadyExists.class, results.get("b").get().getLeft());
            assertTrue(results.get("c").get().isRight());
        }
        assertEquals(List.of(List.of("first"), List.of("a", "b", "c"), List.of("c")), creates,
                "a, b, c went as one batch; c, not attempted after b failed, went again");
        assertEquals(List.of(List.of("first"), List.of("a"), List.of("c")), reads);
    }

    @Test
    void aWriteThatThrowsFailsEveryWriterOfItsBatchAndLaterWritesStillWork() {
        AtomicBoolean broken = new AtomicBoolean(true);
        HeldCreate create = new HeldCreate((endpoint, documents, force) -> {
            if (broken.get()) {
                throw new IllegalStateException("tctl broke");
            }
            return new Tctl.Created(documents.size(), Optional.empty());
        });
        WriteBatcher batcher = new WriteBatcher(create, this::readBack);
        // Fails rather than hangs: a writer left waiting would keep this from ever returning.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            try {
                for (Future<Either<ProviderError, LiveResource>> result : create.writeOneThenTwentyBehindIt(pool, batcher)) {
                    ExecutionException failed = assertThrows(ExecutionException.class, result::get);
                    assertTrue(causes(failed).contains("tctl broke"), causes(failed));
                }
                broken.set(false);
                assertTrue(pool.submit(() -> batcher.write(KID, role("later"), false)).get().isRight());
            } finally {
                pool.shutdownNow();
            }
        });
        assertEquals(3, creates.size(), "r0, the 20 that queued behind it as one batch, later: " + creates);
        assertEquals(20, creates.get(1).size());
    }

    @Test
    void aCreateThatAnswersForFewerDocumentsThanItWasGivenLeavesNoWriterWaiting() {
        WriteBatcher batcher = new WriteBatcher((endpoint, documents, force) -> new Tctl.Created(0, Optional.empty()),
                this::readBack);
        CompletionException failed = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(CompletionException.class, () -> batcher.write(KID, role("r0"), false)));
        assertTrue(causes(failed).contains("the write of role/r0 ended without a result"), causes(failed));
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause).append("; ");
        }
        return messages.toString();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
