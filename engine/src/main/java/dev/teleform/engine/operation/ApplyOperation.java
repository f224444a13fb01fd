package dev.teleform.engine.operation;

import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.operation.hook.InviteDelivery;
import dev.teleform.engine.operation.hook.ApplyResult;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.operation.access.AccessSettings;
import dev.teleform.engine.operation.apply.ApplyExecutor;
import dev.teleform.engine.plan.DriftAcceptance;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.planfile.PlanFile;
import dev.teleform.engine.planfile.SensitiveValues;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.resource.GracePeriod;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.state.LockedStateStore;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.state.StateStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One apply ({@code apply DIR}, {@code apply PLANFILE}, {@code destroy}), as a session that holds the
 * stack's lock and its provider from {@link #start} to {@link #close}: it gets the plan (made now, or a
 * saved one that must not be stale), says what must stop it before anything changes, and carries the plan
 * out with the {@link ApplyExecutor}, reporting to the caller's hook. Asking a person to confirm is the
 * caller's: between {@link #plan()} and {@link #execute}.
 */
public final class ApplyOperation implements AutoCloseable {

    /**
     * What to apply and how.
     *
     * @param plan         how to plan now: the mode, and what {@code --target}, {@code --exclude} and
     *                     {@code --replace} chose (with a saved plan, its mode only: the rest must be empty)
     * @param allowDestroy whether a plan made now may delete workload clusters; a saved plan says for itself
     * @param parallelism  provider calls at once to one Teleport cluster
     * @param maxCalls     provider calls at once in all
     * @param saved        a saved plan to apply instead of planning now
     */
    public record Request(PlanOptions plan, boolean allowDestroy, int parallelism, int maxCalls,
            Optional<PlanOperation.SavedPlan> saved) {

        public PlanMode mode() {
            return plan.mode();
        }
    }

    private final Workspace workspace;
    private final Request request;
    private final StateLock lock;
    private final Provider provider;
    private final Plan plan;
    private final StateStore.Snapshot snapshot;
    private final Function<Address, Optional<LiveResource>> live;
    private volatile ApplyExecutor executor;
    private volatile boolean cancelled;

    private ApplyOperation(Workspace workspace, Request request, StateLock lock, Provider provider, Plan plan,
            StateStore.Snapshot snapshot, Function<Address, Optional<LiveResource>> live) {
        this.workspace = workspace;
        this.request = request;
        this.lock = lock;
        this.provider = provider;
        this.plan = plan;
        this.snapshot = snapshot;
        this.live = live;
    }

    /** Takes the stack's lock, opens its provider, and plans now or checks that the saved plan still applies. */
    public static Outcome<ApplyOperation> start(Workspace workspace, Request request) {
        Optional<Outcome<ApplyOperation>> refused = request.saved().flatMap(saved -> notReadClusters(workspace, saved));
        if (refused.isPresent()) {
            return refused.get();
        }
        String operation = request.mode() == PlanMode.DESTROY ? "destroy" : "apply";
        return workspace.lock(operation).flatMap(lock -> {
            boolean started = false;
            try {
                Outcome<ApplyOperation> planned = workspace.provider().flatMap(provider -> {
                    boolean ready = false;
                    try {
                        Outcome<ApplyOperation> checked = request.saved().isPresent()
                                ? checkedSavedPlan(workspace, request, lock, provider, request.saved().get())
                                : planNow(workspace, request, lock, provider);
                        ready = checked.succeeded();
                        return checked;
                    } finally {
                        if (!ready) {
                            provider.close();
                        }
                    }
                });
                started = planned.succeeded();
                return planned;
            } finally {
                // on a failure, and on anything thrown, the lock is given back; the session holds it otherwise
                if (!started) {
                    lock.close();
                }
            }
        });
    }

    private static Outcome<ApplyOperation> planNow(Workspace workspace, Request request, StateLock lock, Provider provider) {
        return PlanOperation.run(workspace, provider, request.plan().withAllowDestroy(request.allowDestroy()),
                request.parallelism()).map(result -> new ApplyOperation(workspace, request, lock, provider, result.plan(),
                        new StateStore.Snapshot(result.state(), result.stateVersion()), result.live()::get));
    }

    /**
     * A saved plan made with {@code --no-join-clusters} is refused before anything is taken, the lock included: it
     * was planned against what state says is in the workload clusters, not what is, so it may not be what applying
     * does there (a change made there outside Teleform would be overwritten unseen). It only ever shows a pull request
     * what its stack changes, for a plan made with the clusters read to be compared with.
     */
    private static Optional<Outcome<ApplyOperation>> notReadClusters(Workspace workspace, PlanOperation.SavedPlan saved) {
        if (saved.plan().workloadClustersRead()) {
            return Optional.empty();
        }
        return Optional.of(Outcome.failed("this plan was made with --no-join-clusters: the roles and users of the "
                + "workload clusters were taken from state as last applied, not read, so it cannot show what applying "
                + "would change in them, and is never applied. Nothing was changed; plan again without it ("
                + workspace.hint().teleform("plan", "--out FILE") + "), or compare it with a plan made now ("
                + workspace.hint().teleform("plan", "--compare-to FILE") + ")"));
    }

    /** A saved plan applies only to the state and stack it was made from. */
    private static Outcome<ApplyOperation> checkedSavedPlan(Workspace workspace, Request request, StateLock lock,
            Provider provider, PlanOperation.SavedPlan file) {
        PlanFile saved = file.file();
        var read = workspace.state().read();
        if (read.isLeft()) {
            return Outcome.failed(read.getLeft().message(), read.getLeft());
        }
        StateStore.Snapshot snapshot = read.get();
        List<String> moved = new ArrayList<>();
        if (!snapshot.state().lineage().equals(saved.stateLineage())) {
            moved.add("state belongs to another history (lineage " + blank(snapshot.state().lineage()) + ", plan made "
                    + "against " + blank(saved.stateLineage()) + ")");
        } else if (snapshot.state().serial() != saved.stateSerial()) {
            moved.add("state was written since (serial " + snapshot.state().serial() + ", plan made at serial "
                    + saved.stateSerial() + ")");
        }
        if (!workspace.stack().digest().equals(saved.stackDigest())) {
            moved.add("the stack's files changed since, or a value they read (a --var, or an ${env:...} "
                    + "that is not sensitive)");
        }
        if (!workspace.stack().settings().provider().equals(saved.provider())) {
            moved.add("the stack's provider changed since");
        } else {
            ProviderTarget.moved(saved.providerTarget(), workspace).ifPresent(moved::add);
        }
        if (!moved.isEmpty()) {
            Optional<StateStore.Entry> applied = alreadyApplied(workspace, saved, snapshot.state(), file.id());
            if (applied.isPresent()) {
                StateStore.Entry commit = applied.get();
                // An apply that failed half-way marks its commits too: its commit's words tell which it was.
                return Outcome.failed("this plan was already applied, in full or up to where it failed: state commit "
                        + commit.version().substring(0, Math.min(12, commit.version().length())) + " (" + commit.time()
                        + ") says \"" + commit.message() + "\". State records what that apply did; nothing was changed "
                        + "now. Plan again to see what is left to do (" + workspace.hint().teleform("plan",
                                "--out FILE") + ")");
            }
            return Outcome.failed("the saved plan is stale: " + String.join("; ", moved)
                    + ". Nothing was changed; plan again (" + workspace.hint().teleform("plan", "--out FILE") + ")");
        }
        PlanOptions chosen = request.plan();
        if (!chosen.targets().isEmpty() || !chosen.excludes().isEmpty() || !chosen.replaces().isEmpty()) {
            return Outcome.failed("--target, --exclude and --replace choose what a plan made now covers; a saved plan "
                    + "is applied as it was made. Nothing was changed; plan again with them ("
                    + workspace.hint().teleform("plan", "--out FILE") + ")");
        }
        if (saved.plan().mode() != request.mode() && request.mode() == PlanMode.REFRESH_ONLY) {
            return Outcome.failed("--refresh-only applies a plan made now; a saved plan is applied as it was made");
        }
        return SensitiveValues.restore(saved.plan(), desired(workspace), workspace.hint()).fold(Outcome::failed,
                plan -> Outcome.done(new ApplyOperation(workspace, request, lock, provider, plan, snapshot,
                        address -> Optional.empty())));
    }

    /**
     * The commit that applied the saved plan {@code id}, if one did: then state is where that apply left it, of the
     * history the plan was made in (or begun by it), with the plan's serial behind.
     */
    private static Optional<StateStore.Entry> alreadyApplied(Workspace workspace, PlanFile saved, State now, String id) {
        boolean sameHistory = saved.stateLineage().isEmpty() || saved.stateLineage().equals(now.lineage());
        return sameHistory ? AppliedPlans.find(workspace.state(), id, now.serial() - saved.stateSerial())
                : Optional.empty();
    }

    private static String blank(String lineage) {
        return lineage.isEmpty() ? "none yet" : lineage;
    }

    /** What this apply carries out: for a person to review before {@link #execute}. */
    public Plan plan() {
        return plan;
    }

    /** Whether the plan was saved, and so reviewed when it was made: applying it is the approval. */
    public boolean fromSavedPlan() {
        return request.saved().isPresent();
    }

    /** Whether the plan deletes a workload cluster (Teleport Cloud keeps it restorable). */
    public boolean deletesWorkloadCluster() {
        return plan.deletesWorkloadCluster();
    }

    /**
     * Refuses what may not run as asked: a workload cluster's delete needs a plan made with {@code --allow-destroy}.
     * A saved plan carries the permission its reviewers saw, or none: {@code --allow-destroy} on apply cannot add it.
     */
    public Outcome<Plan> allowed() {
        if (!deletesWorkloadCluster() || plan.allowDestroy()) {
            return Outcome.done(plan);
        }
        if (!fromSavedPlan()) {
            return Outcome.failed("this plan deletes a workload cluster, which stays " + GracePeriod.RESTORABLE
                    + "; run again with --allow-destroy. Nothing was changed.");
        }
        return Outcome.failed("this saved plan deletes a workload cluster, and was made without --allow-destroy"
                + (request.allowDestroy() ? ", which apply cannot add to a reviewed plan" : "")
                + ": plan again with --allow-destroy so that reviewers see it ("
                + workspace.hint().teleform("plan", "--allow-destroy --out FILE") + "). Nothing was changed.");
    }

    /**
     * {@code apply --refresh-only}: one commit in which state takes the live values; Teleport is not called.
     * The outcome's value is how many resources changed outside Teleform.
     */
    public Outcome<Integer> acceptDrift() {
        var accepted = DriftAcceptance.accept(snapshot.state(), plan.drift(), live);
        int count = plan.drift().size();
        var written = lockedState().write(accepted, snapshot.version(), "apply --refresh-only: accepted "
                + "the live values of " + count + " resource" + (count == 1 ? "" : "s") + " changed outside Teleform\n\n"
                + String.join("\n", plan.drift().stream().map(d -> "- " + d.address()
                        + (d.deleted() ? " (deleted)" : "")).toList()));
        return written.fold(error -> Outcome.failed(error.message() + "; nothing was changed", error),
                version -> Outcome.done(count));
    }

    /** Carries the plan out, reporting to {@code events}; state is checkpointed as steps complete. */
    public ApplyResult execute(ApplyEvents events, InviteDelivery delivery) {
        executor = new ApplyExecutor(provider, events, InstantSource.system(), Sleeper.REAL,
                new ApplyExecutor.Settings(request.parallelism(), request.maxCalls(),
                        workspace.stack().settings().waitTimeout(), RetryPolicy.DEFAULT,
                        AccessSettings.of(workspace.providerConfig()), plan.allowDestroy(), Duration.ofSeconds(1),
                        workspace.stack().redaction(), workspace.hint()), delivery);
        if (cancelled) {
            executor.cancel();
        }
        return executor.run(plan, desired(workspace), lockedState(), snapshot).withWarnings(provider.warnings());
    }

    /** State, written only while this apply still holds the lock: a run whose lock is gone stops at its next write. */
    private StateStore lockedState() {
        StateStore locked = new LockedStateStore(workspace.state(), lock);
        return request.saved().map(saved -> AppliedPlans.marking(locked, saved.id())).orElse(locked);
    }

    /**
     * Stops the run early (Ctrl-C): steps not yet started are skipped, calls under way finish, waits end at their
     * next pause; {@link #execute} then checkpoints and returns as usual.
     */
    public void cancel() {
        cancelled = true;
        ApplyExecutor running = executor;
        if (running != null) {
            running.cancel();
        }
    }

    /** Closes the provider and gives the lock back. */
    @Override
    public void close() {
        try (lock) {
            provider.close();
        }
    }

    private static Map<Address, Resource> desired(Workspace workspace) {
        Map<Address, Resource> desired = new TreeMap<>();
        workspace.stack().resources().forEach(r -> desired.put(r.address(), r));
        return desired;
    }
}
