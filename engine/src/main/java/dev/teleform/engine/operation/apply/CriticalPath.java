package dev.teleform.engine.operation.apply;

import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How urgent each step of a plan is: the length of the longest chain of steps that starts with it (itself, then
 * what depends on it, and so on). A call of a step with a longer chain behind it goes first when calls wait for
 * slots, so that what holds the most back (a workload cluster's create, then its join once it is active, then
 * the roles its users name) is never queued behind work that nothing waits for.
 *
 * <p>A wait is no link of a chain: it lasts as long as Teleport Cloud takes to provision, however soon its polls
 * go, so a wait's poll ranks with the step it holds back (the join) and, among equals, the call that asked first
 * goes first. Counted as a link, a wait made every poll outrank every join in the parent's slots: a fleet's polls,
 * coming in waves as its clusters turn active, went before the joins of the clusters already found active, and the
 * work inside the workload clusters, which needs by far the most calls, started waves later than it could.
 */
final class CriticalPath {

    private final Map<String, Integer> ranks;

    private CriticalPath(Map<String, Integer> ranks) {
        this.ranks = ranks;
    }

    /** The ranks of a plan whose steps each follow the steps they depend on, as a plan's do. */
    static CriticalPath of(Plan plan) {
        List<PlanStep> steps = plan.steps();
        Set<String> waits = steps.stream().filter(step -> step.action() instanceof Action.Wait).map(PlanStep::id)
                .collect(Collectors.toSet());
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            PlanStep step = steps.get(i);
            int rank = ranks.merge(step.id(), 1, Math::max);
            step.dependsOn().forEach(id -> ranks.merge(id, waits.contains(id) ? rank : rank + 1, Math::max));
        }
        return new CriticalPath(Map.copyOf(ranks));
    }

    /**
     * The longest chain of steps from {@code step} to the end of the plan, itself included unless it is a wait (at
     * least 1); 0 for a step not in it.
     */
    int rank(PlanStep step) {
        return ranks.getOrDefault(step.id(), 0);
    }
}
