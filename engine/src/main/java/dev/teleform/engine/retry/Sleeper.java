package dev.teleform.engine.retry;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits; tests replace it so retries and polling take no time. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /**
     * Sleeps {@code duration}, or less if {@code wake} opens first, and says whether {@code wake} is open:
     * how a cancelled apply ends a pause early instead of sleeping it out. A sleeper that takes no real time
     * may keep this default, which sleeps and then looks.
     */
    default boolean sleepUnlessWoken(Duration duration, CountDownLatch wake) throws InterruptedException {
        sleep(duration);
        return wake.getCount() == 0;
    }

    Sleeper REAL = new Sleeper() {
        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration);
        }

        @Override
        public boolean sleepUnlessWoken(Duration duration, CountDownLatch wake) throws InterruptedException {
            return wake.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    };
}
