package dev.teleform.engine.apply;

import java.time.Duration;

/** Waits; tests replace it so retries and polling take no time. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration);
}
