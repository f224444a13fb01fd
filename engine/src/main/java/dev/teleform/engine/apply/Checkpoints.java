package dev.teleform.engine.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * State as apply changes it, written to the store at most once per {@code interval} and once at
 * the end. Coalescing is safe because nothing is forgotten for long and a re-run adopts, by name, a
 * resource that exists live exactly as the stack wants it.
 */
final class Checkpoints {

    private final StateStore store;
    private final long intervalNanos;
    private final Map<Address, ResourceState> resources;
    private State base;
    private Optional<String> version;
    private boolean dirty;
    private long lastWrite = System.nanoTime();
    private int writes;

    Checkpoints(StateStore store, StateStore.Snapshot snapshot, java.time.Duration interval) {
        this.store = store;
        this.base = snapshot.state();
        this.version = snapshot.version();
        this.resources = new ConcurrentSkipListMap<>(snapshot.state().resources());
        this.intervalNanos = interval.toNanos();
    }

    synchronized void record(ResourceState resource) {
        resources.put(resource.address(), resource);
        dirty = true;
    }

    synchronized void forget(Address address) {
        dirty |= resources.remove(address) != null;
    }

    /** Writes if there is something new and the interval has passed. */
    synchronized Either<StateError, Boolean> maybeWrite(String message) {
        if (!dirty || System.nanoTime() - lastWrite < intervalNanos) {
            return Either.right(false);
        }
        return write(message);
    }

    /** Writes whatever is new now. */
    synchronized Either<StateError, Boolean> write(String message) {
        if (!dirty) {
            return Either.right(false);
        }
        State next = base.next(resources);
        return store.write(next, version, message).map(snapshot -> {
            base = snapshot.state();
            version = snapshot.version();
            dirty = false;
            lastWrite = System.nanoTime();
            writes++;
            return true;
        });
    }

    synchronized State state() {
        return base;
    }

    synchronized int writes() {
        return writes;
    }
}
