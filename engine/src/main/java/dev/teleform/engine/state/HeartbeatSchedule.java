package dev.teleform.engine.state;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a held lock's heartbeat every interval until stopped: on a virtual thread of its own, or, in a test,
 * when the test says.
 */
@FunctionalInterface
public interface HeartbeatSchedule {

    /** Starts calling {@code beat} every {@code interval}; the first call is one interval from now. */
    Running every(Duration interval, Runnable beat);

    /** A schedule under way. */
    interface Running extends AutoCloseable {
        /** Stops it; a beat under way finishes first. */
        @Override
        void close();
    }

    /** Beats on a virtual thread. */
    HeartbeatSchedule VIRTUAL_THREAD = (interval, beat) -> {
        CountDownLatch stop = new CountDownLatch(1);
        Thread beating = Thread.ofVirtual().name("teleform-lock-heartbeat").start(() -> {
            try {
                while (!stop.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
                    beat.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return () -> {
            stop.countDown();
            try {
                beating.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    };
}
