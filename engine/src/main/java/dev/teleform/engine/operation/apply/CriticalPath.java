package dev.teleform.engine.operation.apply;

import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How urgent each step of a plan is: the length of the longest chain of steps that starts with it (itself, then
 * what depends on it, and so on). A call of a step with a longer chain behind it goes first when calls wait for
 * slots, so that what holds the most back (a workload cluster's create, then its wait and join, then the roles
 * its users name) is never queued behind work that nothing waits for.
 */
final class CriticalPath {

    private final Map<String, Integer> ranks;

    private CriticalPath(Map<String, Integer> ranks) {
        this.ranks = ranks;
    }

    /** The ranks of a plan whose steps each follow the steps they depend on, as a plan's do. */
    static CriticalPath of(Plan plan) {
        List<PlanStep> steps = plan.steps();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            PlanStep step = steps.get(i);
            int rank = ranks.merge(step.id(), 1, Math::max);
            step.dependsOn().forEach(id -> ranks.merge(id, rank + 1, Math::max));
        }
        return new CriticalPath(Map.copyOf(ranks));
    }

    /** The longest chain of steps from {@code step} to the end of the plan, itself included; 0 for a step not in it. */
    int rank(PlanStep step) {
        return ranks.getOrDefault(step.id(), 0);
    }
}
