package dev.teleform.engine.testing;

import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.operation.hook.Invitation;
import java.time.Duration;

/** Apply events nobody watches, for tests and benchmarks that look only at the result. */
public class QuietEvents implements ApplyEvents {
    @Override
    public void started(PlanStep step) {
    }

    @Override
    public void waiting(PlanStep step, Duration elapsed, String state) {
    }

    @Override
    public void retrying(PlanStep step, int attempt, Duration after, String reason) {
    }

    @Override
    public void finished(PlanStep step, Duration took) {
    }

    @Override
    public void failed(PlanStep step, String reason) {
    }

    @Override
    public void skipped(PlanStep step, String because) {
    }

    @Override
    public void invited(Invitation invitation) {
    }
}
