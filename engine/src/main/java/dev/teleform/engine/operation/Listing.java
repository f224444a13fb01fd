package dev.teleform.engine.operation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one refresh learns about listing in workload clusters. A fleet's clusters are usually reached the same
 * way (each by the bot Teleport Cloud made, with the same rights), so the first cluster to be read tries to list
 * and the others wait for its answer; once any listing was denied, the clusters read after it are read by name
 * straight away instead of being refused one by one. That saves a call per cluster and never changes what is
 * read: reading the managed names finds everything a plan looks at; a listing is only cheaper when names are missing.
 */
final class Listing {

    private final AtomicBoolean asked = new AtomicBoolean();
    private final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();
    private volatile boolean denied;

    /**
     * Whether to try listing: yes for the first caller, who must then report with {@link #learnt}; the others wait
     * for that report, then try unless a listing was denied.
     */
    boolean worthTrying() {
        if (asked.compareAndSet(false, true)) {
            return true;
        }
        firstAnswer.join();
        return !denied;
    }

    /**
     * What a caller of {@link #worthTrying} found, whether it listed or not; called in every case, so that no one
     * waits for an answer that never comes.
     *
     * @param tried  whether it tried to list
     * @param denied whether its listing was denied
     */
    void learnt(boolean tried, boolean denied) {
        if (tried && denied) {
            this.denied = true;
        }
        firstAnswer.complete(null);
    }
}
