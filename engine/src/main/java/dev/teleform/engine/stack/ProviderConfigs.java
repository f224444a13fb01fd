package dev.teleform.engine.stack;

import dev.teleform.engine.provider.ProviderConfig;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/** The provider's view of a stack's settings: paths resolved against the stack directory. */
public final class ProviderConfigs {

    private ProviderConfigs() {
    }

    public static ProviderConfig of(Stack stack, InstantSource clock) {
        Path dir = stack.dir().toAbsolutePath().normalize();
        StackSettings settings = stack.settings();
        Map<String, Path> clusterIdentities = new HashMap<>();
        settings.clusters().forEach((name, override) -> override.identityFile()
                .ifPresent(file -> clusterIdentities.put(name, dir.resolve(file))));
        StackSettings.Simulator simulator = settings.simulator();
        return new ProviderConfig(dir, settings.name(), settings.parent().proxy(),
                settings.parent().identityFile().map(dir::resolve), settings.parent().join(), clusterIdentities,
                new ProviderConfig.Tools(settings.bootstrap().tctl(), settings.bootstrap().tbot()),
                new ProviderConfig.SimulatorOptions(dir.resolve(simulator.dir()), simulator.provisioningDelay(),
                        simulator.awsAccount(), simulator.awsArn(), simulator.denyBotList(),
                        simulator.provisioningReads()),
                clock);
    }
}
