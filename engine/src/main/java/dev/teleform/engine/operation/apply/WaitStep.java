package dev.teleform.engine.operation.apply;

import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits until a workload cluster is {@link Readiness ready}: polls its status with growing pauses (2 s doubling
 * to 30 s) that hold no provider slot, until the deadline ({@code defaults.wait_timeout}) or a cancel. A
 * cluster created by this apply starts from the status its create returned, which saves a poll through the
 * parent's slots that would only say "provisioning".
 */
final class WaitStep implements Step<Action.Wait> {

    private static final Duration FIRST_POLL = Duration.ofSeconds(2);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(30);

    @Override
    public StepOutcome perform(RunContext run, PlanStep step, Action.Wait wait) {
        String cluster = wait.address().name();
        Instant start = run.clock().instant();
        Optional<WorkloadClusterStatus> created = run.statusAtCreate().take(cluster);
        Either<ProviderError, WorkloadClusterStatus> status = created.isPresent() ? Either.right(created.get())
                : poll(run, wait);
        for (Duration pause = FIRST_POLL; ; pause = longer(pause)) {
            if (status.isLeft()) {
                return StepOutcome.failed(status.getLeft());
            }
            Readiness readiness = Readiness.of(status.get());
            if (readiness == Readiness.READY) {
                run.observed(wait.address(), status.get());
                return StepOutcome.done();
            }
            if (readiness == Readiness.FAILED) {
                return StepOutcome.failed(new StepFailure("Teleport Cloud reports workload cluster " + cluster
                        + " as failed"));
            }
            Duration elapsed = Duration.between(start, run.clock().instant());
            if (elapsed.compareTo(run.settings().waitTimeout()) >= 0) {
                return StepOutcome.failed(new StepFailure("workload cluster " + cluster + " is still "
                        + describe(status.get()) + " after " + GoDuration.format(run.settings().waitTimeout())
                        + " (defaults.wait_timeout); apply again later to continue"));
            }
            run.events().waiting(step, elapsed, describe(status.get()));
            run.statusPolls().due(wait.address(), run.clock().instant().plus(pause));
            if (!run.pause(pause)) {
                return StepOutcome.failed(new StepFailure("stopped waiting for " + cluster + ": apply was interrupted"));
            }
            status = poll(run, wait);
        }
    }

    /** One read of the status from the parent, reached first (a bot's identity may need renewing after a long wait). */
    private static Either<ProviderError, WorkloadClusterStatus> poll(RunContext run, Action.Wait wait) {
        return run.access().parent().flatMap(parent -> run.statusPolls().poll(run, parent, wait.address()));
    }

    private static Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : doubled;
    }

    private static String describe(WorkloadClusterStatus status) {
        return status.state().isEmpty() ? "no status yet" : status.state();
    }
}
