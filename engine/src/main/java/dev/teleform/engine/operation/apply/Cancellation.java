package dev.teleform.engine.operation.apply;

import dev.teleform.engine.retry.Sleeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Ctrl-C for one apply: once {@link #cancel() cancelled}, no step starts, and a pause ends early, since the
 * sleeper is woken by the cancel rather than sleeping the pause out. Calls under way finish.
 */
final class Cancellation {

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final Sleeper sleeper;

    Cancellation(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    void cancel() {
        cancelled.countDown();
    }

    boolean cancelled() {
        return cancelled.getCount() == 0;
    }

    /** Pauses for {@code duration} unless cancelled first; whether the run goes on. */
    boolean pause(Duration duration) {
        try {
            return !sleeper.sleepUnlessWoken(duration, cancelled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
