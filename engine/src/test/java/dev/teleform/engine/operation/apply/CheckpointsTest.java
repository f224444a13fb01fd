package dev.teleform.engine.operation.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** When checkpoints are written, and that a write under way holds up no step. */
class CheckpointsTest {

    /** Keeps what is written, after running {@code during} in the middle of the write. */
    private static final class RecordingStore implements StateStore {
        final List<State> written = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();
        Consumer<Integer> during = write -> { };

        @Override
        public Either<StateError, Snapshot> read() {
            return Either.right(new Snapshot(State.empty("test"), Optional.empty()));
        }

        @Override
        public Either<StateError, Snapshot> write(State state, Optional<String> readAt, String message) {
            during.accept(written.size());
            written.add(state);
            messages.add(message);
            return Either.right(new Snapshot(state, Optional.of("v" + written.size())));
        }

        @Override
        public Either<StateError, List<Entry>> history(int limit) {
            return Either.right(List.of());
        }
    }

    private final RecordingStore store = new RecordingStore();

    private Checkpoints checkpoints(Duration interval) {
        return new Checkpoints(store, store.read().get(), interval, CrashPoints.NONE);
    }

    private static ResourceState role(String name) {
        return new ResourceState(Address.inParent(ResourceKind.ROLE, name), JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode(), false);
    }

    @Test
    void withNoIntervalEachStepWritesWhatItDid() {
        Checkpoints checkpoints = checkpoints(Duration.ZERO);
        checkpoints.record(role("a"));

        assertEquals(Either.right(true), checkpoints.maybeWrite(() -> "after a"));
        assertEquals(List.of("after a"), store.messages);
    }

    @Test
    void aStepWritesOnceTheIntervalHasPassedSoItsDependentsStartWithStateHoldingIt() {
        Checkpoints waiting = checkpoints(Duration.ofHours(1));
        waiting.record(role("a"));
        assertEquals(Either.right(false), waiting.maybeWrite(() -> "after a"), "within the interval: left to the flusher");
        assertTrue(store.written.isEmpty());

        Checkpoints due = checkpoints(Duration.ofNanos(1));
        due.record(role("b"));
        assertEquals(Either.right(true), due.maybeWrite(() -> "after b"), "the interval passed: the step writes");
        assertEquals(List.of("after b"), store.messages);
    }

    @Test
    void stepsRecordOnWhileAWriteIsUnderWayAndTheNextWriteHoldsWhatTheyDid() {
        Checkpoints checkpoints = checkpoints(Duration.ZERO);
        checkpoints.record(role("a"));
        store.during = write -> {
            if (write == 0) {
                assertFalse(Thread.holdsLock(checkpoints), "the store works outside the monitor steps record under");
                // what a step running meanwhile does
                checkpoints.record(role("b"));
                checkpoints.forget(role("a").address(), "forgot role/a");
            }
        };

        checkpoints.write("first");

        assertEquals(List.of(role("a").address()), List.copyOf(store.written.get(0).resources().keySet()),
                "the first write holds what was recorded when it began");
        assertEquals(List.of(role("b").address(), role("a").address()).stream().sorted().toList(),
                checkpoints.unsaved(), "what came during the write is not yet saved");
        assertEquals(Either.right(true), checkpoints.write("second"));
        assertEquals(List.of(role("b").address()), List.copyOf(store.written.get(1).resources().keySet()));
        assertEquals("second\n\nforgot role/a", store.messages.get(1), "a note made during a write goes with the next");
        assertEquals(List.of(), checkpoints.unsaved());
        assertEquals(Either.right(false), checkpoints.write("third"), "nothing new");
    }

    /** Runs {@code action} on a thread of its own, returning once it waits (for the write under way). */
    private static Thread waitingOn(Runnable action) {
        Thread thread = Thread.ofPlatform().start(action);
        while (thread.getState() != Thread.State.WAITING && thread.isAlive()) {
            Thread.onSpinWait();
        }
        return thread;
    }

    @Test
    void aStepQueuedBehindAWriteThatHoldsItsChangeWritesNothingMore() throws InterruptedException {
        Checkpoints checkpoints = checkpoints(Duration.ZERO);
        checkpoints.record(role("a"));
        checkpoints.record(role("b"));
        List<Either<StateError, Boolean>> second = new ArrayList<>();
        Thread[] queued = new Thread[1];
        store.during = write -> {
            if (write == 0) {
                // step b ended with step a and found a write due: it waits for a's, which holds b too
                queued[0] = waitingOn(() -> second.add(checkpoints.maybeWrite(() -> "after b")));
                checkpoints.record(role("c")); // a step that ends meanwhile
            }
        };

        assertEquals(Either.right(true), checkpoints.maybeWrite(() -> "after a"));
        queued[0].join();

        assertEquals(List.of(Either.right(false)), second, "b's change is in a's write");
        assertEquals(List.of("after a"), store.messages);
        assertEquals(List.of(role("c").address()), checkpoints.unsaved());
        assertEquals(Either.right(true), checkpoints.maybeWrite(() -> "after c"), "c, whose change is not, writes it");
    }

    @Test
    void aStepThatFoundAWriteDueWritesItsChangeThatTheWriteBeforeItDidNotHold() throws InterruptedException {
        Duration interval = Duration.ofMillis(100);
        Checkpoints checkpoints = checkpoints(interval);
        Thread.sleep(interval.toMillis() + 20);
        checkpoints.record(role("a"));
        List<Either<StateError, Boolean>> second = new ArrayList<>();
        Thread[] queued = new Thread[1];
        store.during = write -> {
            if (write == 0) {
                // step b ends after a's write began: due by the last write, it waits for a's
                checkpoints.record(role("b"));
                queued[0] = waitingOn(() -> second.add(checkpoints.maybeWrite(() -> "after b")));
            }
        };

        assertEquals(Either.right(true), checkpoints.maybeWrite(() -> "after a"));
        queued[0].join();

        // though a write was just made: b's dependents (an invite's hand-over, say) start with state holding b
        assertEquals(List.of(Either.right(true)), second);
        assertEquals(List.of("after a", "after b"), store.messages);
        assertEquals(List.of(), checkpoints.unsaved());
    }

    @Test
    void aStepQueuedBehindAWriteThatHoldsItsChangeMakesNoMessage() throws InterruptedException {
        Checkpoints checkpoints = checkpoints(Duration.ZERO);
        checkpoints.record(role("a"));
        checkpoints.record(role("b"));
        List<String> made = new CopyOnWriteArrayList<>();
        Thread[] queued = new Thread[1];
        store.during = write -> {
            if (write == 0) {
                queued[0] = waitingOn(() -> checkpoints.maybeWrite(() -> {
                    made.add("b's summary");
                    return "after b";
                }));
            }
        };

        assertEquals(Either.right(true), checkpoints.maybeWrite(() -> "after a"));
        queued[0].join();

        assertEquals(List.of(), made, "the tally's summary is made for a write only");
    }

    @Test
    void theFlusherWritesAnIntervalAfterTheLastWriteWhoeverMadeIt() throws Exception {
        Checkpoints checkpoints = checkpoints(Duration.ofSeconds(1));
        try (AutoCloseable flushing = checkpoints.flushEvery(() -> "flushed", error -> { })) {
            Thread.sleep(500);
            checkpoints.record(role("a"));
            checkpoints.write("a step's write"); // half a second in: the flusher's next is due at 1.5 s, not 1 s
            checkpoints.record(role("b"));
            Thread.sleep(750);
            assertEquals(List.of("a step's write"), store.messages, "1.25 s in: not an interval since the last write");
            Thread.sleep(750);
            assertEquals(List.of("a step's write", "flushed"), store.messages, "2 s in");
        }
    }

    @Test
    void aStepThatDoesNotWriteMakesNoMessage() {
        Checkpoints checkpoints = checkpoints(Duration.ofHours(1));
        checkpoints.record(role("a"));
        List<String> made = new ArrayList<>();

        assertEquals(Either.right(false), checkpoints.maybeWrite(() -> {
            made.add("summary");
            return "after a";
        }));
        assertEquals(List.of(), made, "the tally's summary is made for a write only, not at every step's end");
    }
}
