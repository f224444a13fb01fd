package dev.teleform.cli;

import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderContract;
import dev.teleform.engine.provider.Providers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract every provider passes, by the teleport provider through real processes: {@code tctl} and
 * {@code tbot} are small scripts that run {@code teleform sim tctl} and {@code teleform sim tbot}, the
 * simulator answering with tctl's and tbot's flags, formats, exit codes and error texts.
 */
// Its stand-in simulator provisions in real time (3 s), and the contract checks a cluster is not yet active
// right after its create: two tool processes that classes running beside it could slow past that window.
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeleportProviderContractIT extends ProviderContract {

    private StandIns standIns;

    /** One simulator and its stand-ins for the whole class: its tests use clusters of their own. */
    @BeforeAll
    void standIns(@TempDir Path dir) throws Exception {
        standIns = StandIns.create(dir, !botMayList());
    }

    @Override
    protected Provider newProvider() {
        return Providers.factory("teleport").get().open(standIns.config());
    }

    /** The stand-in provisions in real time (three seconds, longer than the few tool runs the contract makes first): wait as apply would, by polling the status. */
    @Override
    protected void provision(String cluster) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var status = provider.status(ClusterTarget.parent(), cluster);
            if (status.isRight() && status.get().active()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("workload cluster " + cluster + " did not become active");
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
