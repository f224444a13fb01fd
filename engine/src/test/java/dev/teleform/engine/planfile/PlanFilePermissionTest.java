package dev.teleform.engine.planfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The permission to delete workload clusters is saved with the plan that needs it, and only with one that does; a plan
 * made without reading the workload clusters is saved as such.
 */
class PlanFilePermissionTest {

    private static String written(Action action, boolean allowDestroy) {
        return written(action, allowDestroy, true);
    }

    private static String written(Action action, boolean allowDestroy, boolean clustersRead) {
        Plan plan = new Plan(PlanMode.NORMAL, List.of(new PlanStep(PlanStep.idOf(action), action, List.of())), List.of(),
                Diagnostics.of(List.of()), 0, List.of(), List.of(), allowDestroy, clustersRead);
        PlanFile file = new PlanFile("prod", Path.of("/stack"), "sha256:x", "lineage", 3, Optional.empty(), "simulator",
                "/sim", List.of(), List.of(), plan);
        return PlanFileCodec.write(file, new StackLocation(StackLocation.Base.ABSOLUTE, "/stack"));
    }

    private static Plan read(String written) {
        return PlanFileCodec.read(written.getBytes(), location -> Either.right(Path.of(location.path()))).get().plan();
    }

    @Test
    void aPlanDeletingAWorkloadClusterKeepsThePermissionItWasMadeWith() {
        Action delete = new Action.Delete(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, "child"), false, List.of());
        String allowed = written(delete, true);
        assertTrue(allowed.contains("\"allow_destroy\": true"), allowed);
        assertTrue(read(allowed).allowDestroy());
        String without = written(delete, false);
        assertFalse(without.contains("allow_destroy"), without);
        assertFalse(read(without).allowDestroy());
    }

    @Test
    void aPlanMadeWithoutReadingTheWorkloadClustersSaysSoInAVersionOlderTeleformsRefuse() {
        Action delete = new Action.Delete(Address.in(ResourceKind.ROLE, "ops", "child"), false, List.of());
        String notRead = written(delete, false, false);
        assertTrue(notRead.contains("\"workload_clusters_read\": false"), notRead);
        assertTrue(notRead.contains("\"version\": " + PlanFileCodec.UNREAD_CLUSTERS_VERSION), notRead);
        assertFalse(read(notRead).workloadClustersRead());
        String read = written(delete, false, true);
        assertFalse(read.contains("workload_clusters_read"), "a plan that read them is written as before: " + read);
        assertTrue(read.contains("\"version\": " + PlanFileCodec.VERSION), read);
        assertTrue(read(read).workloadClustersRead(), "so a file from before the field reads as one that read them");
    }

    @Test
    void aPlanDeletingNoWorkloadClusterHasNothingToAllow() {
        Action delete = new Action.Delete(Address.inParent(ResourceKind.ROLE, "ops"), false, List.of());
        String written = written(delete, true);
        assertFalse(written.contains("allow_destroy"), written);
        assertEquals(false, read(written).allowDestroy());
    }
}
