package dev.teleform.cli.view;

import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.render.Durations;
import dev.teleform.engine.operation.hook.Invitation;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Apply's progress for people, one line per event ({@code role/example@child: created (0.4s)}), on stdout
 * (on stderr when {@code --json-events} has stdout). Invite links are never printed here: the invite delivery hands them only to where the person
 * applying asked for them.
 */
public final class ProgressPrinter implements ApplyEvents {

    private final Consumer<String> lines;

    public ProgressPrinter(PrintWriter err) {
        this(err::println);
    }

    /** Each line to {@code lines}, without its line end: the {@link LiveView} prints them above its block. */
    public ProgressPrinter(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void started(PlanStep step) {
        lines.accept(subject(step) + ": " + switch (step.action()) {
            case Action.Create c -> "creating...";
            case Action.Adopt a -> "adopting...";
            case Action.Update u -> "updating...";
            case Action.Replace r -> "replacing...";
            case Action.Delete d -> "deleting...";
            case Action.Forget f -> "forgetting (Teleport keeps it)...";
            case Action.Wait w -> "waiting until active...";
            case Action.Bootstrap b -> "joining as its bot...";
            case Action.Invite i -> "creating an invite...";
        });
    }

    @Override
    public synchronized void waiting(PlanStep step, Duration elapsed, String state) {
        lines.accept(subject(step) + ": waiting for active (" + state + ", " + Durations.format(elapsed) + ")");
    }

    @Override
    public synchronized void retrying(PlanStep step, int attempt, Duration after, String reason) {
        lines.accept(subject(step) + ": attempt " + attempt + " failed (" + reason + "); retrying in "
                + after.toMillis() + "ms");
    }

    @Override
    public synchronized void finished(PlanStep step, Duration took) {
        String what = switch (step.action()) {
            case Action.Create c -> "created";
            case Action.Adopt a -> "adopted";
            case Action.Update u -> "updated";
            case Action.Replace r -> "replaced";
            case Action.Delete d -> "deleted";
            case Action.Forget f -> "forgotten";
            case Action.Wait w -> "active";
            case Action.Bootstrap b -> "joined";
            case Action.Invite i -> "invite created";
        };
        lines.accept(String.format("%s: %s (%.1fs)", subject(step), what, took.toMillis() / 1000.0));
    }

    @Override
    public synchronized void failed(PlanStep step, String reason) {
        lines.accept(subject(step) + ": FAILED: " + reason);
    }

    @Override
    public synchronized void skipped(PlanStep step, String because) {
        lines.accept(subject(step) + ": skipped (" + because + ")");
    }

    @Override
    public synchronized void deferred(PlanStep step, String why) {
        lines.accept(subject(step) + ": " + why);
    }

    @Override
    public void invited(Invitation invitation) {
        // the step's own line says so; the link itself is delivered elsewhere
    }

    static String subject(PlanStep step) {
        return step.action() instanceof Action.Invite ? "invite for " + step.action().address()
                : step.action().address().toString();
    }
}
