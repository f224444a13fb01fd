package dev.teleform.engine.operation.apply;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.state.StateError;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Walks a plan's graph: each step starts, on a virtual thread of its own, once the steps it depends on have
 * ended, and is skipped if one of them did not complete, once a checkpoint could not be written, or once the
 * apply is cancelled. What a step does is its handler's ({@link Steps}); the walker reports its outcome as
 * events and in the {@link Tally}, and checkpoints after it. A group of writes made together ({@link WriteGroups})
 * is walked as one step whose members are reported each on its own.
 */
final class GraphWalker {

    private final RunContext run;
    private final Steps steps;
    private final Tally tally;
    private final WriteGroups groups;
    private final AtomicReference<String> checkpointError = new AtomicReference<>();

    GraphWalker(RunContext run, Steps steps, Tally tally, WriteGroups groups) {
        this.run = run;
        this.steps = steps;
        this.tally = tally;
        this.groups = groups;
    }

    /**
     * Starts each step when the steps it depends on have ended, and waits for all. A group of writes made together
     * starts when what its members depend on outside it has ended; each member's future is its share of the group's.
     */
    void walk(Plan plan) {
        Map<String, CompletableFuture<StepOutcome>> futures = new HashMap<>();
        Map<WriteGroups.Group, CompletableFuture<Map<String, StepOutcome>>> together = new IdentityHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PlanStep step : plan.steps()) {
                Optional<WriteGroups.Group> group = groups.of(step);
                if (group.isEmpty()) {
                    List<CompletableFuture<StepOutcome>> needs = step.dependsOn().stream().map(futures::get).toList();
                    futures.put(step.id(), allOf(needs).thenApplyAsync(ignored -> take(step, needs), threads));
                    continue;
                }
                CompletableFuture<Map<String, StepOutcome>> outcomes = together.computeIfAbsent(group.get(),
                        g -> new CompletableFuture<>());
                futures.put(step.id(), outcomes.thenApply(byId -> byId.get(step.id())));
                if (step == group.get().last()) {
                    List<CompletableFuture<StepOutcome>> needs = group.get().outside().stream().map(futures::get).toList();
                    allOf(needs).thenApplyAsync(ignored -> takeTogether(group.get(), needs), threads)
                            .whenComplete((byId, error) -> {
                                if (error != null) {
                                    outcomes.completeExceptionally(error);
                                } else {
                                    outcomes.complete(byId);
                                }
                            });
                }
            }
            allOf(List.copyOf(futures.values())).join();
        }
    }

    private static CompletableFuture<Void> allOf(List<? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    /**
     * A checkpoint that cannot be written stops the run: changing Teleport further while state cannot
     * record it would widen what a re-run must find by adoption. The final write tries again.
     */
    void checkpointFailed(StateError error) {
        if (checkpointError.compareAndSet(null, "a checkpoint could not be written: " + error.message())) {
            tally.failed(Diagnostic.failed("state: " + checkpointError.get() + "; no further steps were started", error));
        }
    }

    private StepOutcome take(PlanStep step, List<CompletableFuture<StepOutcome>> needs) {
        Optional<String> skip = whySkip(needs);
        if (skip.isPresent()) {
            StepOutcome skipped = StepOutcome.skipped(skip.get());
            report(step, skipped, run.clock().instant());
            return skipped;
        }
        Instant start = run.clock().instant();
        run.running(step);
        run.events().started(step);
        StepOutcome outcome = attempt(step);
        report(step, outcome, start);
        checkpointIfDue();
        return outcome;
    }

    /**
     * A group's members start, and end, together; each is reported as if it had run alone. All are reported started
     * first, so a member the group then skips (what it waits on in the group failed) reads started, then skipped.
     */
    private Map<String, StepOutcome> takeTogether(WriteGroups.Group group, List<CompletableFuture<StepOutcome>> needs) {
        List<PlanStep> members = group.members();
        Optional<String> skip = whySkip(needs);
        Map<String, StepOutcome> outcomes = new HashMap<>();
        if (skip.isPresent()) {
            members.forEach(member -> {
                outcomes.put(member.id(), StepOutcome.skipped(skip.get()));
                report(member, outcomes.get(member.id()), run.clock().instant());
            });
            return outcomes;
        }
        Instant start = run.clock().instant();
        run.running(members.getFirst());
        members.forEach(run.events()::started);
        WriteTogether.Walk walk = new WriteTogether.Walk() {
            @Override
            public boolean unsaved() {
                return checkpointError.get() != null;
            }

            @Override
            public void checkpoint() {
                checkpointIfDue();
            }
        };
        try {
            outcomes.putAll(steps.performTogether(run, group, walk));
        } catch (RuntimeException e) {
            members.forEach(member -> outcomes.putIfAbsent(member.id(), StepOutcome.failed(new StepFailure("unexpected " + e))));
        }
        members.forEach(member -> report(member, outcomes.get(member.id()), start));
        checkpointIfDue();
        return outcomes;
    }

    private void checkpointIfDue() {
        run.checkpoints().maybeWrite(() -> "apply (checkpoint): " + tally.summary()).swap().forEach(this::checkpointFailed);
    }

    private Optional<String> whySkip(List<CompletableFuture<StepOutcome>> needs) {
        if (needs.stream().anyMatch(need -> !need.join().completed())) {
            return Optional.of("a step it depends on did not finish");
        }
        if (checkpointError.get() != null) {
            return Optional.of("state could not be saved");
        }
        return run.cancelled() ? Optional.of("apply was interrupted") : Optional.empty();
    }

    private StepOutcome attempt(PlanStep step) {
        try {
            return steps.perform(run, step);
        } catch (RuntimeException e) {
            return StepOutcome.failed(new StepFailure("unexpected " + e));
        }
    }

    /** The outcome as an event and in the tally; a failure's reason is redacted for both. */
    private void report(PlanStep step, StepOutcome outcome, Instant start) {
        switch (outcome) {
            case StepOutcome.Done done -> {
                tally.finished(Action.verb(step.action()));
                run.events().finished(step, Duration.between(start, run.clock().instant()));
            }
            case StepOutcome.Deferred deferred -> run.events().deferred(step, deferred.why());
            case StepOutcome.Failed failed -> {
                String reason = run.settings().redaction().apply(failed.failure().message());
                tally.failed(Diagnostic.failed(step.id() + ": " + reason, failed.failure()));
                run.events().failed(step, reason);
            }
            case StepOutcome.Skipped skipped -> {
                run.events().skipped(step, skipped.because());
                tally.skipped();
            }
        }
    }
}
