package dev.teleform.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.resource.SensitiveFields;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class FleetStatusTest {

    /** Two new clusters (create, wait, join, a role in each), an existing one with a role update, a parent role. */
    private static final PlanStep CREATE_A = cluster(new Action.Create(wc("a"), doc(), SensitiveFields.NONE));
    private static final PlanStep WAIT_A = cluster(new Action.Wait(wc("a")));
    private static final PlanStep JOIN_A = cluster(new Action.Bootstrap(wc("a")));
    private static final PlanStep ROLE_A = cluster(new Action.Create(role("a"), doc(), SensitiveFields.NONE));
    private static final PlanStep CREATE_B = cluster(new Action.Create(wc("b"), doc(), SensitiveFields.NONE));
    private static final PlanStep WAIT_B = cluster(new Action.Wait(wc("b")));
    private static final PlanStep JOIN_B = cluster(new Action.Bootstrap(wc("b")));
    private static final PlanStep ROLE_B = cluster(new Action.Create(role("b"), doc(), SensitiveFields.NONE));
    private static final PlanStep ROLE_C = cluster(new Action.Update(role("c"), doc(), List.of(), SensitiveFields.NONE));
    private static final PlanStep PARENT = cluster(new Action.Create(role(""), doc(), SensitiveFields.NONE));

    private final FleetStatus status = new FleetStatus(List.of(CREATE_A, WAIT_A, JOIN_A, ROLE_A, CREATE_B, WAIT_B,
            JOIN_B, ROLE_B, ROLE_C, PARENT));

    @Test
    void beforeAnythingStartsEveryClusterIsQueuedAndNoStepIsDone() {
        assertEquals(List.of("-- teleform apply: 0s elapsed",
                "clusters: 3 queued, 0 provisioning, 0 active, 0 done, 0 failed (of 3)",
                "steps: 0 of 10 done, 0 running"), status.block(Duration.ZERO));
    }

    @Test
    void aClusterProvisionsUntilJoinedThenIsActiveUntilItsLastStepEndsAndTheStepsUnderWayAreNamed() {
        status.started(CREATE_A);
        status.finished(CREATE_A, Duration.ofSeconds(1));
        status.started(WAIT_A);
        status.started(ROLE_C);
        assertEquals(List.of("-- teleform apply: 1m05s elapsed",
                "clusters: 1 queued, 1 provisioning, 1 active, 0 done, 0 failed (of 3)",
                "steps: 1 of 10 done, 2 running: workload_cluster/a, role/admin@c"), status.block(Duration.ofSeconds(65)));
        status.finished(WAIT_A, Duration.ofSeconds(5));
        status.started(JOIN_A);
        assertEquals("clusters: 1 queued, 1 provisioning, 1 active, 0 done, 0 failed (of 3)",
                status.block(Duration.ZERO).get(1));
        status.finished(JOIN_A, Duration.ofSeconds(1));
        status.started(ROLE_A);
        status.finished(ROLE_C, Duration.ofSeconds(1));
        assertEquals(List.of("-- teleform apply: 9s elapsed",
                "clusters: 1 queued, 0 provisioning, 1 active, 1 done, 0 failed (of 3)",
                "steps: 4 of 10 done, 1 running: role/admin@a"), status.block(Duration.ofSeconds(9)));
        status.finished(ROLE_A, Duration.ofSeconds(1));
        assertEquals("clusters: 1 queued, 0 provisioning, 0 active, 2 done, 0 failed (of 3)",
                status.block(Duration.ZERO).get(1));
    }

    @Test
    void aFailedStepFailsItsClusterAndTheStepsSkippedForItEnd() {
        status.started(CREATE_B);
        status.finished(CREATE_B, Duration.ofSeconds(1));
        status.started(WAIT_B);
        status.failed(WAIT_B, "timed out");
        status.skipped(JOIN_B, "it needs wait workload_cluster/b");
        status.skipped(ROLE_B, "it needs wait workload_cluster/b");
        assertEquals(List.of("-- teleform apply: 0s elapsed",
                "clusters: 2 queued, 0 provisioning, 0 active, 0 done, 1 failed (of 3)",
                "steps: 1 of 10 done, 1 failed, 2 skipped, 0 running"), status.block(Duration.ZERO));
    }

    @Test
    void aClusterWhoseStepsWereSkippedForAnotherFailureIsStoppedNotDone() {
        status.started(ROLE_C);
        status.skipped(ROLE_C, "it needs role/admin");
        assertEquals("clusters: 2 queued, 0 provisioning, 0 active, 0 done, 0 failed, 1 stopped (of 3)",
                status.block(Duration.ZERO).get(1));
    }

    @Test
    void whatAnInterruptEndsIsStoppedNotFailed() {
        status.started(CREATE_B);
        status.finished(CREATE_B, Duration.ofSeconds(1));
        status.started(WAIT_B);
        status.interrupted();
        status.failed(WAIT_B, "stopped waiting for b: apply was interrupted");
        List.of(JOIN_B, ROLE_B, CREATE_A, WAIT_A, JOIN_A, ROLE_A, ROLE_C)
                .forEach(step -> status.skipped(step, "apply was interrupted"));
        assertEquals(List.of("-- teleform apply: 0s elapsed",
                "clusters: 0 provisioning, 0 active, 0 done, 0 failed, 3 stopped (of 3)",
                "steps: 1 of 10 done, 1 failed, 7 skipped, 0 running"), status.block(Duration.ZERO));
    }

    @Test
    void aClusterIsDeletingWhileItsDeleteRunsThenDone() {
        PlanStep delete = cluster(new Action.Delete(wc("old"), false, List.of()));
        FleetStatus deleting = new FleetStatus(List.of(delete));
        deleting.started(delete);
        assertEquals("clusters: 0 provisioning, 0 active, 1 deleting, 0 done, 0 failed (of 1)",
                deleting.block(Duration.ZERO).get(1));
        deleting.finished(delete, Duration.ofSeconds(3));
        assertEquals("clusters: 0 provisioning, 0 active, 1 done, 0 failed (of 1)", deleting.block(Duration.ZERO).get(1));
    }

    @Test
    void aPlanOfParentResourcesOnlyHasNoClustersLine() {
        FleetStatus parentOnly = new FleetStatus(List.of(PARENT));
        parentOnly.started(PARENT);
        assertEquals(List.of("-- teleform apply: 2s elapsed", "steps: 0 of 1 done, 1 running: role/admin"),
                parentOnly.block(Duration.ofMillis(2999)));
    }

    @Test
    void anInviteLeftPendingCountsAsDone() {
        PlanStep invite = cluster(new Action.Invite(Address.in(ResourceKind.USER, "alice", "c"), Duration.ofHours(2)));
        FleetStatus invites = new FleetStatus(List.of(invite));
        invites.started(invite);
        invites.deferred(invite, "left pending");
        assertEquals(List.of("-- teleform apply: 0s elapsed", "clusters: 0 provisioning, 0 active, 1 done, 0 failed (of 1)",
                "steps: 1 of 1 done, 0 running"), invites.block(Duration.ZERO));
    }

    private static Address wc(String name) {
        return Address.inParent(ResourceKind.WORKLOAD_CLUSTER, name);
    }

    private static Address role(String cluster) {
        return Address.in(ResourceKind.ROLE, "admin", cluster);
    }

    private static tools.jackson.databind.node.ObjectNode doc() {
        return JsonNodeFactory.instance.objectNode().put("kind", "role");
    }

    private static PlanStep cluster(Action action) {
        return new PlanStep(PlanStep.idOf(action), action, List.of());
    }
}
