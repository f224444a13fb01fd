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
import java.util.function.Supplier;

/**
 * How apply makes a provider call: in a slot of the Teleport cluster it goes to ({@code parallelism} each) and
 * one of {@code maxCalls} overall, retried on transient failures with backoff outside the slots. Calls waiting
 * for slots go in the order of their steps' {@link CriticalPath} ranks. Each retry is reported for the step the
 * calling thread runs, its reason redacted.
 */
final class CallSlots implements ClusterAccess.Calls {

    /** Per Teleport cluster ("" is the parent) and overall. */
    private final SlotQueue slots;
    private final CriticalPath urgency;
    private final Retries retries;
    private final ApplyEvents events;
    private final Redaction redaction;
    /** The step this (virtual) thread is running, for retry events. */
    private final ThreadLocal<PlanStep> running = new ThreadLocal<>();

    CallSlots(ApplyExecutor.Settings settings, Sleeper sleeper, ApplyEvents events, CriticalPath urgency) {
        this.slots = new SlotQueue(settings.parallelism(), settings.maxCalls());
        this.urgency = urgency;
        this.retries = new Retries(settings.retry(), sleeper);
        this.events = events;
        this.redaction = settings.redaction();
    }

    /** The calling thread now runs {@code step}: its calls wait their turn by its rank, its retries are reported as its. */
    void running(PlanStep step) {
        running.set(step);
    }

    @Override
    public <T> Either<ProviderError, T> call(Address about, Supplier<Either<ProviderError, T>> call) {
        String cluster = about.inParentCluster() ? "" : about.cluster();
        PlanStep step = running.get();
        int rank = step == null ? 0 : urgency.rank(step);
        return retries.call(() -> {
            slots.acquire(cluster, rank);
            try {
                return call.get();
            } finally {
                slots.release(cluster);
            }
        }, (attempt, delay, error) -> {
            if (step != null) {
                events.retrying(step, attempt, delay, redaction.apply(error.message()));
            }
        });
    }

    /** Calls waiting for slots now. */
    int waiting() {
        return slots.waiting();
    }
}
