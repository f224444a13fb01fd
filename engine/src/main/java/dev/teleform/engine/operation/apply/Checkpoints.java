package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.state.ResourceState;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * State as apply changes it, written to the store at most once per {@code interval} and once at
 * the end. Coalescing is safe because nothing is forgotten for long: besides the writes after steps,
 * a flusher writes what is new every interval, so a finished step reaches state within about one
 * interval even while a long wait finishes nothing else; and a re-run adopts, by name, a resource that
 * exists live exactly as the stack wants it.
 */
final class Checkpoints {

    private final StateStore store;
    private final long intervalNanos;
    private final Map<Address, ResourceState> resources;
    private State base;
    private Optional<String> version;
    /** Lines for the next write's message: what history should say that state does not hold. */
    private final List<String> notes = new ArrayList<>();
    private boolean dirty;
    private long lastWrite = System.nanoTime();
    private int writes;
    private final CrashPoints crashPoints;

    Checkpoints(StateStore store, StateStore.Snapshot snapshot, Duration interval, CrashPoints crashPoints) {
        this.store = store;
        this.base = snapshot.state();
        this.version = snapshot.version();
        this.resources = new ConcurrentSkipListMap<>(snapshot.state().resources());
        this.intervalNanos = interval.toNanos();
        this.crashPoints = crashPoints;
    }

    synchronized void record(ResourceState resource) {
        resources.put(resource.address(), resource);
        dirty = true;
    }

    /** Changes the entry of {@code address}, if state holds it. */
    synchronized void change(Address address, UnaryOperator<ResourceState> change) {
        ResourceState held = resources.get(address);
        if (held != null) {
            ResourceState changed = change.apply(held);
            dirty |= !changed.equals(held);
            resources.put(address, changed);
        }
    }

    synchronized Optional<ResourceState> get(Address address) {
        return Optional.ofNullable(resources.get(address));
    }

    synchronized void forget(Address address) {
        dirty |= resources.remove(address) != null;
    }

    /** Forgets {@code address} and puts {@code note} in the message of the write that records it. */
    synchronized void forget(Address address, String note) {
        resources.remove(address);
        notes.add(note);
        dirty = true;
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
        String full = notes.isEmpty() ? message : message + "\n\n" + String.join("\n", notes);
        Either<StateError, Boolean> written = store.write(next, version, full).map(snapshot -> {
            notes.clear();
            base = snapshot.state();
            version = snapshot.version();
            dirty = false;
            lastWrite = System.nanoTime();
            writes++;
            return true;
        });
        written.forEach(ignored -> crashPoints.at(CrashPoints.Point.AFTER_COMMIT, message));
        return written;
    }

    /**
     * Writes what is new every interval until closed, on a thread of its own; a write that fails is
     * handed to {@code failed}. With no interval, every step writes on its own and nothing is started.
     */
    AutoCloseable flushEvery(Supplier<String> message, Consumer<StateError> failed) {
        if (intervalNanos <= 0) {
            return () -> { };
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread flusher = Thread.ofVirtual().name("teleform-checkpoints").start(() -> {
            try {
                while (!stop.await(intervalNanos, TimeUnit.NANOSECONDS)) {
                    maybeWrite(message.get()).swap().forEach(failed);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return () -> {
            stop.countDown();
            flusher.join();
        };
    }

    /** Addresses whose outcome in this run is not in the last state written: what a lost write would lose. */
    synchronized List<Address> unsaved() {
        TreeSet<Address> differ = new TreeSet<>();
        resources.forEach((address, entry) -> {
            if (!Objects.equals(base.resources().get(address), entry)) {
                differ.add(address);
            }
        });
        base.resources().keySet().stream().filter(address -> !resources.containsKey(address)).forEach(differ::add);
        return List.copyOf(differ);
    }

    synchronized State state() {
        return base;
    }

    synchronized int writes() {
        return writes;
    }
}
