package dev.teleform.engine.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final Retries retries = new Retries(new RetryPolicy(4, Duration.ofMillis(100), 2.0, Duration.ofMillis(250)),
            pauses::add);

    @Test
    void transientFailuresAreRetriedWithGrowingCappedPauses() {
        AtomicInteger calls = new AtomicInteger();
        Either<ProviderError, String> result = retries.call(() -> calls.incrementAndGet() < 4
                ? Either.left(new ProviderError.ConnectionProblem("down")) : Either.right("ok"), Retries.Listener.NONE);
        assertEquals("ok", result.get());
        assertEquals(4, calls.get());
        assertEquals(3, pauses.size());
        assertTrue(pauses.get(0).toMillis() <= 100 && pauses.get(1).toMillis() <= 200 && pauses.get(2).toMillis() <= 250,
                pauses::toString);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        var result = retries.call(() -> {
            calls.incrementAndGet();
            return Either.left(new ProviderError.AccessDenied("no"));
        }, Retries.Listener.NONE);
        assertTrue(result.isLeft());
        assertEquals(1, calls.get());
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastError() {
        List<Integer> told = new ArrayList<>();
        var result = retries.call(() -> Either.left(new ProviderError.LimitExceeded("slow down")),
                (attempt, delay, error) -> told.add(attempt));
        assertEquals("slow down", result.getLeft().message());
        assertEquals(List.of(1, 2, 3), told);
    }
}
