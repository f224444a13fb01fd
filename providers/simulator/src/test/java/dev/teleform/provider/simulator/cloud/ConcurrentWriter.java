package dev.teleform.provider.simulator.cloud;

import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.SimTestSupport;
import dev.teleform.provider.simulator.SimulatorProviderFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * Run as a separate process by {@link MultiProcessTest}: creates {@code count} roles and users named
 * after {@code prefix} in one data directory, and keeps rewriting one role that every writer shares.
 */
public final class ConcurrentWriter {

    private ConcurrentWriter() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        ProviderConfig config = new ProviderConfig(data.getParent(), "mp", Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), new ProviderConfig.Tools("tctl", "tbot"),
                new ProviderConfig.SimulatorOptions(data, Duration.ZERO, SimFixture.ACCOUNT, SimFixture.ARN),
                InstantSource.system());
        try (Provider provider = new SimulatorProviderFactory().open(config)) {
            for (int i = 0; i < count; i++) {
                SimTestSupport.ok(provider.create(ClusterTarget.parent(), SimTestSupport.role(prefix + "-role-" + i)));
                SimTestSupport.ok(provider.create(ClusterTarget.parent(),
                        SimTestSupport.user(prefix + "-user-" + i, prefix + "-role-" + i)));
                SimTestSupport.ok(provider.upsert(ClusterTarget.parent(), SimTestSupport.role("shared")));
            }
        }
    }
}
