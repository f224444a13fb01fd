package dev.teleform.cli.view;

import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.operation.hook.Invitation;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Apply's progress on a terminal: a status block ({@link FleetStatus}) redrawn in place, and above it the
 * {@link ProgressPrinter}'s lines for how each step ended and for retries, each printed once. A step starting and
 * a wait still waiting show in the block only (running, provisioning): on a terminal they are the wall of lines
 * the block replaces. Drawing happens on a timer, {@link #FRAME} apart, and never on an
 * event's thread: a burst of steps costs one redraw, and the engine's workers never wait for the terminal.
 * {@link #close} leaves the final block as the last thing on the screen, before the summary.
 */
public final class LiveView implements ApplyEvents, AutoCloseable {

    /** At most five redraws a second: the elapsed time moves by seconds, and steps end faster than eyes read. */
    static final Duration FRAME = Duration.ofMillis(200);

    private final FleetStatus status;
    private final ProgressPrinter lines;
    private final LiveScreen screen;
    private final ScheduledExecutorService timer;

    LiveView(FleetStatus status, LiveScreen screen, ScheduledExecutorService timer) {
        this.status = status;
        this.screen = screen;
        this.lines = new ProgressPrinter(screen::line);
        this.timer = timer;
    }

    /** The view of applying {@code plan}, drawing on {@code terminal} of {@code width} columns from now on. */
    public static LiveView start(PrintWriter terminal, int width, Plan plan, InstantSource clock) {
        FleetStatus status = new FleetStatus(plan);
        Instant began = clock.instant();
        LiveScreen screen = new LiveScreen(terminal, width,
                () -> status.block(Duration.between(began, clock.instant())));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(run -> {
            Thread thread = new Thread(run, "teleform-live-view");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(screen::draw, 0, FRAME.toMillis(), TimeUnit.MILLISECONDS);
        return new LiveView(status, screen, timer);
    }

    @Override
    public void started(PlanStep step) {
        status.started(step);
    }

    @Override
    public void waiting(PlanStep step, Duration elapsed, String state) {
        status.waiting(step, elapsed, state);
    }

    @Override
    public void retrying(PlanStep step, int attempt, Duration after, String reason) {
        status.retrying(step, attempt, after, reason);
        lines.retrying(step, attempt, after, reason);
    }

    @Override
    public void finished(PlanStep step, Duration took) {
        status.finished(step, took);
        lines.finished(step, took);
    }

    @Override
    public void deferred(PlanStep step, String why) {
        status.deferred(step, why);
        lines.deferred(step, why);
    }

    @Override
    public void failed(PlanStep step, String reason) {
        status.failed(step, reason);
        lines.failed(step, reason);
    }

    @Override
    public void skipped(PlanStep step, String because) {
        status.skipped(step, because);
        lines.skipped(step, because);
    }

    @Override
    public void invited(Invitation invitation) {
        status.invited(invitation);
        lines.invited(invitation);
    }

    /**
     * The run was interrupted: its {@code notice} is shown at once, and the clusters the interrupt leaves
     * unfinished count as stopped, not failed.
     */
    public void interrupted(String notice) {
        status.interrupted();
        screen.line(notice);
        screen.draw();
    }

    /** Writing to the terminal by other means (an invite link on the console) without the block erasing it. */
    public void above(Runnable write) {
        screen.above(write);
    }

    /** Stops redrawing and draws the final block; later lines print below it as usual. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        screen.close();
    }
}
