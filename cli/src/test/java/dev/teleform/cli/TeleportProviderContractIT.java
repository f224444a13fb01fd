package dev.teleform.cli;

import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderContract;
import dev.teleform.engine.provider.Providers;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract every provider passes, by the teleport provider through real processes: {@code tctl} and
 * {@code tbot} are small scripts that run {@code teleform sim tctl} and {@code teleform sim tbot}, the
 * simulator answering with tctl's and tbot's flags, formats, exit codes and error texts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeleportProviderContractIT extends ProviderContract {

    private StandIns standIns;

    /** One simulator and its stand-ins for the whole class: its tests use clusters of their own. */
    @BeforeAll
    void standIns(@TempDir Path dir) throws Exception {
        standIns = StandIns.create(dir, !botMayList(), StandIns.Provisioning.SLOW_READS);
    }

    @Override
    protected Provider newProvider() {
        return Providers.factory("teleport").get().open(standIns.config());
    }

    /**
     * The stand-in provisions by reads, and stays creating for more reads than the contract makes before it lets a
     * cluster finish (whatever the machine's speed, unlike a real-time window): read it here until it is active,
     * then see it active through the provider, as apply's poll would.
     */
    @Override
    protected void provision(String cluster) {
        standIns.provisioned(cluster);
        var status = provider.status(ClusterTarget.parent(), cluster);
        if (status.isLeft() || !status.get().active()) {
            throw new AssertionError("workload cluster " + cluster + " is active, yet the provider reads " + status);
        }
    }

    /**
     * tbot's github join reads the job's ACTIONS_ID_TOKEN_REQUEST_* variables, which this test's process lacks and
     * cannot set for the provider: {@code ParentJoinEndToEndIT} runs it from a process started with them.
     */
    @Override
    protected Optional<BotJoin> parentJoin() {
        return Optional.empty();
    }

    @Override
    protected ObjectNode matchingAllowRule() {
        return JsonNodeFactory.instance.objectNode().put("aws_account", "123456789012")
                .put("aws_arn", "arn:aws:iam::123456789012:role/*");
    }
}
