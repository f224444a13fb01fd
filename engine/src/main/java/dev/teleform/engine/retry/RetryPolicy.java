package dev.teleform.engine.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter for transient provider failures, configured once: the n-th
 * retry waits a random time up to {@code initial * multiplier^(n-1)}, capped at {@code max}.
 */
public record RetryPolicy(int maxAttempts, Duration initial, double multiplier, Duration max) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));

    /** How long to wait before attempt {@code attempt + 1}. */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        double ceiling = Math.min(max.toMillis(), initial.toMillis() * Math.pow(multiplier, attempt - 1));
        return Duration.ofMillis((long) (random.nextDouble() * ceiling));
    }
}
