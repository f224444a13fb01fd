package dev.teleform.engine.retry;

import java.time.Duration;

/** Waits; tests replace it so retries and polling take no time. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration);
}
