package dev.teleform.provider.simulator.cloud;


import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderError;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.SimulatorProviderFactory;
import dev.teleform.provider.simulator.store.SimStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.teleform.provider.simulator.SimTestSupport.ok;
import static dev.teleform.provider.simulator.SimTestSupport.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsTest {

    @TempDir
    Path dir;

    private Provider provider(Path data) {
        return new SimulatorProviderFactory().open(SimFixture.config(data, SimFixture.clock()));
    }

    /** Which of 40 role creations fail, with a 30% transient rate and seed 7. */
    private List<Integer> failures(Path data) {
        Faults faults = new Faults(new SimStore(data));
        faults.setSeed(7);
        faults.set(Operation.CREATE, Duration.ZERO, 0.3, 0, "connection_problem");
        List<Integer> failed = new ArrayList<>();
        try (Provider provider = provider(data)) {
            for (int i = 0; i < 40; i++) {
                var result = provider.create(ClusterTarget.parent(), role("r" + i));
                if (result.isLeft()) {
                    assertEquals(Faults.CLOUD_UNREACHABLE, result.getLeft().message());
                    assertTrue(result.getLeft().transientFailure());
                    failed.add(i);
                }
            }
        }
        return failed;
    }

    @Test
    void aSeededTransientRateFailsTheSameCallsEveryRun() {
        List<Integer> first = failures(dir.resolve("a"));
        List<Integer> second = failures(dir.resolve("b"));
        assertEquals(first, second);
        assertTrue(first.size() > 4 && first.size() < 24, "about 30% of 40: " + first);
    }

    @Test
    void failNthFailsExactlyThatCallWithTheChosenKind() {
        Path data = dir.resolve("sim");
        try (Provider provider = provider(data)) {
            ok(provider.create(ClusterTarget.parent(), role("before")));
            new Faults(new SimStore(data)).set(Operation.CREATE, Duration.ZERO, 0, 2, "limit_exceeded");
            ok(provider.create(ClusterTarget.parent(), role("first")));
            var second = provider.create(ClusterTarget.parent(), role("second"));
            assertInstanceOf(ProviderError.LimitExceeded.class, second.getLeft());
            ok(provider.create(ClusterTarget.parent(), role("third")));
        }
    }

    @Test
    void aLostAnswerCarriesTheCallOutAndThenFailsItTransiently() {
        Path data = dir.resolve("sim");
        try (Provider provider = provider(data)) {
            new Faults(new SimStore(data)).set(Operation.CREATE, Duration.ZERO, 0, 1, Faults.ANSWER_LOST);
            var lost = provider.create(ClusterTarget.parent(), role("written"));
            assertInstanceOf(ProviderError.ConnectionProblem.class, lost.getLeft());
            assertTrue(lost.getLeft().transientFailure(), "the caller may try again");
            ok(provider.get(ClusterTarget.parent(), ResourceKind.ROLE, "written"));
            assertInstanceOf(ProviderError.AlreadyExists.class,
                    provider.create(ClusterTarget.parent(), role("written")).getLeft(), "and a retry meets what it wrote");
        }
    }

    @Test
    void countsEveryCallByOperationAndKind() {
        Path data = dir.resolve("sim");
        try (Provider provider = provider(data)) {
            ok(provider.list(ClusterTarget.parent(), ResourceKind.ROLE));
            ok(provider.list(ClusterTarget.parent(), ResourceKind.USER));
            ok(provider.create(ClusterTarget.parent(), role("x")));
            provider.get(ClusterTarget.parent(), ResourceKind.ROLE, "missing");
        }
        var counters = new Faults(new SimStore(data)).counters();
        assertEquals(2L, counters.get("list"));
        assertEquals(1L, counters.get("list role"));
        assertEquals(1L, counters.get("create"));
        assertEquals(1L, counters.get("get"), "failed calls count too");
    }
}
