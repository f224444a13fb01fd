package dev.teleform.engine.operation.hook;

import dev.teleform.engine.plan.PlanStep;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Apply's events handed on as calls: the one place that lists every event, so a wrapper that treats
 * all of them alike (guards them, sends them to several views) says how once, in {@link #forward},
 * and a new event needs no change in any wrapper.
 */
public abstract class ForwardingEvents implements ApplyEvents {

    /** Hands one event on: {@code event} makes its call on whichever listener it is given. */
    protected abstract void forward(Consumer<ApplyEvents> event);

    @Override
    public final void started(PlanStep step) {
        forward(events -> events.started(step));
    }

    @Override
    public final void waiting(PlanStep step, Duration elapsed, String state) {
        forward(events -> events.waiting(step, elapsed, state));
    }

    @Override
    public final void retrying(PlanStep step, int attempt, Duration after, String reason) {
        forward(events -> events.retrying(step, attempt, after, reason));
    }

    @Override
    public final void finished(PlanStep step, Duration took) {
        forward(events -> events.finished(step, took));
    }

    @Override
    public final void deferred(PlanStep step, String why) {
        forward(events -> events.deferred(step, why));
    }

    @Override
    public final void failed(PlanStep step, String reason) {
        forward(events -> events.failed(step, reason));
    }

    @Override
    public final void skipped(PlanStep step, String because) {
        forward(events -> events.skipped(step, because));
    }

    @Override
    public final void invited(Invitation invitation) {
        forward(events -> events.invited(invitation));
    }
}
