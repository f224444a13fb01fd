package dev.teleform.provider.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.provider.Providers;
import org.junit.jupiter.api.Test;

/** The engine finds the simulator by the stack's spec.provider, through ServiceLoader. */
class DiscoveryTest {

    @Test
    void theSimulatorIsFoundByName() {
        assertInstanceOf(SimulatorProviderFactory.class, Providers.factory("simulator").get());
        assertTrue(Providers.tool("sim").isPresent());
    }

    @Test
    void anUnknownProviderNamesTheOnesAvailable() {
        assertEquals("no provider \"nope\" in this build; available: simulator", Providers.factory("nope").getLeft());
    }
}
