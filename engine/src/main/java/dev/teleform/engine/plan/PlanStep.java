package dev.teleform.engine.plan;

import java.util.List;

/**
 * A node of the plan graph.
 *
 * @param id        {@code <verb> <address>}, unique in the plan
 * @param dependsOn ids of the steps that must finish first
 */
public record PlanStep(String id, Action action, List<String> dependsOn) {

    public PlanStep {
        dependsOn = List.copyOf(dependsOn);
    }

    public static String idOf(Action action) {
        return Action.verb(action) + " " + action.address();
    }
}
