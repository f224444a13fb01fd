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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * State as apply changes it, written to the store at most once per {@code interval} and once at
 * the end. Coalescing is safe because nothing is forgotten for long: a flusher writes what is new once an
 * interval has passed since the last write, so a finished step reaches state within about one interval even
 * while a long wait finishes nothing else; and a re-run adopts, by name, a resource that exists live exactly
 * as the stack wants it.
 *
 * <p>While the store commits one snapshot, the other steps go on recording the next. The step whose end
 * is due to write still writes, and what depends on it waits for that commit: so a slow or failing store
 * holds the run back at least once per interval, and a failed write is seen before the step's dependents
 * start, rather than the run going on while nothing reaches state. Writes are one at a time, each of
 * everything recorded when it began. A step that found a write due is often one of many that ended together:
 * once its turn comes, it writes only if no write since holds its change, or a fleet's steps would queue up
 * behind the store and commit one after another, each paying for all of state, where one commit holds what
 * they all did. It never skips a write its change is not in: its dependents (an invite's hand-over among them)
 * start only once state holds it.
 */
final class Checkpoints {

    private final StateStore store;
    private final long intervalNanos;
    private final Map<Address, ResourceState> resources;
    private State base;
    private Optional<String> version;
    /** Lines for the next write's message: what history should say that state does not hold. */
    private final List<String> notes = new ArrayList<>();
    /** Changes recorded, and how many of them the last write held: it is dirty while they differ. */
    private long changes;
    private long written;
    private long lastWrite = System.nanoTime();
    private int writes;
    /** One write at a time; held around the store's commit, never with this object's monitor waited on. */
    private final ReentrantLock writing = new ReentrantLock();
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
        changes++;
    }

    /** Changes the entry of {@code address}, if state holds it. */
    synchronized void change(Address address, UnaryOperator<ResourceState> change) {
        ResourceState held = resources.get(address);
        if (held != null) {
            ResourceState changed = change.apply(held);
            if (!changed.equals(held)) {
                changes++;
            }
            resources.put(address, changed);
        }
    }

    synchronized Optional<ResourceState> get(Address address) {
        return Optional.ofNullable(resources.get(address));
    }

    synchronized void forget(Address address) {
        if (resources.remove(address) != null) {
            changes++;
        }
    }

    /** Forgets {@code address} and puts {@code note} in the message of the write that records it. */
    synchronized void forget(Address address, String note) {
        resources.remove(address);
        notes.add(note);
        changes++;
    }

    /**
     * After a step: writes what is new if the interval has passed since the last write (at once with no
     * interval), so that the step's dependents start only once state holds it. The message is made only for a
     * write, which most steps do not make.
     */
    Either<StateError, Boolean> maybeWrite(Supplier<String> message) {
        long mine;
        synchronized (this) {
            if (!due()) {
                return Either.right(false);
            }
            mine = changes;
        }
        return write(message, mine);
    }

    /**
     * Writes whatever is new now: a snapshot taken under the monitor, committed outside it, so that steps
     * record on while the store works.
     */
    Either<StateError, Boolean> write(String message) {
        return write(() -> message, WHATEVER_IS_NEW);
    }

    /** For {@link #write(Supplier, long)}: write what is new, as the end of a run does. */
    private static final long WHATEVER_IS_NEW = -1;
    /** For {@link #write(Supplier, long)}: the flusher's write, made only if the interval has passed by its turn. */
    private static final long IF_DUE = -2;

    /** Whether a step that ends now writes: something is new and the interval has passed since the last write. */
    private boolean due() {
        return changes != written && System.nanoTime() - lastWrite >= intervalNanos;
    }

    /**
     * Writes what is new, unless by its turn there is nothing to do: for a step that found a write due when its
     * changes numbered {@code mine}, a write since holds them; for the flusher ({@link #IF_DUE}), one was made
     * within the interval. The message is made only once the write is decided: the decision cannot go stale
     * meanwhile, since only a holder of {@link #writing} moves what it depends on.
     */
    private Either<StateError, Boolean> write(Supplier<String> message, long mine) {
        writing.lock();
        try {
            State next;
            String full;
            long including;
            List<String> noted;
            synchronized (this) {
                if (changes == written || mine >= 0 && written >= mine || mine == IF_DUE && !due()) {
                    return Either.right(false);
                }
            }
            String said = message.get(); // outside the monitor: whoever makes it may take locks of its own
            synchronized (this) {
                next = base.next(resources);
                noted = List.copyOf(notes);
                full = noted.isEmpty() ? said : said + "\n\n" + String.join("\n", noted);
                including = changes;
            }
            // only writers change the version, and they take turns
            Either<StateError, StateStore.Snapshot> stored = store.write(next, version, full);
            Either<StateError, Boolean> done;
            synchronized (this) {
                done = stored.map(snapshot -> {
                    notes.subList(0, noted.size()).clear();
                    base = snapshot.state();
                    version = snapshot.version();
                    written = including;
                    lastWrite = System.nanoTime();
                    writes++;
                    return true;
                });
            }
            done.forEach(ignored -> crashPoints.at(CrashPoints.Point.AFTER_COMMIT, said));
            return done;
        } finally {
            writing.unlock();
        }
    }

    /**
     * Writes what is new whenever an interval has passed since the last write, until closed, on a thread of its
     * own; a write that fails is handed to {@code failed}. With no interval, every step writes on its own and nothing is started.
     */
    AutoCloseable flushEvery(Supplier<String> message, Consumer<StateError> failed) {
        if (intervalNanos <= 0) {
            return () -> { };
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread flusher = Thread.ofVirtual().name("teleform-checkpoints").start(() -> {
            try {
                // one interval after the last write, whoever made it: a step's write restarts the wait
                long wait = intervalNanos;
                while (!stop.await(wait, TimeUnit.NANOSECONDS)) {
                    long since = sinceLastWrite();
                    if (since < intervalNanos) {
                        wait = intervalNanos - since;
                        continue;
                    }
                    write(message, IF_DUE).swap().forEach(failed);
                    wait = intervalNanos;
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

    private synchronized long sinceLastWrite() {
        return System.nanoTime() - lastWrite;
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
