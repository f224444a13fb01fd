package dev.teleform.cli.view;

import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.render.JsonLine;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.operation.hook.Invitation;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --json-events}: one JSON object per line on stdout for CI tools. Invite events name the
 * user and expiry only; the link itself never goes to stdout, which CI logs keep.
 */
public final class JsonEvents implements ApplyEvents {

    private final PrintWriter out;
    private final InstantSource clock;

    public JsonEvents(PrintWriter out, InstantSource clock) {
        this.out = out;
        this.clock = clock;
    }

    private ObjectNode event(String type, PlanStep step) {
        ObjectNode node = JsonLine.object();
        node.put("time", clock.instant().toString());
        node.put("event", type);
        if (step != null) {
            node.put("step", step.id());
            node.put("action", Action.verb(step.action()));
            node.put("address", step.action().address().toString());
        }
        return node;
    }

    private synchronized void emit(ObjectNode node) {
        out.println(JsonLine.of(node));
        out.flush();
    }

    @Override
    public void started(PlanStep step) {
        emit(event("started", step));
    }

    @Override
    public void waiting(PlanStep step, Duration elapsed, String state) {
        emit(event("waiting", step).put("elapsed_ms", elapsed.toMillis()).put("state", state));
    }

    @Override
    public void retrying(PlanStep step, int attempt, Duration after, String reason) {
        emit(event("retrying", step).put("attempt", attempt).put("after_ms", after.toMillis()).put("reason", reason));
    }

    @Override
    public void finished(PlanStep step, Duration took) {
        emit(event("finished", step).put("elapsed_ms", took.toMillis()));
    }

    @Override
    public void failed(PlanStep step, String reason) {
        emit(event("failed", step).put("reason", reason));
    }

    @Override
    public void skipped(PlanStep step, String because) {
        emit(event("skipped", step).put("reason", because));
    }

    @Override
    public void deferred(PlanStep step, String why) {
        emit(event("deferred", step).put("reason", why));
    }

    @Override
    public void invited(Invitation invitation) {
        emit(event("invite_created", null).put("user", invitation.user().name())
                .put("cluster", invitation.user().cluster()).put("expires", invitation.expires().toString()));
    }
}
