package dev.teleform.engine.operation.apply;

import static dev.teleform.engine.operation.hook.ApplyEventsTest.everyEventOnce;
import static dev.teleform.engine.operation.hook.ApplyEventsTest.recorder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardedEventsTest {

    @Test
    void aGuardedViewThatThrowsLosesOnlyThoseEventsAndTheFirstFailureIsKept() {
        List<String> calls = new ArrayList<>();
        GuardedEvents guarded = new GuardedEvents(recorder(calls, Set.of("started", "failed")));
        everyEventOnce(guarded);
        assertEquals("progress output failed: java.lang.IllegalStateException: started broke",
                guarded.failure().orElseThrow());
        assertEquals(List.of("waiting", "retrying", "finished", "deferred", "skipped", "invited"),
                calls.stream().map(call -> call.substring(0, call.indexOf('['))).toList());
    }
}
