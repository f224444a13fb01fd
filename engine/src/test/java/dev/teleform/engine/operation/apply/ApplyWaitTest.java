package dev.teleform.engine.operation.apply;

import dev.teleform.engine.operation.access.AccessSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.operation.hook.ApplyResult;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.testing.LatencyProvider;
import dev.teleform.engine.testing.QuietEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wait until a workload cluster is active: its deadline on an injected clock, and a cancel that ends it. */
class ApplyWaitTest {

    /** A cluster this apply did not create: the provider says "provisioning" for a day. */
    private static final Address SLOW = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "slow");
    private static final Plan WAIT = new Plan(PlanMode.NORMAL, List.of(new PlanStep("wait slow", new Action.Wait(SLOW),
            List.of())), List.of(), Diagnostics.NONE, 0);

    @TempDir
    Path dir;

    private ApplyResult run(ApplyExecutor executor) {
        StateStore store = new GitStateStore(dir.resolve("state.git"), "main", "state.json", "wait",
                InstantSource.system());
        return executor.run(WAIT, Map.of(), store, store.read().get());
    }

    private static ApplyExecutor.Settings waitingAtMost(Duration timeout) {
        return new ApplyExecutor.Settings(10, 64, timeout, RetryPolicy.DEFAULT, AccessSettings.BOTS, false, Duration.ZERO,
                Redaction.NONE);
    }

    @Test
    void aWaitRunsToItsDeadlineOnTheInjectedClockWithPausesDoublingToThirtySeconds() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
        List<Duration> pauses = new CopyOnWriteArrayList<>();
        Sleeper clockMover = pause -> {
            pauses.add(pause);
            now.updateAndGet(t -> t.plus(pause));
        };
        List<String> failed = new CopyOnWriteArrayList<>();
        ApplyEvents events = new QuietEvents() {
            @Override
            public void failed(PlanStep step, String reason) {
                failed.add(reason);
            }
        };
        LatencyProvider provider = new LatencyProvider(Duration.ZERO, Duration.ofDays(1));

        ApplyResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(new ApplyExecutor(provider,
                events, now::get, clockMover, waitingAtMost(Duration.ofMinutes(2)))));

        String reason = "workload cluster slow is still provisioning after 2m (defaults.wait_timeout); apply again later "
                + "to continue";
        assertEquals(List.of(reason), failed);
        assertEquals(List.of("wait slow: " + reason), result.failureMessages());
        assertEquals(List.of(2L, 4L, 8L, 16L, 30L, 30L, 30L), pauses.stream().map(Duration::toSeconds).toList());
        assertEquals(8, provider.calls("status"), "a poll before each pause and one at the deadline");
    }

    @Test
    void aCancelEndsAPauseOfTheRealSleeperAtOnce() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicLong failedAt = new AtomicLong();
        List<String> failed = new CopyOnWriteArrayList<>();
        ApplyEvents events = new QuietEvents() {
            @Override
            public void waiting(PlanStep step, Duration elapsed, String state) {
                waiting.countDown();
            }

            @Override
            public void failed(PlanStep step, String reason) {
                failedAt.set(System.nanoTime());
                failed.add(reason);
            }
        };
        ApplyExecutor executor = new ApplyExecutor(new LatencyProvider(Duration.ZERO, Duration.ofDays(1)), events,
                InstantSource.system(), Sleeper.REAL, waitingAtMost(Duration.ofMinutes(10)));
        CompletableFuture<ApplyResult> running = CompletableFuture.supplyAsync(() -> run(executor));
        assertTrue(waiting.await(10, TimeUnit.SECONDS), "the wait began its first pause");

        long cancelledAt = System.nanoTime();
        executor.cancel();
        ApplyResult result = running.get(10, TimeUnit.SECONDS);

        assertEquals(List.of("stopped waiting for slow: apply was interrupted"), failed);
        Duration afterCancel = Duration.ofNanos(failedAt.get() - cancelledAt);
        assertTrue(afterCancel.compareTo(Duration.ofSeconds(1)) < 0,
                "the 2 s pause ended " + afterCancel.toMillis() + " ms after the cancel");
        assertTrue(result.interrupted());
    }
}
