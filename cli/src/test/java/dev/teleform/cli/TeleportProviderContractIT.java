package dev.teleform.cli;

import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.BotJoin;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderContract;
import dev.teleform.engine.provider.Providers;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract every provider passes, by the teleport provider through real processes: {@code tctl} and
 * {@code tbot} are small scripts that run {@code teleform sim tctl} and {@code teleform sim tbot}, the
 * simulator answering with tctl's and tbot's flags, formats, exit codes and error texts.
 */
// Its tests run side by side: each is a chain of tool processes, and each uses names of its own (clusters, and
// roles and users in the parent), so they share the simulator without touching each other's objects.
@Execution(ExecutionMode.CONCURRENT)
class TeleportProviderContractIT extends ProviderContract {

    /** Where each class (this one and the one that extends it) keeps its simulator and stand-ins. */
    private static final Map<Class<?>, Path> DIRS = new ConcurrentHashMap<>();
    /** One simulator and its stand-ins for each class, made by its first test. */
    private static final Map<Class<?>, StandIns> STAND_INS = new ConcurrentHashMap<>();

    @BeforeAll
    static void standInsDir(@TempDir Path dir, TestInfo test) {
        DIRS.put(test.getTestClass().orElseThrow(), dir);
    }

    private StandIns standIns() {
        return STAND_INS.computeIfAbsent(getClass(), testClass -> {
            try {
                return StandIns.create(DIRS.get(testClass), !botMayList(), StandIns.Provisioning.SLOW_READS);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    protected Provider newProvider() {
        return Providers.factory("teleport").get().open(standIns().config());
    }

    /**
     * The stand-in provisions by reads, and stays creating for more reads than the contract makes before it lets a
     * cluster finish (whatever the machine's speed, unlike a real-time window): read it here until it is active,
     * then see it active through the provider, as apply's poll would.
     */
    @Override
    protected void provision(String cluster) {
        standIns().provisioned(cluster);
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
