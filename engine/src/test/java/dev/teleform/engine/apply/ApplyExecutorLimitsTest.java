package dev.teleform.engine.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.testing.LatencyProvider;
import dev.teleform.engine.testing.QuietEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Calls to one Teleport cluster stay within --parallelism, calls overall within --max-calls. */
class ApplyExecutorLimitsTest {

    private static final int CLUSTERS = 4;
    private static final int ROLES = 8;

    @TempDir
    Path dir;

    @Test
    void eachClusterHasItsOwnSlotsAndAllShareTheCap() {
        LatencyProvider provider = new LatencyProvider(Duration.ofMillis(30), Duration.ZERO);
        List<PlanStep> steps = new ArrayList<>();
        for (int c = 0; c < CLUSTERS; c++) {
            String cluster = "c" + c;
            String bootstrap = "bootstrap " + cluster;
            steps.add(new PlanStep(bootstrap, new Action.Bootstrap(Address.inParent("workload_cluster", cluster)),
                    List.of()));
            for (int r = 0; r < ROLES; r++) {
                ObjectNode role = JsonNodeFactory.instance.objectNode().put("kind", "role").put("version", "v7");
                role.putObject("metadata").put("name", "r" + r);
                steps.add(new PlanStep("create role r" + r + "@" + cluster,
                        new Action.Create(Address.in("role", "r" + r, cluster), role), List.of(bootstrap)));
            }
        }
        StateStore store = new GitStateStore(dir.resolve("state.git"), "main", "state.json", "limits",
                InstantSource.system());
        ApplyResult result = new ApplyExecutor(provider, new QuietEvents(), Sleeper.REAL, new ApplyExecutor.Settings(2, 5,
                Duration.ofMinutes(1), RetryPolicy.DEFAULT, Map.of(), false, Duration.ofSeconds(1)))
                .run(new Plan(PlanMode.NORMAL, steps, List.of(), Diagnostics.NONE, 0), Map.of(), store,
                        store.read().get());

        assertTrue(result.succeeded(), result.failures().toString());
        assertEquals(CLUSTERS * ROLES, result.state().resources().size());
        provider.mostPerCluster().forEach((cluster, most) ->
                assertTrue(most <= 2, "cluster \"" + cluster + "\" had " + most + " calls at once"));
        assertTrue(provider.mostOverall() <= 5, "overall " + provider.mostOverall());
        assertTrue(provider.mostOverall() > 2, "clusters proceed side by side, not one cluster's slots for all");
    }
}
