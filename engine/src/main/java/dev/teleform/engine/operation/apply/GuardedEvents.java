package dev.teleform.engine.operation.apply;

import dev.teleform.engine.operation.ApplyEvents;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.InviteLink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Progress reporting that cannot break an apply: a view that throws (a closed pipe, a bug in a
 * renderer) loses its own output, never a step's outcome, a checkpoint or an invite. The first failure
 * is kept so the run can say that its progress output is incomplete.
 */
final class GuardedEvents implements ApplyEvents {

    private final ApplyEvents events;
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    GuardedEvents(ApplyEvents events) {
        this.events = events;
    }

    Optional<String> failure() {
        return Optional.ofNullable(firstFailure.get());
    }

    private void guarded(Runnable report) {
        try {
            report.run();
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, "progress output failed: " + e);
        }
    }

    @Override
    public void started(PlanStep step) {
        guarded(() -> events.started(step));
    }

    @Override
    public void waiting(PlanStep step, Duration elapsed, String state) {
        guarded(() -> events.waiting(step, elapsed, state));
    }

    @Override
    public void retrying(PlanStep step, int attempt, Duration after, String reason) {
        guarded(() -> events.retrying(step, attempt, after, reason));
    }

    @Override
    public void finished(PlanStep step, Duration took) {
        guarded(() -> events.finished(step, took));
    }

    @Override
    public void deferred(PlanStep step, String why) {
        guarded(() -> events.deferred(step, why));
    }

    @Override
    public void failed(PlanStep step, String reason) {
        guarded(() -> events.failed(step, reason));
    }

    @Override
    public void skipped(PlanStep step, String because) {
        guarded(() -> events.skipped(step, because));
    }

    @Override
    public void invited(InviteLink link) {
        guarded(() -> events.invited(link));
    }
}
