package dev.teleform.provider.simulator;

import dev.teleform.engine.testing.TestClock;
import dev.teleform.engine.provider.ProviderConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Provider configurations for simulator tests: a data directory, a hand-moved clock. */
public final class SimFixture {

    public static final String ACCOUNT = "123456789012";
    public static final String ARN = "arn:aws:iam::123456789012:role/teleform-sim";
    public static final Duration DELAY = Duration.ofMinutes(5);

    private SimFixture() {
    }

    public static ProviderConfig config(Path dataDir, TestClock clock) {
        return config(dataDir, clock, false);
    }

    /** @param denyBotList whether the bot of a new workload cluster is refused {@code list} */
    public static ProviderConfig config(Path dataDir, TestClock clock, boolean denyBotList) {
        return config(dataDir, clock, denyBotList, 0);
    }

    /** @param provisioningReads above 0, a new workload cluster is active at that read of it rather than after {@link #DELAY} */
    public static ProviderConfig config(Path dataDir, TestClock clock, boolean denyBotList, int provisioningReads) {
        return new ProviderConfig(dataDir.getParent(), "test", Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), new ProviderConfig.Tools("tctl", "tbot"),
                new ProviderConfig.SimulatorOptions(dataDir, DELAY, ACCOUNT, ARN, denyBotList, provisioningReads), clock);
    }

    public static TestClock clock() {
        return new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    }
}
