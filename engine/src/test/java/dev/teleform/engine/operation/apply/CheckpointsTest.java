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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** When checkpoints are written, and that a write under way holds up no step. */
class CheckpointsTest {

    /** Keeps what is written, after running {@code during} in the middle of the write. */
    private static final class RecordingStore implements StateStore {
        final List<State> written = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
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

        assertEquals(Either.right(true), checkpoints.maybeWrite("after a"));
        assertEquals(List.of("after a"), store.messages);
    }

    @Test
    void aStepWritesOnceTheIntervalHasPassedSoItsDependentsStartWithStateHoldingIt() {
        Checkpoints waiting = checkpoints(Duration.ofHours(1));
        waiting.record(role("a"));
        assertEquals(Either.right(false), waiting.maybeWrite("after a"), "within the interval: left to the flusher");
        assertTrue(store.written.isEmpty());

        Checkpoints due = checkpoints(Duration.ofNanos(1));
        due.record(role("b"));
        assertEquals(Either.right(true), due.maybeWrite("after b"), "the interval passed: the step writes");
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
}
