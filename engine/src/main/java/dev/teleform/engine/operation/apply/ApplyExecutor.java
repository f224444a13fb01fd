package dev.teleform.engine.operation.apply;

import dev.teleform.engine.diag.CommandHint;
import java.util.Optional;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.operation.access.AccessSettings;
import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.operation.hook.ApplyResult;
import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.state.StateStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Carries out a plan: each step starts when the steps it depends on have finished; provider calls
 * take a slot of their Teleport cluster ({@code parallelism} each) and one of {@code maxCalls} overall,
 * waits take none; transient failures are retried with
 * backoff; a failed step skips what depends on it while independent branches finish. State is
 * checkpointed as steps complete, so it reflects what was really done.
 *
 * <p>The walk is the {@link GraphWalker}'s, each step's work its handler's ({@link Steps}); this class
 * sets a run up, writes the invites ahead, and always ends it with the final checkpoint and the result. A provider
 * that {@link Provider#writesTogether writes together} gets each workload cluster's creates and updates of roles and
 * users, and the parent's new workload clusters, as groups ({@link WriteGroups}, made by {@link WriteTogether}).
 */
public final class ApplyExecutor {

    /**
     * @param parallelism       provider calls at once to one Teleport cluster (the parent's Cloud API,
     *                          or one workload cluster's auth service): each is its own server with its
     *                          own rate limits, so a fleet's clusters proceed side by side
     * @param maxCalls          provider calls at once in all, which bounds local resources (threads,
     *                          connections, tool processes) however many clusters there are
     * @param waitTimeout       how long a workload cluster may take to become active
     * @param access            who Teleform is in the parent and in each workload cluster
     * @param allowDestroy      whether workload clusters may be deleted
     * @param redaction         the stack's sensitive values, which Teleport's errors may echo and no event may show
     * @param hint              how a message names a command to run next on the stack
     */
    public record Settings(int parallelism, int maxCalls, Duration waitTimeout, RetryPolicy retry, AccessSettings access,
            boolean allowDestroy, Duration checkpointInterval, Redaction redaction, CommandHint hint) {

        /** Settings whose messages name commands for a stack in the current directory. */
        public Settings(int parallelism, int maxCalls, Duration waitTimeout, RetryPolicy retry, AccessSettings access,
                boolean allowDestroy, Duration checkpointInterval, Redaction redaction) {
            this(parallelism, maxCalls, waitTimeout, retry, access, allowDestroy, checkpointInterval, redaction,
                    CommandHint.HERE);
        }
    }

    private final Provider provider;
    private final GuardedEvents events;
    private final InviteDelivery delivery;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final Settings settings;
    private final Cancellation cancellation;
    private final CrashPoints crashPoints;

    public ApplyExecutor(Provider provider, ApplyEvents events, InstantSource clock, Sleeper sleeper, Settings settings) {
        this(provider, events, clock, sleeper, settings, InviteDelivery.NOWHERE);
    }

    /**
     * @param clock   elapsed times, the deadline of waits, and when credentials are renewed
     * @param sleeper the pauses between retries and between polls of a wait
     */
    public ApplyExecutor(Provider provider, ApplyEvents events, InstantSource clock, Sleeper sleeper, Settings settings,
            InviteDelivery delivery) {
        this(provider, events, clock, sleeper, settings, delivery, CrashPoints.NONE);
    }

    /** @param crashPoints told of each point where a crash would leave a different world: for crash tests */
    public ApplyExecutor(Provider provider, ApplyEvents events, InstantSource clock, Sleeper sleeper, Settings settings,
            InviteDelivery delivery, CrashPoints crashPoints) {
        this.provider = provider;
        this.events = new GuardedEvents(events);
        this.clock = clock;
        this.sleeper = sleeper;
        this.settings = settings;
        this.delivery = delivery;
        this.cancellation = new Cancellation(sleeper);
        this.crashPoints = crashPoints;
    }

    /**
     * Runs the plan, then always writes the final checkpoint and returns: whatever a step, a view or
     * closing credentials throws ends up in the result, never between the work done and state.
     *
     * @param desired the stack's resources by address (documents and lifecycle for state)
     */
    public ApplyResult run(Plan plan, Map<Address, Resource> desired, StateStore store, StateStore.Snapshot snapshot) {
        Checkpoints checkpoints = new Checkpoints(store, snapshot, settings.checkpointInterval(), crashPoints);
        Map<Address, Duration> invited = plan.steps().stream().map(PlanStep::action)
                .filter(Action.Invite.class::isInstance).map(Action.Invite.class::cast)
                .collect(Collectors.toMap(Action.Invite::address, Action.Invite::ttl));
        RunContext run = new RunContext(provider, settings, events, clock, sleeper, cancellation, checkpoints, desired,
                invited, CriticalPath.of(plan), crashPoints);
        Tally tally = new Tally();
        GraphWalker walker = new GraphWalker(run, new Steps(delivery), tally,
                WriteGroups.of(plan, provider.writesTogether()));
        InviteStep.writeAhead(plan, run);
        checkpoints.write("apply: invites to deliver for " + invited.size() + " user(s)").swap()
                .forEach(walker::checkpointFailed);
        try (run; AutoCloseable flushing = checkpoints.flushEvery(() -> "apply (checkpoint): " + tally.summary(),
                walker::checkpointFailed)) {
            walker.walk(plan);
        } catch (Exception e) {
            tally.failed(Diagnostic.error(settings.redaction().apply("apply stopped: " + e)));
        }
        String message = (tally.failures().all().isEmpty() ? "apply: " : "apply (partly failed): ") + tally.summary();
        Optional<Failure> stateError = checkpoints.write(message).fold(Optional::of, written -> Optional.empty());
        List<Diagnostic> warnings = new ArrayList<>();
        events.failure().ifPresent(failure -> warnings.add(Diagnostic.warning(failure)));
        run.access().closeFailures().forEach(failure -> warnings.add(Diagnostic.warning(failure)));
        run.undelivered().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> warnings.add(
                Diagnostic.warning(entry.getKey() + ": its invite link was not delivered (" + entry.getValue()
                        + "); the invite stays pending and the next apply issues a new link, or run '"
                        + settings.hint().teleform("invite " + entry.getKey(), "--out FILE") + "'")));
        return new ApplyResult(tally.done(), tally.failures(), tally.skips(), checkpoints.state(), stateError,
                checkpoints.writes(), cancellation.cancelled(), stateError.isEmpty() ? List.of() : checkpoints.unsaved(),
                run.pendingInvites(), Diagnostics.of(warnings));
    }

    /**
     * Stops the run early (Ctrl-C): steps not yet started are skipped, calls under way finish, waits
     * end at their next pause; {@link #run} then checkpoints and returns as usual.
     */
    public void cancel() {
        cancellation.cancel();
    }
}
