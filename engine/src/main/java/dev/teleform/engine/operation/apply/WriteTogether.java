package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.LiveMerge;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out a group of writes ({@link WriteGroups}) in a few provider calls instead of two or more each: the new
 * members that are not invited in one {@link Provider#writeInOrder} (roles before the users that name them), then
 * each invited user with its link ({@link Provider#addInvited}, handed over at once as {@link Creation} does), then
 * in one more {@link Provider#writeInOrder} that overwrites, the rest of those users' documents and the updates
 * (each the live resource as one {@link Provider#getNamed} read it, with exactly the plan's changes made, as {@link
 * UpdateStep} does), and finally one {@link Provider#getNamed} that reads back everything written, for state. So a
 * workload cluster's new roles and users cost three calls and one per invited user, and its updates two more.
 *
 * <p>Each member still ends on its own. A document the provider refuses fails its step with its own error (or is
 * adopted, if already there as the stack wants it); the members after it are written again in the next call, except
 * those that wait on a member that did not finish, which are skipped as the walk would skip them. A transient error
 * after the first document is not the document's: the next call starts with it, and is retried as any call is.
 */
final class WriteTogether {

    /** A member's write, as the provider is to make it. */
    private record Member(PlanStep step, Provider.Write write) {

        Member(PlanStep step, Provider.Write.Mode mode, ObjectNode document) {
            this(step, new Provider.Write(mode, document));
        }
    }

    private final Creation creation;
    private final InviteStep invites;

    WriteTogether(Creation creation, InviteStep invites) {
        this.creation = creation;
        this.invites = invites;
    }

    /** Every member's outcome, by step id. */
    Map<String, StepOutcome> perform(RunContext run, WriteGroups.Group group) {
        Map<String, StepOutcome> outcomes = new ConcurrentHashMap<>();
        Either<ProviderError, ClusterTarget> target = run.target(group.members().getFirst().action().address());
        if (target.isLeft()) {
            group.members().forEach(member -> outcomes.put(member.id(), StepOutcome.failed(target.getLeft())));
            return outcomes;
        }
        Batch batch = new Batch(run, target.get(), outcomes);
        List<Member> plain = new ArrayList<>();
        // Teleport Cloud's upsert for workload clusters, as Creation#make: a no-op for an identical spec.
        Provider.Write.Mode create = group.overwrite() ? Provider.Write.Mode.UPSERT : Provider.Write.Mode.CREATE;
        List<PlanStep> invited = new ArrayList<>();
        List<PlanStep> updates = new ArrayList<>();
        for (PlanStep member : group.members()) {
            switch (member.action()) {
                case Action.Create created -> {
                    Optional<String> waiting = creation.waiting(run, created.address());
                    if (waiting.isPresent()) {
                        outcomes.put(member.id(), StepOutcome.deferred(waiting.get()));
                    } else if (run.inviteTtl(created.address()).isPresent()) {
                        invited.add(member);
                    } else {
                        plain.add(new Member(member, create, created.document()));
                    }
                }
                case Action.Update update -> updates.add(member);
                default -> throw new IllegalArgumentException("not a write of a group: " + member.id());
            }
        }
        batch.write(plain);
        List<PlanStep> rests = batch.addInvited(invited);
        List<Member> overwrites = new ArrayList<>(batch.merged(updates));
        rests.forEach(user -> overwrites.add(new Member(user, Provider.Write.Mode.UPSERT, create(user).document())));
        List<PlanStep> order = group.members();
        overwrites.sort(Comparator.comparingInt(member -> order.indexOf(member.step())));
        batch.write(overwrites);
        batch.readBack();
        group.members().forEach(member -> outcomes.putIfAbsent(member.id(),
                StepOutcome.failed(new StepFailure("it ended without a result"))));
        return outcomes;
    }

    /** One group's work under way: what has been made and waits to be read back, and the members' outcomes. */
    private final class Batch {
        private final RunContext run;
        private final ClusterTarget target;
        private final Map<String, StepOutcome> outcomes;
        private final List<PlanStep> made = Collections.synchronizedList(new ArrayList<>());

        Batch(RunContext run, ClusterTarget target, Map<String, StepOutcome> outcomes) {
            this.run = run;
            this.target = target;
            this.outcomes = outcomes;
        }

        /**
         * Makes {@code members}' writes in calls of as many as the provider takes, until each is written or has ended. A
         * refused create that finds its resource there is adopted if it is what the stack wants; the rest of a user
         * made by {@code users add} that cannot be written leaves the user {@link Creation.Incomplete incomplete}.
         */
        void write(List<Member> members) {
            List<Member> queue = new ArrayList<>(members);
            while (!(queue = startable(queue, Member::step)).isEmpty()) {
                PlanStep first = queue.getFirst().step();
                List<Provider.Write> writes = queue.stream().map(Member::write).toList();
                run.running(first);
                Either<ProviderError, Provider.WrittenInOrder> call = run.call(first.action().address(), () -> {
                    Provider.WrittenInOrder written = run.provider().writeInOrder(target, writes);
                    // Nothing written: the call failed as a whole, and a transient failure is retried as a whole.
                    return written.written() == 0 && written.stoppedBy().isPresent()
                            ? Either.left(written.stoppedBy().get()) : Either.right(written);
                });
                int count = call.map(Provider.WrittenInOrder::written).getOrElse(0);
                Optional<ProviderError> stoppedBy = call.fold(Optional::of, Provider.WrittenInOrder::stoppedBy);
                queue.subList(0, count).forEach(member -> made.add(member.step()));
                if (stoppedBy.isEmpty() || count >= queue.size()) {
                    return;
                }
                ProviderError error = stoppedBy.get();
                if (count == 0 && error.transientFailure()) {
                    // Retried already, as a whole: the cluster cannot be reached, for any of them.
                    queue.forEach(member -> outcomes.put(member.step().id(), refused(member.step(), error)));
                    return;
                }
                if (count == 0 || !error.transientFailure()) {
                    PlanStep refused = queue.get(count).step();
                    outcomes.put(refused.id(), refused(refused, error));
                    count++;
                }
                queue = new ArrayList<>(queue.subList(count, queue.size()));
            }
        }

        private StepOutcome refused(PlanStep step, ProviderError error) {
            return switch (step.action()) {
                // made by users add, its link handed over: only the rest of its document is not written
                case Action.Create create when run.inviteTtl(create.address()).isPresent() ->
                        StepOutcome.failed(new Creation.Incomplete(create.address(), error));
                case Action.Create create when error instanceof ProviderError.AlreadyExists exists ->
                        AdoptStep.existing(run, create, target, exists);
                default -> StepOutcome.failed(error);
            };
        }

        /**
         * The updates' documents: each live resource, read fresh in one call, with exactly the plan's changes made
         * ({@link LiveMerge}), so that what the stack does not set keeps its live value.
         */
        List<Member> merged(List<PlanStep> updates) {
            List<PlanStep> startable = startable(updates, step -> step);
            if (startable.isEmpty()) {
                return List.of();
            }
            run.running(startable.getFirst());
            var read = run.call(startable.getFirst().action().address(),
                    () -> run.provider().getNamed(target, names(startable)));
            List<Member> writes = new ArrayList<>();
            for (PlanStep step : startable) {
                Action.Update update = (Action.Update) step.action();
                found(read, update.address()).fold(error -> outcomes.put(step.id(), StepOutcome.failed(error)),
                        live -> writes.add(new Member(step, Provider.Write.Mode.UPDATE,
                                LiveMerge.merge(live.document(), update.changes()))));
            }
            return writes;
        }

        /**
         * Makes each invited user with its link, side by side (each call in its own slot), hands the link over at
         * once, and returns the users whose rest is still to write.
         */
        List<PlanStep> addInvited(List<PlanStep> users) {
            List<PlanStep> rests = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (PlanStep user : startable(users, step -> step)) {
                    threads.submit(() -> unexpectedFails(user, () -> {
                        Address address = user.action().address();
                        Duration ttl = run.inviteTtl(address).orElseThrow();
                        run.running(user);
                        var added = run.call(address, () -> run.provider().addInvited(target, create(user).document(), ttl));
                        if (added.isLeft()) {
                            outcomes.put(user.id(), added.getLeft() instanceof ProviderError.AlreadyExists exists
                                    ? AdoptStep.existing(run, create(user), target, exists)
                                    : StepOutcome.failed(added.getLeft()));
                            return;
                        }
                        run.invitedAtCreate().leave(address, invites.handOver(run, address, added.get().link()));
                        (added.get().complete() ? made : rests).add(user);
                    }));
                }
            }
            List<PlanStep> inPlanOrder = new ArrayList<>(users);
            inPlanOrder.retainAll(rests);
            return inPlanOrder;
        }

        /** A member's work on a thread of its own: what it throws is its failure, as the walk makes it. */
        private void unexpectedFails(PlanStep step, Runnable work) {
            try {
                work.run();
            } catch (RuntimeException e) {
                outcomes.put(step.id(), StepOutcome.failed(new StepFailure("unexpected " + e)));
            }
        }

        /** One read of everything written, recorded in state; a member written but not found fails. */
        void readBack() {
            List<PlanStep> toRead = made.stream().filter(step -> !outcomes.containsKey(step.id())).toList();
            if (toRead.isEmpty()) {
                return;
            }
            run.running(toRead.getFirst());
            var read = run.call(toRead.getFirst().action().address(), () -> run.provider().getNamed(target,
                    names(toRead)));
            for (PlanStep step : toRead) {
                Address address = step.action().address();
                Either<ProviderError, LiveResource> live = found(read, address).mapLeft(error -> error instanceof
                        ProviderError.NotFound ? new ProviderError.NotFound(address + " was written but cannot be "
                        + "read back") : error);
                if (address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
                    live.forEach(cluster -> run.statusAtCreate().leave(address.name(),
                            WorkloadClusterStatus.of(cluster.document())));
                }
                outcomes.put(step.id(), switch (step.action()) {
                    case Action.Create create -> run.recorded(address, create.document(), create.sensitive(), live);
                    case Action.Update update -> run.recorded(address, update.document(), update.sensitive(), live);
                    default -> throw new IllegalArgumentException("not a write of a group: " + step.id());
                });
            }
        }

        private static Map<ResourceKind, Set<String>> names(List<PlanStep> steps) {
            Map<ResourceKind, Set<String>> names = new EnumMap<>(ResourceKind.class);
            steps.forEach(step -> names.computeIfAbsent(step.action().address().kind(), kind -> new TreeSet<>())
                    .add(step.action().address().name()));
            return names;
        }

        /** The resource at {@code address} in what a read found, or why it is not there. */
        private static Either<ProviderError, LiveResource> found(
                Either<ProviderError, Map<ResourceKind, List<LiveResource>>> read, Address address) {
            return read.flatMap(found -> found.getOrDefault(address.kind(), List.of()).stream()
                    .filter(resource -> resource.name().equals(address.name())).findFirst()
                    .<Either<ProviderError, LiveResource>>map(Either::right)
                    .orElseGet(() -> Either.left(new ProviderError.NotFound(address.kind().kind() + " \""
                            + address.name() + "\" is not found"))));
        }

        /**
         * Those of {@code items} still to start: one whose step waits on a member that did not finish is skipped, as
         * the walk skips it; after a cancel, every one is.
         */
        private <T> List<T> startable(List<T> items, Function<T, PlanStep> stepOf) {
            List<T> left = new ArrayList<>();
            for (T item : items) {
                PlanStep step = stepOf.apply(item);
                if (run.cancelled()) {
                    outcomes.put(step.id(), StepOutcome.skipped("apply was interrupted"));
                } else if (step.dependsOn().stream().map(outcomes::get)
                        .anyMatch(outcome -> outcome != null && !outcome.completed())) {
                    outcomes.put(step.id(), StepOutcome.skipped("a step it depends on did not finish"));
                } else {
                    left.add(item);
                }
            }
            return left;
        }
    }

    private static Action.Create create(PlanStep step) {
        return (Action.Create) step.action();
    }
}
