package dev.teleform.provider.simulator;

import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderFactory;

/** {@code provider: simulator}: the embedded Teleport Cloud simulator. */
public final class SimulatorProviderFactory implements ProviderFactory {

    public static final String NAME = "simulator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Provider open(ProviderConfig config) {
        return new SimulatorProvider(config);
    }
}
