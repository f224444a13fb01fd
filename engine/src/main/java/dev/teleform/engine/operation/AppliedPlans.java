package dev.teleform.engine.operation;

import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * Which saved plan a state commit applied: apply names the plan file's id at the end of the first line of every
 * commit it writes (the line {@code teleform state history} shows), so that a plan file applied a second time is
 * told apart from one that other writes overtook.
 */
final class AppliedPlans {

    /** At most this many commits are searched: a plan applied that long ago is stale whichever it was. */
    private static final int SEARCHED = 1000;

    private AppliedPlans() {
    }

    /** The id of the plan file of {@code bytes}: the start of their SHA-256, so the same file has the same id anywhere. */
    static String id(byte[] bytes) {
        return Sha256Hex.of(bytes).substring(0, 16);
    }

    private static String mark(String id) {
        return "[plan " + id + "]";
    }

    /** {@code store}, naming the plan {@code id} in each commit message it writes. */
    static StateStore marking(StateStore store, String id) {
        return new Marking(store, id);
    }

    private record Marking(StateStore store, String id) implements StateStore.WritingThrough {
        @Override
        public Either<StateError, Snapshot> write(State state, Optional<String> readAt, String message) {
            int end = message.indexOf('\n');
            String marked = end < 0 ? message + " " + mark(id)
                    : message.substring(0, end) + " " + mark(id) + message.substring(end);
            return store.write(state, readAt, marked);
        }
    }

    /**
     * The last commit that applied the plan {@code id}, among the {@code writesSince} commits made since it was
     * planned (newest first); empty when none did, or when history cannot be read (the plan is refused as stale then).
     */
    static Optional<StateStore.Entry> find(StateStore store, String id, long writesSince) {
        if (writesSince <= 0) {
            return Optional.empty();
        }
        return store.history((int) Math.min(writesSince, SEARCHED)).fold(unreadable -> Optional.empty(),
                entries -> entries.stream().filter(entry -> entry.message().contains(mark(id))).findFirst());
    }
}
