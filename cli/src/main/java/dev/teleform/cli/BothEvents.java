package dev.teleform.cli;

import dev.teleform.engine.operation.ApplyEvents;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.InviteLink;
import java.time.Duration;

/** Sends apply's events to two listeners: progress for people and, with --json-events, NDJSON. */
record BothEvents(ApplyEvents first, ApplyEvents second) implements ApplyEvents {

    @Override
    public void started(PlanStep step) {
        first.started(step);
        second.started(step);
    }

    @Override
    public void waiting(PlanStep step, Duration elapsed, String state) {
        first.waiting(step, elapsed, state);
        second.waiting(step, elapsed, state);
    }

    @Override
    public void retrying(PlanStep step, int attempt, Duration after, String reason) {
        first.retrying(step, attempt, after, reason);
        second.retrying(step, attempt, after, reason);
    }

    @Override
    public void finished(PlanStep step, Duration took) {
        first.finished(step, took);
        second.finished(step, took);
    }

    @Override
    public void failed(PlanStep step, String reason) {
        first.failed(step, reason);
        second.failed(step, reason);
    }

    @Override
    public void skipped(PlanStep step, String because) {
        first.skipped(step, because);
        second.skipped(step, because);
    }

    @Override
    public void deferred(PlanStep step, String why) {
        first.deferred(step, why);
        second.deferred(step, why);
    }

    @Override
    public void invited(InviteLink link) {
        first.invited(link);
        second.invited(link);
    }
}
