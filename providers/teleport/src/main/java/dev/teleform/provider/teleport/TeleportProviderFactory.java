package dev.teleform.provider.teleport;

import dev.teleform.engine.provider.PrivateFiles;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderFactory;
import java.time.Duration;
import java.util.Map;

/** {@code provider: teleport}: tctl and tbot as subprocesses, with this process's environment filtered. */
public final class TeleportProviderFactory implements ProviderFactory {

    /** One tctl call: a round trip or a few to Teleport Cloud. */
    static final Duration TCTL_TIMEOUT = Duration.ofMinutes(2);
    /** A bot join: AWS signing, the join, certificate issue. */
    static final Duration TBOT_TIMEOUT = Duration.ofMinutes(3);

    @Override
    public String name() {
        return "teleport";
    }

    @Override
    public Provider open(ProviderConfig config) {
        return open(config, System.getenv());
    }

    /** With an explicit environment to filter, for tests. */
    Provider open(ProviderConfig config, Map<String, String> environment) {
        PrivateFiles.removeStaleCredentials(Tbot.DIRECTORY_PREFIX); // left by a run that was killed
        Scrubber scrubber = new Scrubber(ToolEnvironment.secretValues(environment));
        return new TeleportProvider(config,
                new Tctl(config.tools().tctl(), ToolEnvironment.forTctl(environment), scrubber, TCTL_TIMEOUT,
                        config.clusterIdentities()),
                new Tbot(config.tools().tbot(), ToolEnvironment.forTbot(environment), scrubber, TBOT_TIMEOUT));
    }
}
