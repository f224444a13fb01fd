package dev.teleform.engine.operation.apply;

import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.operation.hook.ForwardingEvents;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Progress reporting that cannot break an apply: a view that throws (a closed pipe, a bug in a
 * renderer) loses its own output, never a step's outcome, a checkpoint or an invite. The first failure
 * is kept so the run can say that its progress output is incomplete.
 */
final class GuardedEvents extends ForwardingEvents {

    private final ApplyEvents events;
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    GuardedEvents(ApplyEvents events) {
        this.events = events;
    }

    Optional<String> failure() {
        return Optional.ofNullable(firstFailure.get());
    }

    @Override
    protected void forward(Consumer<ApplyEvents> event) {
        try {
            event.accept(events);
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, "progress output failed: " + e);
        }
    }
}
