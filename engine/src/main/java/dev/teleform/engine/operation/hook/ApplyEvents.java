package dev.teleform.engine.operation.hook;

import dev.teleform.engine.plan.PlanStep;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** What apply reports as it goes; the CLI turns these into progress lines or NDJSON. */
public interface ApplyEvents {

    /**
     * Every event to each of {@code views} in turn, in the order given: progress for people and
     * {@code --json-events} side by side, each seeing the whole run.
     */
    static ApplyEvents all(ApplyEvents... views) {
        List<ApplyEvents> each = List.of(views);
        return new ForwardingEvents() {
            @Override
            protected void forward(Consumer<ApplyEvents> event) {
                each.forEach(event);
            }
        };
    }

    void started(PlanStep step);

    /** A wait is still waiting; {@code state} is what Teleport Cloud reports. */
    void waiting(PlanStep step, Duration elapsed, String state);

    void retrying(PlanStep step, int attempt, Duration after, String reason);

    void finished(PlanStep step, Duration took);

    /** The step ended without doing its work, and nothing is lost: an invite left pending, and why. */
    default void deferred(PlanStep step, String why) {
    }

    void failed(PlanStep step, String reason);

    void skipped(PlanStep step, String because);

    /**
     * An invite link was issued and delivered (by {@link InviteDelivery}). For reporting only: never
     * print or store its URL.
     */
    void invited(Invitation invitation);
}
