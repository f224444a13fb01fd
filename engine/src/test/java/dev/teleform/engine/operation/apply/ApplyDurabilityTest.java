package dev.teleform.engine.operation.apply;

import dev.teleform.engine.operation.access.AccessSettings;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.operation.hook.ApplyResult;
import dev.teleform.engine.addr.ResourceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.provider.ClusterCredentials;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.testing.LatencyProvider;
import dev.teleform.engine.testing.QuietEvents;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Whatever happens during an apply, state reflects what was done, soon, and a failure to save it is said. */
class ApplyDurabilityTest {

    @TempDir
    Path dir;

    private StateStore store() {
        return new GitStateStore(dir.resolve("state.git"), "main", "state.json", "durability", InstantSource.system());
    }

    private static ApplyExecutor.Settings settings() {
        return new ApplyExecutor.Settings(10, 64, Duration.ofMinutes(1), RetryPolicy.DEFAULT, AccessSettings.BOTS, false,
                Duration.ofMillis(500), Redaction.NONE);
    }

    private static ObjectNode document(String kind, String name) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("kind", kind).put("version", "v1");
        document.putObject("metadata").put("name", name);
        return document;
    }

    private static Address role(String name) {
        return Address.inParent(ResourceKind.ROLE, name);
    }

    /** A role create, and a workload cluster that takes {@code provisioning} to become active. */
    private static Plan roleThenLongWait() {
        Address cluster = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "slow");
        return new Plan(PlanMode.NORMAL, List.of(
                new PlanStep("create role/early", new Action.Create(role("early"), document("role", "early"), SensitiveFields.NONE), List.of()),
                new PlanStep("create " + cluster, new Action.Create(cluster, document("workload_cluster", "slow"), SensitiveFields.NONE),
                        List.of()),
                new PlanStep("wait " + cluster, new Action.Wait(cluster), List.of("create " + cluster)),
                new PlanStep("create role/late", new Action.Create(role("late"), document("role", "late"), SensitiveFields.NONE),
                        List.of("wait " + cluster))),
                List.of(), Diagnostics.NONE, 0);
    }

    @Test
    void aFinishedStepReachesStateWithinAboutASecondWhileAWaitGoesOn() throws Exception {
        StateStore store = store();
        LatencyProvider provider = new LatencyProvider(Duration.ofMillis(1), Duration.ofSeconds(4));
        CompletableFuture<ApplyResult> run = CompletableFuture.supplyAsync(() -> new ApplyExecutor(provider,
                new QuietEvents(), InstantSource.system(), Sleeper.REAL, settings()).run(roleThenLongWait(), Map.of(), store, store.read().get()));
        long deadline = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        boolean saved = false;
        while (!saved && System.nanoTime() < deadline) {
            Thread.sleep(100);
            saved = store().read().get().state().get(role("early")).isPresent();
        }
        assertTrue(saved, "the role's create is in state while the wait still runs");
        assertFalse(run.isDone(), "the wait was still running");
        assertTrue(run.get().succeeded(), run.get().failures().toString());
    }

    /** A store whose writes fail from the {@code failFrom}th on. */
    private static final class FailingStore implements StateStore {
        private final StateStore inner;
        private final int failFrom;
        private final AtomicInteger writes = new AtomicInteger();

        FailingStore(StateStore inner, int failFrom) {
            this.inner = inner;
            this.failFrom = failFrom;
        }

        @Override
        public Either<StateError, Snapshot> read() {
            return inner.read();
        }

        @Override
        public Either<StateError, Snapshot> write(State state, Optional<String> readAt, String message) {
            if (writes.incrementAndGet() >= failFrom) {
                return Either.left(new StateError.StorageFailure("disk full"));
            }
            return inner.write(state, readAt, message);
        }

        @Override
        public Either<StateError, List<Entry>> history(int limit) {
            return inner.history(limit);
        }
    }

    @Test
    void aCheckpointThatCannotBeWrittenFailsTheRunAndNamesWhatIsNotSaved() {
        StateStore store = new FailingStore(store(), 1);
        ApplyResult result = new ApplyExecutor(new LatencyProvider(Duration.ofMillis(1), Duration.ofSeconds(3)),
                new QuietEvents(), InstantSource.system(), Sleeper.REAL, settings()).run(roleThenLongWait(), Map.of(), store, store.read().get());
        assertFalse(result.succeeded());
        assertTrue(result.stateError().orElseThrow().message().contains("disk full"), result.stateError().toString());
        assertTrue(result.failureMessages().stream().anyMatch(f -> f.contains("a checkpoint could not be written")),
                result.failureMessages().toString());
        assertEquals(List.of(role("early"), Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "slow")).stream().sorted().toList(),
                result.unsaved());
        assertEquals(1, result.skipped(), "no further step was started");
        assertFalse(result.interrupted(), "nobody interrupted it");
    }

    /** Progress output that throws on every event. */
    private static final class BrokenEvents extends QuietEvents {
        @Override
        public void started(PlanStep step) {
            throw new IllegalStateException("stdout is closed");
        }

        @Override
        public void finished(PlanStep step, Duration took) {
            throw new IllegalStateException("stdout is closed");
        }
    }

    /** Credentials whose close throws. */
    private static final class StickyCredentials extends LatencyProvider {
        StickyCredentials() {
            super(Duration.ofMillis(1), Duration.ZERO);
        }

        @Override
        public Either<dev.teleform.engine.provider.ProviderError, ClusterCredentials> bootstrap(
                dev.teleform.engine.provider.ClusterTarget.Parent parent, String cluster) {
            return Either.right(new ClusterCredentials() {
                @Override
                public String cluster() {
                    return cluster;
                }

                @Override
                public String describe() {
                    return "bot sticky";
                }

                @Override
                public java.time.Instant expires() {
                    return java.time.Instant.MAX;
                }

                @Override
                public void close() {
                    throw new IllegalStateException("cannot remove the identity directory");
                }
            });
        }
    }

    @Test
    void aBrokenViewOrCredentialsThatCannotCloseSkipNeitherStepsNorTheFinalCheckpoint() {
        StateStore store = store();
        Address cluster = Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "c");
        Address child = Address.in(ResourceKind.ROLE, "r", "c");
        Plan plan = new Plan(PlanMode.NORMAL, List.of(
                new PlanStep("bootstrap " + cluster, new Action.Bootstrap(cluster), List.of()),
                new PlanStep("create " + child, new Action.Create(child, document("role", "r"), SensitiveFields.NONE),
                        List.of("bootstrap " + cluster))), List.of(), Diagnostics.NONE, 0);
        ApplyResult result = new ApplyExecutor(new StickyCredentials(), new BrokenEvents(), InstantSource.system(), Sleeper.REAL, settings())
                .run(plan, Map.of(), store, store.read().get());
        assertTrue(result.succeeded(), result.failureMessages().toString());
        assertTrue(store().read().get().state().get(child).isPresent(), "the final checkpoint was written");
        List<String> warnings = result.warnings().all().stream().map(Diagnostic::message).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.contains("progress output failed")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("closing the credentials of c failed")), warnings.toString());
    }
}
