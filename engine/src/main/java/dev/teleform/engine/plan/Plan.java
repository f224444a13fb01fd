package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.diag.Diagnostics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan: steps in an order that respects their dependencies, drift found on the way, and the
 * problems a reviewer must see (errors refuse the plan; warnings do not).
 *
 * @param unchanged how many managed resources need nothing
 * @param unknown   managed resources whose workload cluster exists but is not active, so nothing about
 *                  them can be known or planned yet: never counted as unchanged
 * @param excluded  resources whose changes {@code --exclude} left out, by address
 * @param allowDestroy the plan may delete the workload clusters it deletes: it was made with {@code --allow-destroy},
 *                  so reviewers saw the permission with the deletes. Never set on a plan that deletes none, so that
 *                  plans with the same steps are the same plan whoever asked for the permission.
 * @param workloadClustersRead the roles and users of the active workload clusters were read live, each joined as
 *                  usual. False for a plan made with {@code --no-join-clusters}, which took them from state as last
 *                  applied ({@link PlanOptions#readWorkloadClusters}): it shows the stack's changes, but not what was
 *                  changed in those clusters outside Teleform, so apply refuses it. Not a difference between plans
 *                  ({@link PlanComparison}): what they change is.
 */
public record Plan(PlanMode mode, List<PlanStep> steps, List<Drift> drift, Diagnostics problems, int unchanged,
        List<Address> unknown, List<Exclusion> excluded, boolean allowDestroy, boolean workloadClustersRead) {

    public Plan {
        steps = List.copyOf(steps);
        drift = List.copyOf(drift);
        unknown = List.copyOf(unknown);
        excluded = List.copyOf(excluded);
        allowDestroy = allowDestroy && deletesWorkloadCluster(steps);
    }

    public Plan(PlanMode mode, List<PlanStep> steps, List<Drift> drift, Diagnostics problems, int unchanged,
            List<Address> unknown, List<Exclusion> excluded, boolean allowDestroy) {
        this(mode, steps, drift, problems, unchanged, unknown, excluded, allowDestroy, true);
    }

    public Plan(PlanMode mode, List<PlanStep> steps, List<Drift> drift, Diagnostics problems, int unchanged,
            List<Address> unknown, List<Exclusion> excluded) {
        this(mode, steps, drift, problems, unchanged, unknown, excluded, false);
    }

    public Plan(PlanMode mode, List<PlanStep> steps, List<Drift> drift, Diagnostics problems, int unchanged,
            List<Address> unknown) {
        this(mode, steps, drift, problems, unchanged, unknown, List.of());
    }

    public Plan(PlanMode mode, List<PlanStep> steps, List<Drift> drift, Diagnostics problems, int unchanged) {
        this(mode, steps, drift, problems, unchanged, List.of());
    }

    /**
     * Whether Teleport is known to match the stack: no change to make and nothing unknown. What
     * {@code --detailed-exitcode} reports as 0.
     */
    public boolean inSync() {
        return !hasChanges() && unknown.isEmpty();
    }

    /** Whether applying would change anything (in refresh-only mode: whether there is drift to accept). */
    public boolean hasChanges() {
        return mode == PlanMode.REFRESH_ONLY ? !drift.isEmpty()
                : steps.stream().anyMatch(step -> !(step.action() instanceof Action.Wait)
                        && !(step.action() instanceof Action.Bootstrap));
    }

    /** Whether the plan deletes a workload cluster (which only {@code --allow-destroy} allows). */
    public boolean deletesWorkloadCluster() {
        return deletesWorkloadCluster(steps);
    }

    private static boolean deletesWorkloadCluster(List<PlanStep> steps) {
        return steps.stream().anyMatch(step -> step.action() instanceof Action.Delete
                && step.action().address().kind() == ResourceKind.WORKLOAD_CLUSTER);
    }

    /** Steps counted by verb, in a fixed order. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        steps.forEach(step -> counts.merge(Action.verb(step.action()), 1, Integer::sum));
        return counts;
    }

    public int count(String verb) {
        return counts().getOrDefault(verb, 0);
    }
}
