package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes to one cluster that are under way together become one {@code tctl create [-f]} with all their
 * documents and one {@code tctl get} that reads them back, instead of two processes each.
 *
 * <p>Nothing waits on purpose: one write per cluster and mode runs at a time, and whoever takes the
 * turn next writes everything that queued up meanwhile (at most {@link Tctl#MOST_PER_CREATE} documents). tctl writes in
 * order and stops at the first error; the documents before it are written, it gets the error, and
 * those after it are written in a batch of their own.
 *
 * <p>Every document taken into a batch gets its result before the turn ends, whatever happens: its
 * writer is waiting for it, not for the thread that wrote it, and the queue no longer holds it.
 */
final class WriteBatcher {


    /** Writes documents in order, stopping at the first error: {@code tctl create [-f]}. */
    interface Create {
        Tctl.Created create(Endpoint endpoint, List<ObjectNode> documents, boolean force);
    }

    /** Reads written documents back: each one's live resource or error, by {@link #ref}. */
    interface ReadBack {
        Map<String, Either<ProviderError, LiveResource>> read(Endpoint endpoint, List<ObjectNode> written);
    }

    private record Key(Endpoint endpoint, boolean force) {}

    private record Pending(ObjectNode document, CompletableFuture<Either<ProviderError, LiveResource>> result) {}

    private static final class Turn {
        final ReentrantLock lock = new ReentrantLock();
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    }

    private final Create create;
    private final ReadBack readBack;
    private final Map<Key, Turn> turns = new ConcurrentHashMap<>();

    WriteBatcher(Create create, ReadBack readBack) {
        this.create = create;
        this.readBack = readBack;
    }

    Either<ProviderError, LiveResource> write(Endpoint endpoint, ObjectNode document, boolean force) {
        Key key = new Key(endpoint, force);
        Turn turn = turns.computeIfAbsent(key, k -> new Turn());
        Pending mine = new Pending(document, new CompletableFuture<>());
        turn.queue.add(mine);
        turn.lock.lock();
        try {
            while (!mine.result().isDone()) {
                List<Pending> batch = new ArrayList<>();
                Pending next;
                while (batch.size() < Tctl.MOST_PER_CREATE && (next = turn.queue.poll()) != null) {
                    batch.add(next);
                }
                if (batch.isEmpty()) {
                    // Unreachable while every batch answers all it took: ours left the queue, so someone
                    // took it and must have answered. Fail rather than spin holding the turn.
                    throw new IllegalStateException(ref(document) + " left the write queue without a result");
                }
                write(key, batch);
            }
        } finally {
            turn.lock.unlock();
        }
        // A failure of the batch (a bug, an I/O failure) reaches each of its writers as its own, as if it
        // had written alone: join() throws it, wrapped in a CompletionException that names it.
        return mine.result().join();
    }

    /**
     * Writes {@code batch} and answers every document in it. An exception is not a Teleport error, so
     * it is not turned into one: a {@link ProviderError.ConnectionProblem} would be retried and a
     * {@link ProviderError.BadParameter} would say the server refused the document; it goes to every
     * writer of the batch instead, the one whose thread ran it included.
     */
    private void write(Key key, List<Pending> batch) {
        RuntimeException failure = null;
        try {
            writeInOrder(key, batch);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            // Also when tctl answered for fewer documents than it was given, or an Error is under way.
            List<Pending> unanswered = batch.stream().filter(pending -> !pending.result().isDone()).toList();
            if (!unanswered.isEmpty()) {
                RuntimeException why = failure != null ? failure : new IllegalStateException("the write of "
                        + ref(unanswered.getFirst().document()) + " ended without a result");
                unanswered.forEach(pending -> pending.result().completeExceptionally(why));
            }
        }
    }

    private void writeInOrder(Key key, List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Tctl.Created created = create.create(key.endpoint(),
                batch.stream().map(Pending::document).toList(), key.force());
        List<Pending> written = batch.subList(0, created.written());
        if (!written.isEmpty()) {
            Map<String, Either<ProviderError, LiveResource>> live = readBack.read(key.endpoint(),
                    written.stream().map(Pending::document).toList());
            for (Pending pending : written) {
                pending.result().complete(live.getOrDefault(ref(pending.document()), Either.left(
                        new ProviderError.NotFound(ref(pending.document()) + " was written but cannot be read back"))));
            }
        }
        if (created.error().isPresent() && created.written() < batch.size()) {
            batch.get(created.written()).result().complete(Either.left(created.error().get()));
            writeInOrder(key, new ArrayList<>(batch.subList(created.written() + 1, batch.size())));
        }
    }

    /** {@code role/dev}: how tctl names a resource, and the key of read-back results. */
    static String ref(ObjectNode document) {
        return document.path("kind").asString("") + "/" + document.path("metadata").path("name").asString("");
    }
}
