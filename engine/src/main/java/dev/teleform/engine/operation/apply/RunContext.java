package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.operation.access.ClusterAccess;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.state.ResourceState;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the steps of one apply share: the provider and the way to call it ({@link CallSlots}), the clusters'
 * credentials ({@link ClusterAccess}), state as it is changed ({@link Checkpoints}), the waits' status polls
 * ({@link StatusPolls}), the stack's resources, the settings, and what one step leaves for a later one (a created
 * cluster's status, an invited user as written, invites left pending, deleted clusters' restore deadlines).
 */
final class RunContext implements AutoCloseable {

    private final Provider provider;
    private final ApplyExecutor.Settings settings;
    private final GuardedEvents events;
    private final InstantSource clock;
    private final Cancellation cancellation;
    private final CallSlots calls;
    private final ClusterAccess access;
    private final Checkpoints checkpoints;
    private final Map<Address, Resource> desired;
    /** Users the plan invites, with how long their links last: recorded with their invite pending until it is delivered. */
    private final Map<Address, Duration> invited;
    /** How the handing over of the link a user's create issued went, for the user's invite step to report. */
    private final Handoffs<Address, StepOutcome> invitedAtCreate = new Handoffs<>();
    /** Invites left pending because there was nowhere to deliver them. */
    private final Set<Address> pendingInvites = new ConcurrentSkipListSet<>();
    /** Invites left pending because their link did not reach its destination, with why. */
    private final Map<Address, String> undelivered = new java.util.concurrent.ConcurrentSkipListMap<>();
    /** Invited users as this run's writes returned them, so an invite need not read a user it just wrote. */
    private final Map<Address, LiveResource> writtenNow = new ConcurrentHashMap<>();
    /** What the create of a workload cluster in this apply returned, for the wait that follows it. */
    private final Handoffs<String, WorkloadClusterStatus> statusAtCreate = new Handoffs<>();
    private final StatusPolls statusPolls = new StatusPolls();
    private final CrashPoints crashPoints;

    /**
     * @param desired the stack's resources by address (documents and lifecycle for state)
     * @param invited the users the plan invites, with how long their links last
     * @param urgency the order in which calls waiting for slots get them
     * @param crashPoints told before and after each call ({@link #call})
     */
    RunContext(Provider provider, ApplyExecutor.Settings settings, GuardedEvents events, InstantSource clock,
            Sleeper sleeper, Cancellation cancellation, Checkpoints checkpoints, Map<Address, Resource> desired,
            Map<Address, Duration> invited, CriticalPath urgency, CrashPoints crashPoints) {
        this.provider = provider;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.cancellation = cancellation;
        this.calls = new CallSlots(settings, sleeper, events, urgency);
        this.access = new ClusterAccess(provider, settings.access(), calls, clock);
        this.checkpoints = checkpoints;
        this.desired = desired;
        this.invited = Map.copyOf(invited);
        this.crashPoints = crashPoints;
    }

    Provider provider() {
        return provider;
    }

    ApplyExecutor.Settings settings() {
        return settings;
    }

    GuardedEvents events() {
        return events;
    }

    InstantSource clock() {
        return clock;
    }

    Checkpoints checkpoints() {
        return checkpoints;
    }

    ClusterAccess access() {
        return access;
    }

    /** One provider call about {@code address}, in its slots and with retries. */
    <T> Either<ProviderError, T> call(Address address, Supplier<Either<ProviderError, T>> call) {
        return calls.call(address, () -> {
            crashPoints.at(CrashPoints.Point.BEFORE_CALL, address.toString());
            Either<ProviderError, T> result = call.get();
            crashPoints.at(CrashPoints.Point.AFTER_CALL, address.toString());
            return result;
        });
    }

    /** Where calls about {@code address} go, reaching its workload cluster first if needed. */
    Either<ProviderError, ClusterTarget> target(Address address) {
        return access.target(address);
    }

    /** The calling thread now runs {@code step}. */
    void running(PlanStep step) {
        calls.running(step);
    }

    boolean cancelled() {
        return cancellation.cancelled();
    }

    /** Pauses unless the apply is cancelled, which also ends a pause under way; whether to go on. */
    boolean pause(Duration duration) {
        return cancellation.pause(duration);
    }

    Set<Address> invited() {
        return invited.keySet();
    }

    /** How long the link of a user the plan invites lasts; empty for anything else. */
    Optional<Duration> inviteTtl(Address user) {
        return Optional.ofNullable(invited.get(user));
    }

    /** How the links users' creates issued were handed over, until each user's invite step reports it. */
    Handoffs<Address, StepOutcome> invitedAtCreate() {
        return invitedAtCreate;
    }

    void invitePending(Address user) {
        pendingInvites.add(user);
    }

    List<Address> pendingInvites() {
        return List.copyOf(pendingInvites);
    }

    void undelivered(Address user, String why) {
        undelivered.put(user, why);
    }

    /** Users whose link was issued but not delivered, in address order, with why. */
    Map<Address, String> undelivered() {
        return Map.copyOf(undelivered);
    }

    Optional<LiveResource> writtenNow(Address user) {
        return Optional.ofNullable(writtenNow.get(user));
    }

    /** The status the create of a cluster returned in this apply, for its wait, once: a later wait polls. */
    Handoffs<String, WorkloadClusterStatus> statusAtCreate() {
        return statusAtCreate;
    }

    /** How waits read their clusters' status. */
    StatusPolls statusPolls() {
        return statusPolls;
    }

    boolean preventsDestroy(Address address) {
        return desired.containsKey(address) && desired.get(address).lifecycle().preventDestroy();
    }

    /** Records what a write returned ({@link #record}); a failed write fails the step. */
    StepOutcome recorded(Address address, ObjectNode document, SensitiveFields sensitive,
            Either<? extends Failure, LiveResource> written) {
        return written.fold(StepOutcome::failed, live -> {
            record(address, document, sensitive, live);
            return StepOutcome.done();
        });
    }

    /** State takes what was written, with a placeholder for each sensitive value: state never holds one. */
    private void record(Address address, ObjectNode document, SensitiveFields sensitive, LiveResource live) {
        ObjectNode observed = JsonNodeFactory.instance.objectNode().put("revision", live.revision());
        if (live.document().has("status") && address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
            observed.set("status", live.document().get("status"));
        }
        // Pending from the write-ahead until its link is delivered (which may be before this record, when the
        // link came with the create): a crash or a failed invite in between leaves the mark, and the next plan
        // invites again.
        boolean invitePending = checkpoints.get(address).map(ResourceState::invitePending)
                .orElse(invited.containsKey(address));
        checkpoints.record(new ResourceState(address, sensitive.masked(document), observed, preventsDestroy(address),
                invitePending, sensitive.pointers()));
        if (invited.containsKey(address)) {
            writtenNow.put(address, live);
        }
    }

    /**
     * Keeps the status a wait saw {@code cluster} ready with: its create usually answered before Teleport Cloud
     * gave a domain, and {@code teleform output} reads the domain from state.
     */
    void observed(Address cluster, WorkloadClusterStatus status) {
        checkpoints.change(cluster, held -> {
            ObjectNode observed = held.observed().deepCopy();
            observed.set("status", status.document());
            return held.with(cluster, held.applied(), observed);
        });
    }

    /** Removes the credentials this run obtained. */
    @Override
    public void close() {
        access.close();
    }
}
