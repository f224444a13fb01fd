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
import java.util.HashMap;
import java.util.HashSet;
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

    /** A member's write, as the provider is to make it, or why it cannot be made (an update's fresh read failed). */
    private record Member(PlanStep step, Either<ProviderError, Provider.Write> write) {

        Member(PlanStep step, Provider.Write.Mode mode, ObjectNode document) {
            this(step, Either.right(new Provider.Write(mode, document)));
        }
    }

    private final Creation creation;
    private final InviteStep invites;

    WriteTogether(Creation creation, InviteStep invites) {
        this.creation = creation;
        this.invites = invites;
    }

    /** What a group's walk gives it besides the run: when state can no longer be saved, and how to save it now. */
    interface Walk {
        /** Whether a checkpoint failed, after which no write may start. */
        boolean unsaved();

        /** Writes a checkpoint if one is due. */
        void checkpoint();
    }

    /** Every member's outcome, by step id. */
    Map<String, StepOutcome> perform(RunContext run, WriteGroups.Group group, Walk walk) {
        Map<String, StepOutcome> outcomes = new ConcurrentHashMap<>();
        Either<ProviderError, ClusterTarget> target = run.target(group.members().getFirst().action().address());
        if (target.isLeft()) {
            group.members().forEach(member -> outcomes.put(member.id(), StepOutcome.failed(target.getLeft())));
            return outcomes;
        }
        Batch batch = new Batch(run, walk, target.get(), outcomes);
        List<Member> plain = new ArrayList<>();
        // Teleport Cloud's upsert for workload clusters, as Creation#make: a no-op for an identical spec.
        Provider.Write.Mode create = group.overwrite() ? Provider.Write.Mode.UPSERT : Provider.Write.Mode.CREATE;
        List<PlanStep> invited = new ArrayList<>();
        List<PlanStep> updates = new ArrayList<>();
        for (PlanStep member : group.members()) {
            if (member.action() instanceof Action.Update) {
                updates.add(member);
                continue;
            }
            Action.Create created = create(member);
            Optional<String> waiting = creation.waiting(run, created.address());
            if (waiting.isPresent()) {
                outcomes.put(member.id(), StepOutcome.deferred(waiting.get()));
            } else if (run.inviteTtl(created.address()).isPresent()) {
                invited.add(member);
            } else {
                plain.add(new Member(member, create, created.document()));
            }
        }
        batch.write(plain);
        List<PlanStep> rests = batch.addInvited(invited);
        // The users exist and their links are handed over: state should say so before anything else can fail.
        walk.checkpoint();
        List<Member> overwrites = new ArrayList<>(batch.merged(updates));
        rests.forEach(user -> overwrites.add(new Member(user, Provider.Write.Mode.UPSERT, create(user).document())));
        Map<String, Integer> order = new HashMap<>();
        group.members().forEach(member -> order.put(member.id(), order.size()));
        overwrites.sort(Comparator.comparing(member -> order.get(member.step().id())));
        batch.write(overwrites);
        batch.readBack();
        group.members().forEach(member -> outcomes.putIfAbsent(member.id(),
                StepOutcome.failed(new StepFailure("it ended without a result"))));
        return outcomes;
    }

    /** One group's work under way: what has been made and waits to be read back, and the members' outcomes. */
    private final class Batch {
        private final RunContext run;
        private final Walk walk;
        private final ClusterTarget target;
        private final Map<String, StepOutcome> outcomes;
        private final List<PlanStep> made = Collections.synchronizedList(new ArrayList<>());
        /** Users added with their links: the rest of each is under way, as one by one, and no cancel stops it. */
        private final Set<String> added = ConcurrentHashMap.newKeySet();

        Batch(RunContext run, Walk walk, ClusterTarget target, Map<String, StepOutcome> outcomes) {
            this.run = run;
            this.walk = walk;
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
                if (queue.getFirst().write().isLeft()) {
                    // It fails where it stands, as tctl stops at a document it refuses: what waits on it is skipped.
                    outcomes.put(first.id(), StepOutcome.failed(queue.getFirst().write().getLeft()));
                    queue = new ArrayList<>(queue.subList(1, queue.size()));
                    continue;
                }
                List<Provider.Write> writes = queue.stream().takeWhile(member -> member.write().isRight())
                        .map(member -> member.write().get()).toList();
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
                if (stoppedBy.isEmpty() || count >= writes.size()) {
                    queue = new ArrayList<>(queue.subList(count, queue.size()));
                    continue;
                }
                ProviderError error = stoppedBy.get();
                // A transient failure of the first write was retried, as a whole, and is that write's; one after the
                // first may be anything's, so the next call starts with that write and retries it.
                if (count == 0 || !error.transientFailure()) {
                    PlanStep refused = queue.get(count).step();
                    outcomes.put(refused.id(), refused(refused, error));
                    count++;
                }
                queue = new ArrayList<>(queue.subList(count, queue.size()));
            }
        }

        /** How a member whose write the provider refused ends. */
        private StepOutcome refused(PlanStep step, ProviderError error) {
            if (step.action() instanceof Action.Create create) {
                if (added.contains(step.id())) {
                    // made by users add, its link handed over: only the rest of its document is not written
                    return StepOutcome.failed(new Creation.Incomplete(create.address(), error));
                }
                if (error instanceof ProviderError.AlreadyExists exists) {
                    return AdoptStep.existing(run, create, target, exists);
                }
            }
            return StepOutcome.failed(error);
        }

        /**
         * The updates' documents: each live resource, read fresh in one call, with exactly the plan's changes made
         * ({@link LiveMerge}), so that what the stack does not set keeps its live value; or why it was not read,
         * which fails the update where it stands among the writes.
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
                writes.add(new Member(step, Found.in(read, update.address()).map(live -> new Provider.Write(
                        Provider.Write.Mode.UPDATE, LiveMerge.merge(live.document(), update.changes())))));
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
                            outcomes.put(user.id(), refused(user, added.getLeft()));
                            return;
                        }
                        run.invitedAtCreate().leave(address, invites.handOver(run, address, added.get().link()));
                        this.added.add(user.id());
                        (added.get().complete() ? made : rests).add(user);
                    }));
                }
            }
            Set<String> toWrite = new HashSet<>();
            rests.forEach(user -> toWrite.add(user.id()));
            return users.stream().filter(user -> toWrite.contains(user.id())).toList();
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
                Either<ProviderError, LiveResource> live = Found.in(read, address).mapLeft(error -> error instanceof
                        ProviderError.NotFound ? new ProviderError.NotFound(address + " was written but cannot be "
                        + "read back") : error);
                if (address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
                    live.forEach(cluster -> run.statusAtCreate().leave(address.name(),
                            WorkloadClusterStatus.of(cluster.document())));
                }
                outcomes.put(step.id(), step.action() instanceof Action.Update update
                        ? run.recorded(address, update.document(), update.sensitive(), live)
                        : run.recorded(address, create(step).document(), create(step).sensitive(), live));
            }
        }

        private static Map<ResourceKind, Set<String>> names(List<PlanStep> steps) {
            Map<ResourceKind, Set<String>> names = new EnumMap<>(ResourceKind.class);
            steps.forEach(step -> names.computeIfAbsent(step.action().address().kind(), kind -> new TreeSet<>())
                    .add(step.action().address().name()));
            return names;
        }

        /**
         * Those of {@code items} still to start: one whose step waits on a member that did not finish is skipped, as
         * the walk skips it; once a checkpoint failed or the apply is cancelled, every one is, but the rest of a user
         * already added.
         */
        private <T> List<T> startable(List<T> items, Function<T, PlanStep> stepOf) {
            List<T> left = new ArrayList<>();
            for (T item : items) {
                PlanStep step = stepOf.apply(item);
                if (added.contains(step.id())) {
                    left.add(item);
                } else if (walk.unsaved()) {
                    outcomes.put(step.id(), StepOutcome.skipped("state could not be saved"));
                } else if (run.cancelled()) {
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
