package dev.teleform.engine.operation.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class ApplyEventsTest {

    private static final PlanStep WAIT = new PlanStep("wait workload_cluster/child",
            new Action.Wait(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "child")), List.of());

    /**
     * A view that writes down each call it gets ({@code started[PlanStep[...]]}), throwing instead for
     * the events named in {@code breaksOn}. A proxy, so that no event can be left out of the record.
     */
    /** A view that notes each call it gets, and throws on the named events. */
    public static ApplyEvents recorder(List<String> calls, Set<String> breaksOn) {
        return (ApplyEvents) Proxy.newProxyInstance(ApplyEvents.class.getClassLoader(), new Class<?>[] {ApplyEvents.class},
                (proxy, method, args) -> {
                    if (breaksOn.contains(method.getName())) {
                        throw new IllegalStateException(method.getName() + " broke");
                    }
                    calls.add(method.getName() + Arrays.toString(args));
                    return null;
                });
    }

    /** Sends each of the hook's events once. */
    public static void everyEventOnce(ApplyEvents events) {
        events.started(WAIT);
        events.waiting(WAIT, Duration.ofSeconds(5), "pending");
        events.retrying(WAIT, 2, Duration.ofMillis(400), "timeout");
        events.finished(WAIT, Duration.ofSeconds(7));
        events.deferred(WAIT, "pending: nowhere to deliver");
        events.failed(WAIT, "gone");
        events.skipped(WAIT, "depends on a failed step");
        events.invited(new Invitation(Address.in(ResourceKind.USER, "alice", "child"), URI.create("https://child.example/web/invite/secret"),
                Instant.parse("2025-01-01T02:00:00Z")));
    }

    @Test
    void allHandsEveryEventToEachViewInTheOrderGiven() {
        List<String> alone = new ArrayList<>();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        everyEventOnce(recorder(alone, Set.of()));
        everyEventOnce(ApplyEvents.all(recorder(first, Set.of()), recorder(second, Set.of())));
        assertEquals(8, alone.size(), alone::toString);
        assertEquals(alone, first);
        assertEquals(alone, second);
    }
}
