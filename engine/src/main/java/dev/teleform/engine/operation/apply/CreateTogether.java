package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.plan.Action;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a group of creates ({@link CreateGroups}) in a few provider calls instead of two or more each: the members
 * that are not invited in one {@link Provider#createInOrder} (roles before the users that name them), then each
 * invited user with its link ({@link Provider#addInvited}, handed over at once as {@link Creation} does), then the
 * rest of those users' documents in one more {@link Provider#createInOrder}, and finally one {@link
 * Provider#getNamed} that reads back everything made, for state. So a workload cluster's new roles and users cost
 * three calls and one per invited user.
 *
 * <p>Each member still ends on its own. A document the provider refuses fails its step with its own error (or is
 * adopted, if already there as the stack wants it); the members after it are written again in the next call, except
 * those that wait on a member that did not finish, which are skipped as the walk would skip them. A transient error
 * after the first document is not the document's: the next call starts with it, and is retried as any call is.
 */
final class CreateTogether {

    private final Creation creation;
    private final InviteStep invites;

    CreateTogether(Creation creation, InviteStep invites) {
        this.creation = creation;
        this.invites = invites;
    }

    /** Every member's outcome, by step id. */
    Map<String, StepOutcome> perform(RunContext run, CreateGroups.Group group) {
        Map<String, StepOutcome> outcomes = new ConcurrentHashMap<>();
        Either<ProviderError, ClusterTarget> target = run.target(group.members().getFirst().action().address());
        if (target.isLeft()) {
            group.members().forEach(member -> outcomes.put(member.id(), StepOutcome.failed(target.getLeft())));
            return outcomes;
        }
        Batch batch = new Batch(run, group, target.get(), outcomes);
        List<PlanStep> plain = new ArrayList<>();
        List<PlanStep> invited = new ArrayList<>();
        for (PlanStep member : group.members()) {
            Address address = member.action().address();
            Optional<String> waiting = creation.waiting(run, address);
            if (waiting.isPresent()) {
                outcomes.put(member.id(), StepOutcome.deferred(waiting.get()));
            } else {
                (run.inviteTtl(address).isPresent() ? invited : plain).add(member);
            }
        }
        batch.createInOrder(plain, group.overwrite(), (address, error) -> error);
        List<PlanStep> rests = batch.addInvited(invited);
        // The user exists and its link was handed over: a failure now leaves only the rest of its document unwritten.
        batch.createInOrder(rests, true, Creation.Incomplete::new);
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
        private final Map<String, PlanStep> members = new HashMap<>();
        private final List<PlanStep> made = Collections.synchronizedList(new ArrayList<>());

        Batch(RunContext run, CreateGroups.Group group, ClusterTarget target, Map<String, StepOutcome> outcomes) {
            this.run = run;
            this.target = target;
            this.outcomes = outcomes;
            group.members().forEach(member -> members.put(member.id(), member));
        }

        /**
         * Writes {@code steps}' documents in calls of as many as the provider takes, until each is made or has
         * ended; a refused document's failure is {@code failure} of the provider's error.
         */
        void createInOrder(List<PlanStep> steps, boolean overwrite, BiFunction<Address, ProviderError, Failure> failure) {
            List<PlanStep> queue = new ArrayList<>(steps);
            while (!(queue = startable(queue)).isEmpty()) {
                PlanStep first = queue.getFirst();
                List<ObjectNode> documents = queue.stream().map(step -> create(step).document()).toList();
                run.running(first);
                Either<ProviderError, Provider.CreatedInOrder> call = run.call(first.action().address(), () -> {
                    Provider.CreatedInOrder created = run.provider().createInOrder(target, documents, overwrite);
                    // Nothing made: the call failed as a whole, and a transient failure is retried as a whole.
                    return created.created() == 0 && created.stoppedBy().isPresent()
                            ? Either.left(created.stoppedBy().get()) : Either.right(created);
                });
                int count = call.map(Provider.CreatedInOrder::created).getOrElse(0);
                Optional<ProviderError> stoppedBy = call.fold(Optional::of, Provider.CreatedInOrder::stoppedBy);
                made.addAll(queue.subList(0, count));
                if (stoppedBy.isEmpty() || count >= queue.size()) {
                    return;
                }
                ProviderError error = stoppedBy.get();
                if (count == 0 && error.transientFailure()) {
                    // Retried already, as a whole: the cluster cannot be reached, for any of them.
                    queue.forEach(step -> outcomes.put(step.id(), StepOutcome.failed(failure.apply(
                            step.action().address(), error))));
                    return;
                }
                if (count == 0 || !error.transientFailure()) {
                    PlanStep refused = queue.get(count);
                    outcomes.put(refused.id(), error instanceof ProviderError.AlreadyExists exists
                            ? AdoptStep.existing(run, create(refused), target, exists)
                            : StepOutcome.failed(failure.apply(refused.action().address(), error)));
                    count++;
                }
                queue = new ArrayList<>(queue.subList(count, queue.size()));
            }
        }

        /**
         * Makes each invited user with its link, side by side (each call in its own slot), hands the link over at
         * once, and returns the users whose rest is still to write.
         */
        List<PlanStep> addInvited(List<PlanStep> users) {
            List<PlanStep> rests = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (PlanStep user : startable(users)) {
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

        /** One read of everything made, recorded in state; a member made but not found fails. */
        void readBack() {
            List<PlanStep> toRead = made.stream().filter(step -> !outcomes.containsKey(step.id())).toList();
            if (toRead.isEmpty()) {
                return;
            }
            Map<ResourceKind, Set<String>> names = new EnumMap<>(ResourceKind.class);
            toRead.forEach(step -> names.computeIfAbsent(step.action().address().kind(), kind -> new TreeSet<>())
                    .add(step.action().address().name()));
            run.running(toRead.getFirst());
            var read = run.call(toRead.getFirst().action().address(), () -> run.provider().getNamed(target, names));
            for (PlanStep step : toRead) {
                Action.Create create = create(step);
                Address address = create.address();
                Either<ProviderError, LiveResource> live = read.flatMap(found -> found.getOrDefault(address.kind(),
                        List.of()).stream().filter(resource -> resource.name().equals(address.name())).findFirst()
                        .<Either<ProviderError, LiveResource>>map(Either::right)
                        .orElseGet(() -> Either.left(new ProviderError.NotFound(address + " was made but cannot be "
                                + "read back"))));
                if (address.kind() == ResourceKind.WORKLOAD_CLUSTER) {
                    live.forEach(cluster -> run.statusAtCreate().leave(address.name(),
                            WorkloadClusterStatus.of(cluster.document())));
                }
                outcomes.put(step.id(), run.recorded(address, create.document(), create.sensitive(), live));
            }
        }

        /**
         * Those of {@code steps} still to start: a step that waits on a member that did not finish is skipped, as
         * the walk skips it; after a cancel, every one is.
         */
        private List<PlanStep> startable(List<PlanStep> steps) {
            List<PlanStep> left = new ArrayList<>();
            for (PlanStep step : steps) {
                if (run.cancelled()) {
                    outcomes.put(step.id(), StepOutcome.skipped("apply was interrupted"));
                } else if (step.dependsOn().stream().map(outcomes::get)
                        .anyMatch(outcome -> outcome != null && !outcome.completed())) {
                    outcomes.put(step.id(), StepOutcome.skipped("a step it depends on did not finish"));
                } else {
                    left.add(step);
                }
            }
            return left;
        }
    }

    private static Action.Create create(PlanStep step) {
        return (Action.Create) step.action();
    }
}
