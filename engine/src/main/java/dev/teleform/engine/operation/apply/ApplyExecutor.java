package dev.teleform.engine.operation.apply;

import dev.teleform.engine.operation.ApplyResult;
import dev.teleform.engine.operation.InviteDelivery;
import dev.teleform.engine.operation.ApplyEvents;
import dev.teleform.engine.operation.ClusterAccess;
import dev.teleform.engine.operation.Invitation;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.LiveMerge;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.plan.ThreeWayDiff;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.InviteLink;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.PasswordState;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.retry.Retries;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.schema.FieldSemantics;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out a plan: each step starts when the steps it depends on have finished; provider calls
 * take a slot of their Teleport cluster ({@code parallelism} each) and one of {@code maxCalls} overall,
 * waits take none; transient failures are retried with
 * backoff; a failed step skips what depends on it while independent branches finish. State is
 * checkpointed as steps complete, so it reflects what was really done.
 */
public final class ApplyExecutor {

    /**
     * @param parallelism       provider calls at once to one Teleport cluster (the parent's Cloud API,
     *                          or one workload cluster's auth service): each is its own server with its
     *                          own rate limits, so a fleet's clusters proceed side by side
     * @param maxCalls          provider calls at once in all, which bounds local resources (threads,
     *                          connections, tool processes) however many clusters there are
     * @param waitTimeout       how long a workload cluster may take to become active
     * @param clusterIdentities identity files used instead of a workload cluster's bot
     * @param allowDestroy      whether workload clusters may be deleted
     * @param redaction         the stack's sensitive values, which Teleport's errors may echo and no event may show
     */
    public record Settings(int parallelism, int maxCalls, Duration waitTimeout, RetryPolicy retry, Map<String, Path> clusterIdentities,
            boolean allowDestroy, Duration checkpointInterval, Redaction redaction) {}

    /** What a step ended as. */
    private enum Outcome { DONE, FAILED, SKIPPED }

    private static final Duration FIRST_POLL = Duration.ofSeconds(2);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(30);

    private final Provider provider;
    private final GuardedEvents events;
    private final InviteDelivery delivery;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final Settings settings;
    /** Per Teleport cluster ("" is the parent), then {@link #allSlots}, always in that order. */
    private final Map<String, Semaphore> clusterSlots = new ConcurrentHashMap<>();
    private final Semaphore allSlots;
    private final Retries retries;
    private final ThreeWayDiff diff = new ThreeWayDiff(FieldSemantics.shared());
    private final ClusterAccess access;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> done = new ConcurrentHashMap<>();
    /** Restore deadlines of deleted workload clusters, for the state commit and the history. */
    private final List<String> restorable = Collections.synchronizedList(new ArrayList<>());
    /** What the create of a workload cluster in this apply returned, for the wait that follows it. */
    private final Map<String, WorkloadClusterStatus> statusAtCreate = new ConcurrentHashMap<>();
    /** Counted down by {@link #cancel()}: no new step starts, waits end early. */
    private final java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
    /** Users the plan invites: recorded with their invite pending until it is delivered. */
    private final Set<Address> invitesWanted = ConcurrentHashMap.newKeySet();
    /** Invites left pending because there was nowhere to deliver them. */
    private final Set<Address> pendingInvites = new java.util.concurrent.ConcurrentSkipListSet<>();
    /** Invited users as this run's writes returned them, so an invite need not read a user it just wrote. */
    private final Map<Address, LiveResource> writtenNow = new ConcurrentHashMap<>();
    private final AtomicReference<String> checkpointError = new AtomicReference<>();
    /** The step this (virtual) thread is running, for retry events. */
    private final ThreadLocal<PlanStep> running = new ThreadLocal<>();

    public ApplyExecutor(Provider provider, ApplyEvents events, InstantSource clock, Sleeper sleeper, Settings settings) {
        this(provider, events, clock, sleeper, settings, InviteDelivery.NOWHERE);
    }

    /**
     * @param clock   elapsed times, the deadline of waits, and when credentials are renewed
     * @param sleeper the pauses between retries and between polls of a wait
     */
    public ApplyExecutor(Provider provider, ApplyEvents events, InstantSource clock, Sleeper sleeper, Settings settings,
            InviteDelivery delivery) {
        this.provider = provider;
        this.events = new GuardedEvents(events);
        this.clock = clock;
        this.sleeper = sleeper;
        this.settings = settings;
        this.delivery = delivery;
        this.allSlots = new Semaphore(Math.max(1, settings.maxCalls()));
        this.retries = new Retries(settings.retry(), sleeper);
        this.access = new ClusterAccess(provider, settings.clusterIdentities(), this::call, clock);
    }

    /**
     * Runs the plan, then always writes the final checkpoint and returns: whatever a step, a view or
     * closing credentials throws ends up in the result, never between the work done and state.
     *
     * @param desired the stack's resources by address (documents and lifecycle for state)
     */
    public ApplyResult run(Plan plan, Map<Address, Resource> desired, StateStore store, StateStore.Snapshot snapshot) {
        Checkpoints checkpoints = new Checkpoints(store, snapshot, settings.checkpointInterval());
        plan.steps().stream().filter(step -> step.action() instanceof Action.Invite)
                .forEach(step -> invitesWanted.add(step.action().address()));
        writeAheadInvites(plan, desired, checkpoints);
        checkpoints.write("apply: invites to deliver for " + invitesWanted.size() + " user(s)").swap()
                .forEach(this::checkpointFailed);
        int[] skipped = {0};
        try (AutoCloseable flushing = checkpoints.flushEvery(() -> "apply (checkpoint): " + summary(),
                this::checkpointFailed)) {
            walk(plan, desired, checkpoints, skipped);
        } catch (Exception e) {
            failures.add("apply stopped: " + e);
        } finally {
            access.close();
        }
        String message = (failures.isEmpty() ? "apply: " : "apply (partly failed): ") + summary()
                + (restorable.isEmpty() ? "" : "\n\nTeleport Cloud keeps deleted workload clusters restorable:\n"
                        + String.join("\n", restorable));
        String stateError = checkpoints.write(message).fold(StateError::message, ok -> "");
        List<String> warnings = new ArrayList<>();
        events.failure().ifPresent(warnings::add);
        warnings.addAll(access.closeFailures());
        return new ApplyResult(new TreeMap<>(done), List.copyOf(failures), skipped[0], checkpoints.state(), stateError,
                checkpoints.writes(), isCancelled(), stateError.isEmpty() ? List.of() : checkpoints.unsaved(),
                List.copyOf(pendingInvites), warnings);
    }

    /**
     * Write-ahead for invites: before anything runs, every user the plan invites is in state marked pending
     * (a new one as "creating", with what its create will send). A run killed right after a user's create
     * then still owes its invite, and a user found live but never in state is one Teleform did not make.
     */
    private void writeAheadInvites(Plan plan, Map<Address, Resource> desired, Checkpoints checkpoints) {
        for (PlanStep step : plan.steps()) {
            if (!(step.action() instanceof Action.Create create) || !invitesWanted.contains(create.address())) {
                continue;
            }
            Address address = create.address();
            if (checkpoints.get(address).isEmpty()) {
                boolean prevent = desired.containsKey(address) && desired.get(address).lifecycle().preventDestroy();
                checkpoints.record(new ResourceState(address, create.sensitive().masked(create.document()),
                        JsonNodeFactory.instance.objectNode(), prevent, true, create.sensitive().pointers(), true));
            }
        }
        invitesWanted.forEach(address -> checkpoints.change(address, entry -> entry.withInvitePending(true)));
    }

    /** Starts each step when the steps it depends on are done, and waits for all. */
    private void walk(Plan plan, Map<Address, Resource> desired, Checkpoints checkpoints, int[] skipped) {
        Map<String, CompletableFuture<Outcome>> futures = new HashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PlanStep step : plan.steps()) {
                CompletableFuture<?>[] deps = step.dependsOn().stream().map(futures::get).toArray(CompletableFuture[]::new);
                CompletableFuture<Outcome> future = CompletableFuture.allOf(deps).thenApplyAsync(ignored -> {
                    for (CompletableFuture<?> dep : deps) {
                        if (dep.join() != Outcome.DONE) {
                            return skip(step, "a step it depends on did not finish", skipped);
                        }
                    }
                    if (checkpointError.get() != null) {
                        return skip(step, "state could not be saved", skipped);
                    }
                    if (isCancelled()) {
                        return skip(step, "apply was interrupted", skipped);
                    }
                    Outcome outcome = execute(step, desired, checkpoints);
                    checkpoints.maybeWrite("apply (checkpoint): " + summary()).swap().forEach(this::checkpointFailed);
                    return outcome;
                }, threads);
                futures.put(step.id(), future);
            }
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).join();
        }
    }

    private Outcome skip(PlanStep step, String because, int[] skipped) {
        events.skipped(step, because);
        synchronized (skipped) {
            skipped[0]++;
        }
        return Outcome.SKIPPED;
    }

    /**
     * A checkpoint that cannot be written stops the run: changing Teleport further while state cannot
     * record it would widen what a re-run must find by adoption. The final write tries again.
     */
    private void checkpointFailed(StateError error) {
        if (checkpointError.compareAndSet(null, "a checkpoint could not be written: " + error.message())) {
            failures.add("state: " + checkpointError.get() + "; no further steps were started");
        }
    }

    private String summary() {
        return ApplyResult.describe(new TreeMap<>(done));
    }

    private Outcome execute(PlanStep step, Map<Address, Resource> desired, Checkpoints checkpoints) {
        Instant start = clock.instant();
        running.set(step);
        events.started(step);
        Either<String, Boolean> result;
        try {
            result = switch (step.action()) {
                case Action.Create create -> create(create, desired, checkpoints);
                case Action.Adopt adopt -> adopt(adopt, desired, checkpoints);
                case Action.Update update -> update(update, desired, checkpoints);
                case Action.Replace replace -> replace(replace, desired, checkpoints);
                case Action.Delete delete -> delete(delete, checkpoints);
                case Action.Forget forget -> {
                    checkpoints.forget(forget.address());
                    yield Either.right(true);
                }
                case Action.Wait wait -> waitUntilActive(step, wait.address().name());
                case Action.Bootstrap bootstrap -> bootstrap(bootstrap.address().name());
                case Action.Invite invite -> invite(step, invite, checkpoints);
            };
        } catch (RuntimeException e) {
            result = Either.left("unexpected " + e);
        }
        if (result.isLeft()) {
            String reason = settings.redaction().apply(result.getLeft());
            failures.add(step.id() + ": " + reason);
            events.failed(step, reason);
            return Outcome.FAILED;
        }
        if (result.get()) {
            done.merge(Action.verb(step.action()), 1, Integer::sum);
            events.finished(step, Duration.between(start, clock.instant()));
        }
        return Outcome.DONE;
    }

    /**
     * Issues the link and hands it over, and only then clears the pending mark in state. With nowhere to
     * deliver, or for a user who has set a password since (a reset would delete it), no link is issued.
     * Right(false) is an invite that ends pending or moot, with nothing lost.
     */
    private Either<String, Boolean> invite(PlanStep step, Action.Invite invite, Checkpoints checkpoints) {
        Address address = invite.address();
        if (!delivery.available()) {
            pendingInvites.add(address);
            events.deferred(step, "pending: there is nowhere to deliver the link (no terminal, no --invites-out)");
            return Either.right(false);
        }
        return target(address).flatMap(target -> {
            LiveResource known = writtenNow.get(address);
            Either<ProviderError, LiveResource> user = known != null ? Either.right(known)
                    : call(address, () -> provider.get(target, ResourceKind.USER, address.name()));
            if (user.isLeft()) {
                return Either.left(user.getLeft().message() + "; the invite stays pending");
            }
            if (PasswordState.isSet(user.get().document())) {
                checkpoints.change(address, entry -> entry.withInvitePending(false));
                events.deferred(step, "not needed: the user has set a password (a new link would reset it)");
                return Either.right(false);
            }
            Either<ProviderError, InviteLink> link = call(address,
                    () -> provider.invite(target, address.name(), invite.ttl()));
            if (link.isLeft()) {
                return Either.left(link.getLeft().message() + "; the invite stays pending");
            }
            Invitation invitation = Invitation.of(link.get());
            return delivery.deliver(invitation)
                    .mapLeft(why -> "the link could not be delivered (" + why + "); the invite stays pending")
                    .map(where -> {
                        checkpoints.change(address, entry -> entry.withInvitePending(false));
                        events.invited(invitation);
                        return true;
                    });
        });
    }

    private Either<String, Boolean> create(Action.Create create, Map<Address, Resource> desired, Checkpoints checkpoints) {
        Address address = create.address();
        boolean cluster = address.kind() == ResourceKind.WORKLOAD_CLUSTER;
        return target(address).flatMap(target -> {
            // Teleport Cloud's upsert is a no-op for an identical spec, so a re-run after a crash is safe.
            Either<ProviderError, LiveResource> written = cluster
                    ? call(address, () -> provider.upsert(target, create.document()))
                    : call(address, () -> provider.create(target, create.document()));
            if (written.isLeft() && written.getLeft() instanceof ProviderError.AlreadyExists exists) {
                return adoptExisting(create, target, desired, checkpoints, exists);
            }
            if (cluster) {
                written.forEach(live -> statusAtCreate.put(address.name(), WorkloadClusterStatus.of(live.document())));
            }
            return written.mapLeft(ProviderError::message)
                    .map(live -> record(address, create.document(), create.sensitive(), live, desired, checkpoints));
        });
    }

    /** A create that found the resource already there: adopt it if it is what the stack wants. */
    private Either<String, Boolean> adoptExisting(Action.Create create, ClusterTarget target,
            Map<Address, Resource> desired, Checkpoints checkpoints, ProviderError.AlreadyExists exists) {
        Address address = create.address();
        ResourceKind kind = address.kind();
        var found = call(address, () -> provider.get(target, kind, address.name()));
        if (kind == ResourceKind.WORKLOAD_CLUSTER && found.isLeft() && found.getLeft() instanceof ProviderError.NotFound) {
            // Teleport Cloud keeps a deleted cluster's name during its restore window: it exists for the
            // create, yet no read can find it.
            return Either.left("Teleport Cloud still holds the name " + address.name() + " in the restore window of "
                    + "a deleted workload cluster (15 days after the delete; Teleport's docs say 14): restore it in "
                    + "Teleport Cloud, wait until the window ends, or declare the cluster under another name ("
                    + exists.message() + ")");
        }
        return found.mapLeft(ProviderError::message)
                .flatMap(live -> diff.matches(kind, create.document(), live.document())
                        ? Either.right(record(address, create.document(), create.sensitive(), live, desired, checkpoints))
                        : Either.left("it already exists in Teleport and differs from the stack; adopt it with "
                                + "'teleform import " + address + "'"));
    }

    private Either<String, Boolean> adopt(Action.Adopt adopt, Map<Address, Resource> desired, Checkpoints checkpoints) {
        ResourceKind kind = adopt.address().kind();
        return target(adopt.address()).flatMap(target -> call(adopt.address(),
                () -> provider.get(target, kind, adopt.address().name())).mapLeft(ProviderError::message)
                .map(live -> record(adopt.address(), adopt.document(), adopt.sensitive(), live, desired, checkpoints)));
    }

    /**
     * Reads the resource and writes it back with exactly the plan's field changes made ({@link LiveMerge}), so
     * that what the stack does not set keeps its live value. The read is fresh rather than refresh's copy: a
     * saved plan may be applied long after it was made, and a change made since to a field the plan does not
     * list must survive.
     */
    private Either<String, Boolean> update(Action.Update update, Map<Address, Resource> desired, Checkpoints checkpoints) {
        Address address = update.address();
        ResourceKind kind = address.kind();
        return target(address).flatMap(target -> call(address, () -> provider.get(target, kind, address.name())
                .flatMap(live -> provider.update(target, LiveMerge.merge(live.document(), update.changes()))))
                .mapLeft(ProviderError::message)
                .map(written -> record(address, update.document(), update.sensitive(), written, desired, checkpoints)));
    }

    private Either<String, Boolean> replace(Action.Replace replace, Map<Address, Resource> desired, Checkpoints checkpoints) {
        Address address = replace.address();
        ResourceKind kind = address.kind();
        return target(address).flatMap(target -> {
            var deleted = call(address, () -> provider.delete(target, kind, address.name()));
            if (deleted.isLeft() && !(deleted.getLeft() instanceof ProviderError.NotFound)) {
                return Either.left(deleted.getLeft().message());
            }
            if (!invitesWanted.contains(address)) {
                checkpoints.forget(address); // an invited user keeps its pending mark until re-created
            }
            var created = call(address, () -> provider.create(target, replace.document()));
            if (created.isLeft() && created.getLeft() instanceof ProviderError.AlreadyExists exists) {
                // the create's answer was lost and its retry met what it made
                return adoptExisting(new Action.Create(address, replace.document(), replace.sensitive()), target,
                        desired, checkpoints, exists);
            }
            return created.mapLeft(ProviderError::message)
                    .map(live -> record(address, replace.document(), replace.sensitive(), live, desired, checkpoints));
        });
    }

    private Either<String, Boolean> delete(Action.Delete delete, Checkpoints checkpoints) {
        Address address = delete.address();
        if (delete.alreadyGone()) {
            checkpoints.forget(address);
            return Either.right(true);
        }
        ResourceKind kind = address.kind();
        if (kind == ResourceKind.WORKLOAD_CLUSTER && !settings.allowDestroy()) {
            return Either.left("deleting a workload cluster needs --allow-destroy");
        }
        return target(address).flatMap(target -> {
            var deleted = call(address, () -> provider.delete(target, kind, address.name()));
            if (deleted.isLeft() && !(deleted.getLeft() instanceof ProviderError.NotFound)) {
                return Either.left(deleted.getLeft().message());
            }
            deleted.forEach(gone -> gone.restorableUntil().ifPresent(until ->
                    restorable.add("- " + address + " until " + until)));
            checkpoints.forget(address);
            delete.takesWith().forEach(checkpoints::forget);
            return Either.right(true);
        });
    }

    /**
     * Polls the cluster's status with growing pauses that hold no provider slot, until active or the
     * deadline. A cluster created by this apply starts from the status its create returned, which saves
     * a poll through the parent's slots that would only say "provisioning".
     */
    private Either<String, Boolean> waitUntilActive(PlanStep step, String cluster) {
        Instant start = clock.instant();
        Duration pause = FIRST_POLL;
        WorkloadClusterStatus created = statusAtCreate.remove(cluster);
        Either<ProviderError, WorkloadClusterStatus> status = created != null ? Either.right(created) : null;
        while (true) {
            if (status == null) {
                status = call(step.action().address(), () -> provider.status(cluster));
            }
            if (status.isLeft()) {
                return Either.left(status.getLeft().message());
            }
            if (status.get().active()) {
                return Either.right(true);
            }
            if ("failed".equals(status.get().state())) {
                return Either.left("Teleport Cloud reports workload cluster " + cluster + " as failed");
            }
            Duration elapsed = Duration.between(start, clock.instant());
            if (elapsed.compareTo(settings.waitTimeout()) >= 0) {
                return Either.left("workload cluster " + cluster + " is still " + describe(status.get())
                        + " after " + dev.teleform.engine.provider.GoDuration.format(settings.waitTimeout())
                        + " (defaults.wait_timeout); apply again later to continue");
            }
            events.waiting(step, elapsed, describe(status.get()));
            if (!pause(pause)) {
                return Either.left("stopped waiting for " + cluster + ": apply was interrupted");
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
            status = null;
        }
    }

    private static String describe(WorkloadClusterStatus status) {
        return status.state().isEmpty() ? "no status yet" : status.state();
    }

    private Either<String, Boolean> bootstrap(String cluster) {
        return access.join(cluster).mapLeft(ProviderError::message).map(held -> true);
    }

    private Either<String, ClusterTarget> target(Address address) {
        return access.target(address).mapLeft(ProviderError::message);
    }

    /** State takes what was written, with a placeholder for each sensitive value: state never holds one. */
    private boolean record(Address address, ObjectNode document, SensitiveFields sensitive, LiveResource live,
            Map<Address, Resource> desired, Checkpoints checkpoints) {
        ObjectNode observed = JsonNodeFactory.instance.objectNode().put("revision", live.revision());
        if (live.document().has("status") && address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
            observed.set("status", live.document().get("status"));
        }
        boolean prevent = desired.containsKey(address) && desired.get(address).lifecycle().preventDestroy();
        // Pending from the moment the user is recorded until its link is delivered: a crash or a failed
        // invite in between leaves the mark, and the next plan invites again.
        boolean invitePending = invitesWanted.contains(address)
                || checkpoints.get(address).map(ResourceState::invitePending).orElse(false);
        checkpoints.record(new ResourceState(address, sensitive.masked(document), observed, prevent, invitePending,
                sensitive.pointers()));
        if (invitesWanted.contains(address)) {
            writtenNow.put(address, live);
        }
        return true;
    }

    /**
     * One provider call about {@code address} in a slot of the cluster it goes to, retried on transient
     * failures with backoff outside the slot.
     */
    private <T> Either<ProviderError, T> call(Address address, Supplier<Either<ProviderError, T>> action) {
        Semaphore cluster = clusterSlots.computeIfAbsent(address.inParentCluster() ? "" : address.cluster(),
                key -> new Semaphore(Math.max(1, settings.parallelism())));
        return retries.call(() -> {
            cluster.acquireUninterruptibly();
            allSlots.acquireUninterruptibly();
            try {
                return action.get();
            } finally {
                allSlots.release();
                cluster.release();
            }
        }, (attempt, delay, error) -> {
            if (running.get() != null) {
                events.retrying(running.get(), attempt, delay, settings.redaction().apply(error.message()));
            }
        });
    }

    /**
     * Stops the run early (Ctrl-C): steps not yet started are skipped, calls under way finish, waits
     * end at their next pause; {@link #run} then checkpoints and returns as usual.
     */
    public void cancel() {
        cancelled.countDown();
    }

    private boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Pauses unless cancelled; a sleeper that really sleeps is woken by {@link #cancel()}. */
    private boolean pause(Duration duration) {
        try {
            return !sleeper.sleepUnlessWoken(duration, cancelled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
