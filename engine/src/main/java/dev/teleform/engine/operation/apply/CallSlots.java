package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.operation.access.ClusterAccess;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.retry.Retries;
import dev.teleform.engine.retry.Sleeper;
import io.vavr.control.Either;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How apply makes a provider call: in a slot of the Teleport cluster it goes to ({@code parallelism} each) and
 * one of {@code maxCalls} overall, retried on transient failures with backoff outside the slots. Each retry is
 * reported for the step the calling thread runs, its reason redacted.
 */
final class CallSlots implements ClusterAccess.Calls {

    /** Per Teleport cluster ("" is the parent), then {@link #allSlots}, always in that order. */
    private final Map<String, Semaphore> clusterSlots = new ConcurrentHashMap<>();
    private final Semaphore allSlots;
    private final int parallelism;
    private final Retries retries;
    private final ApplyEvents events;
    private final Redaction redaction;
    /** The step this (virtual) thread is running, for retry events. */
    private final ThreadLocal<PlanStep> running = new ThreadLocal<>();

    CallSlots(ApplyExecutor.Settings settings, Sleeper sleeper, ApplyEvents events) {
        this.allSlots = new Semaphore(Math.max(1, settings.maxCalls()));
        this.parallelism = Math.max(1, settings.parallelism());
        this.retries = new Retries(settings.retry(), sleeper);
        this.events = events;
        this.redaction = settings.redaction();
    }

    /** The calling thread now runs {@code step}: its retries are reported as the step's. */
    void running(PlanStep step) {
        running.set(step);
    }

    @Override
    public <T> Either<ProviderError, T> call(Address about, Supplier<Either<ProviderError, T>> call) {
        Semaphore cluster = clusterSlots.computeIfAbsent(about.inParentCluster() ? "" : about.cluster(),
                key -> new Semaphore(parallelism));
        return retries.call(() -> {
            cluster.acquireUninterruptibly();
            allSlots.acquireUninterruptibly();
            try {
                return call.get();
            } finally {
                allSlots.release();
                cluster.release();
            }
        }, (attempt, delay, error) -> {
            PlanStep step = running.get();
            if (step != null) {
                events.retrying(step, attempt, delay, redaction.apply(error.message()));
            }
        });
    }
}
