package dev.teleform.provider.simulator.cloud;


import dev.teleform.engine.testing.TestClock;
import dev.teleform.engine.provider.ClusterTarget;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.WorkloadClusterStatus;
import dev.teleform.provider.simulator.SimFixture;
import dev.teleform.provider.simulator.SimulatorProviderFactory;
import dev.teleform.provider.simulator.store.SimStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.teleform.provider.simulator.SimTestSupport.cluster;
import static dev.teleform.provider.simulator.SimTestSupport.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provisioning runs on the injected clock: no sleeps, and the same answer from every process. */
class ProvisioningTest {

    @TempDir
    Path dir;

    private final TestClock clock = SimFixture.clock();

    private Provider provider() {
        return new SimulatorProviderFactory().open(SimFixture.config(dir.resolve("sim"), clock));
    }

    @Test
    void noStatusThenCreatingThenActiveWithItsDomain() {
        try (Provider provider = provider()) {
            ok(provider.create(ClusterTarget.parent(), cluster("child")));
            assertEquals(new WorkloadClusterStatus("", Optional.empty()), ok(provider.status(ClusterTarget.parent(), "child")));
            clock.advance(SimFixture.DELAY.dividedBy(2));
            assertEquals(new WorkloadClusterStatus("creating", Optional.empty()), ok(provider.status(ClusterTarget.parent(), "child")));
            clock.advance(SimFixture.DELAY.dividedBy(2).minusSeconds(1));
            assertEquals("creating", ok(provider.status(ClusterTarget.parent(), "child")).state());
            clock.advance(Duration.ofSeconds(1));
            assertEquals(new WorkloadClusterStatus("active", Optional.of("child.teleport.sh")), ok(provider.status(ClusterTarget.parent(), "child")));
        }
    }

    /** A simulator that provisions by reads: a cluster is active at its Nth read, whatever the clock says. */
    private Provider byReads(int reads) {
        return new SimulatorProviderFactory().open(SimFixture.config(dir.resolve("sim"), clock, false, reads));
    }

    @Test
    void byReadsTheCreateSaysNothingTheReadsBeforeTheNthSayCreatingAndTheNthActive() {
        try (Provider provider = byReads(3)) {
            var created = ok(provider.create(ClusterTarget.parent(), cluster("child")));
            assertTrue(created.document().path("status").isMissingNode(), "the create's answer is not a read");
            clock.advance(Duration.ofDays(1));
            assertEquals("creating", ok(provider.status(ClusterTarget.parent(), "child")).state(), "no time, only reads");
            assertTrue(provider.bootstrap(ClusterTarget.parent(), "child").isLeft(), "a join is not a read");
            assertEquals("creating", ok(provider.list(ClusterTarget.parent(),
                    dev.teleform.engine.addr.ResourceKind.WORKLOAD_CLUSTER)).getFirst().document().at("/status/state")
                    .asString(), "a listing reads");
            assertEquals(new WorkloadClusterStatus("active", Optional.of("child.teleport.sh")),
                    ok(provider.status(ClusterTarget.parent(), "child")));
            assertTrue(ok(provider.status(ClusterTarget.parent(), "child")).active(), "and stays active");
        }
    }

    @Test
    void readsAreCountedAcrossProvidersAndTheCreatorDecides() {
        try (Provider creator = byReads(2)) {
            ok(creator.create(ClusterTarget.parent(), cluster("child")));
        }
        try (Provider timed = provider()) {
            assertEquals("creating", ok(timed.status(ClusterTarget.parent(), "child")).state());
            assertTrue(ok(timed.status(ClusterTarget.parent(), "child")).active(), "the second read, by another provider");
        }
    }

    @Test
    void byReadsAStuckClusterStaysCreating() {
        new Faults(new SimStore(dir.resolve("sim"))).setProvisioning("stuck", Provisioning.STUCK);
        try (Provider provider = byReads(1)) {
            ok(provider.create(ClusterTarget.parent(), cluster("stuck")));
            for (int read = 0; read < 3; read++) {
                assertEquals("creating", ok(provider.status(ClusterTarget.parent(), "stuck")).state());
            }
        }
    }

    @Test
    void progressIsPersistedSoAnotherProviderSeesTheSameStatus() {
        try (Provider first = provider()) {
            ok(first.create(ClusterTarget.parent(), cluster("child")));
        }
        clock.advance(SimFixture.DELAY);
        try (Provider second = provider()) {
            assertTrue(ok(second.status(ClusterTarget.parent(), "child")).active());
        }
    }

    @Test
    void aStuckClusterStaysCreatingAndAFailedOneReportsFailed() {
        try (Provider provider = provider()) {
            Faults faults = new Faults(new SimStore(dir.resolve("sim")));
            faults.setProvisioning("stuck", Provisioning.STUCK);
            faults.setProvisioning("broken", Provisioning.FAILED);
            ok(provider.create(ClusterTarget.parent(), cluster("stuck")));
            ok(provider.create(ClusterTarget.parent(), cluster("broken")));
            ok(provider.create(ClusterTarget.parent(), cluster("fine")));
            clock.advance(Duration.ofDays(1));
            assertEquals("creating", ok(provider.status(ClusterTarget.parent(), "stuck")).state());
            assertEquals("failed", ok(provider.status(ClusterTarget.parent(), "broken")).state());
            assertTrue(ok(provider.status(ClusterTarget.parent(), "fine")).active());
        }
    }

    @Test
    void aDeletedNameCannotBeReusedWhileItIsRestorable() {
        try (Provider provider = provider()) {
            ok(provider.create(ClusterTarget.parent(), cluster("old")));
            ok(provider.delete(ClusterTarget.parent(), dev.teleform.engine.addr.ResourceKind.WORKLOAD_CLUSTER, "old"));
            var refused = provider.create(ClusterTarget.parent(), cluster("old"));
            assertTrue(refused.isLeft() && refused.getLeft().message().contains("suspended until"), refused::toString);
            clock.advance(SimulatedCloud.RESTORE_WINDOW);
            ok(provider.create(ClusterTarget.parent(), cluster("old")));
        }
    }

    @Test
    void aBotIdentityExpiresAfterAnHour() {
        try (Provider provider = provider()) {
            ok(provider.create(ClusterTarget.parent(), cluster("child")));
            clock.advance(SimFixture.DELAY);
            ClusterTarget child = ClusterTarget.child(ok(provider.bootstrap(ClusterTarget.parent(), "child")));
            ok(provider.list(child, dev.teleform.engine.addr.ResourceKind.ROLE));
            clock.advance(SimulatedCloud.BOT_CERTIFICATE_TTL);
            var expired = provider.list(child, dev.teleform.engine.addr.ResourceKind.ROLE);
            assertTrue(expired.isLeft() && expired.getLeft().message().contains("expired"), expired::toString);
        }
    }
}
