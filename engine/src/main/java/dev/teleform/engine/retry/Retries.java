package dev.teleform.engine.retry;

import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Runs a provider call again while it fails transiently, as the policy allows. */
public final class Retries {

    /** Told before each pause: attempt {@code attempt} failed with {@code error}; the next follows after {@code delay}. */
    @FunctionalInterface
    public interface Listener {
        void retrying(int attempt, Duration delay, ProviderError error);

        Listener NONE = (attempt, delay, error) -> { };
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random = RandomGenerator.getDefault();

    public Retries(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /** The first success, the first permanent failure, or the last transient one. Pauses happen between attempts. */
    public <T> Either<ProviderError, T> call(Supplier<Either<ProviderError, T>> attempt, Listener listener) {
        for (int n = 1; ; n++) {
            Either<ProviderError, T> result = attempt.get();
            if (result.isRight() || !result.getLeft().transientFailure() || n >= policy.maxAttempts()) {
                return result;
            }
            Duration delay = policy.delayAfter(n, random);
            listener.retrying(n, delay, result.getLeft());
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
        }
    }
}
