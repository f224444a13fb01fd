package dev.teleform.engine.operation.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.operation.access.AccessSettings;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.testing.QuietEvents;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The order in which calls waiting for slots get them: no clock involved, only who waits when a slot frees. */
@Timeout(60) // a call that never gets its slot would wait forever: it must fail instead
class CallSlotsTest {

    private final List<PlanStep> plan = Fleet.steps();
    private final Map<String, PlanStep> steps = plan.stream().collect(Collectors.toMap(PlanStep::id, Function.identity()));
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    private CallSlots slots(int parallelism, int maxCalls) {
        return new CallSlots(new ApplyExecutor.Settings(parallelism, maxCalls, Duration.ofMinutes(1), RetryPolicy.DEFAULT,
                AccessSettings.BOTS, false, Duration.ZERO, Redaction.NONE), Sleeper.REAL, new QuietEvents(),
                CriticalPath.of(new Plan(PlanMode.NORMAL, plan, List.of(), Diagnostics.NONE, 0)));
    }

    /** The one slot is taken until the returned latch is counted down. */
    private CountDownLatch occupy(CallSlots slots) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> slots.call(steps.get(Fleet.CREATE_PARENT_ROLE).action().address(), () -> {
            held.countDown();
            await(release);
            return Either.right(null);
        }));
        held.await();
        return release;
    }

    /** Starts a call of {@code id}'s step and returns once it waits for a slot, so arrivals are in this order. */
    private Thread queue(CallSlots slots, String id) {
        PlanStep step = steps.get(id);
        int before = slots.waiting();
        Thread caller = Thread.ofVirtual().start(() -> {
            slots.running(step);
            slots.call(step.action().address(), () -> {
                order.add(id);
                return Either.right(null);
            });
        });
        while (slots.waiting() == before) {
            Thread.onSpinWait();
        }
        return caller;
    }

    @Test
    void aFreedSlotGoesToTheCallOfTheStepWithTheLongestChainBehindIt() throws InterruptedException {
        CallSlots slots = slots(10, 1);
        CountDownLatch release = occupy(slots);
        List<String> arrivals = List.of(Fleet.CREATE_PARENT_ROLE, Fleet.CREATE_USER, Fleet.CREATE_ROLE, Fleet.BOOTSTRAP,
                Fleet.WAIT, Fleet.CREATE_CLUSTER);
        List<Thread> callers = arrivals.stream().map(id -> queue(slots, id)).toList();

        release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        // the wait's poll and the join rank alike (a wait is no link of a chain): the join came first
        assertEquals(List.of(Fleet.CREATE_CLUSTER, Fleet.BOOTSTRAP, Fleet.WAIT, Fleet.CREATE_ROLE, Fleet.CREATE_USER,
                Fleet.CREATE_PARENT_ROLE), order);
    }

    @Test
    void aJoinThatAskedFirstGoesBeforeAPollThatComesAfterIt() throws InterruptedException {
        // a fleet's polls come in waves: one must not take the parent's slot from a cluster found active already
        CallSlots slots = slots(1, 10);
        CountDownLatch release = occupy(slots);
        List<String> arrivals = List.of(Fleet.BOOTSTRAP, Fleet.WAIT);
        List<Thread> callers = arrivals.stream().map(id -> queue(slots, id)).toList();

        release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        assertEquals(arrivals, order);
    }

    @Test
    void callsOfEqualRankGetSlotsInTheOrderTheyCame() throws InterruptedException {
        CallSlots slots = slots(10, 1);
        CountDownLatch release = occupy(slots);
        List<String> arrivals = List.of(Fleet.INVITE, Fleet.CREATE_OTHER_ROLE, Fleet.CREATE_PARENT_ROLE);
        List<Thread> callers = arrivals.stream().map(id -> queue(slots, id)).toList();

        release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        assertEquals(arrivals, order);
    }

    @Test
    void aCallWhoseClusterIsFullLetsACallToAnotherClusterHaveAFreeSlot() throws InterruptedException {
        // one slot per cluster, two in all: the parent's is taken, so the cluster create (rank 5) must wait,
        // while the role of workload cluster w (rank 3) takes the free overall slot
        CallSlots slots = slots(1, 2);
        CountDownLatch release = occupy(slots);
        Thread create = queue(slots, Fleet.CREATE_CLUSTER);
        PlanStep role = steps.get(Fleet.CREATE_ROLE);
        Thread other = Thread.ofVirtual().start(() -> {
            slots.running(role);
            slots.call(role.action().address(), () -> {
                order.add(role.id());
                return Either.right(null);
            });
        });
        other.join();

        assertEquals(List.of(Fleet.CREATE_ROLE), order);
        assertEquals(1, slots.waiting(), "the create still waits for the parent's slot");
        release.countDown();
        create.join();
        assertEquals(List.of(Fleet.CREATE_ROLE, Fleet.CREATE_CLUSTER), order);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
