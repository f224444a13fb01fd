package dev.teleform.provider.simulator;

import dev.teleform.engine.testing.TestClock;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderContract;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The simulator passes the contract every provider must pass, with its bots allowed to list (and, below, not). */
class SimulatorProviderContractTest extends ProviderContract {

    @TempDir
    Path dir;

    private final TestClock clock = SimFixture.clock();

    @Override
    protected Provider newProvider() {
        return new SimulatorProviderFactory().open(SimFixture.config(dir.resolve("sim"), clock, !botMayList()));
    }

    @Override
    protected Instant now() {
        return clock.instant();
    }

    @Override
    protected void provision(String cluster) {
        clock.advance(SimFixture.DELAY);
    }

    @Override
    protected ObjectNode matchingAllowRule() {
        return JsonNodeFactory.instance.objectNode().put("aws_account", SimFixture.ACCOUNT)
                .put("aws_arn", "arn:aws:iam::123456789012:role/*");
    }
}
