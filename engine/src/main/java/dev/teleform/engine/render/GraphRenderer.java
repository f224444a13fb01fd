package dev.teleform.engine.render;

import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan's steps and what each waits for, as a graph: Graphviz {@code dot} or a Mermaid flowchart
 * (which GitHub renders in markdown). Nodes are the plan's steps in its order, labelled as the text
 * plan names them; an edge goes from a step to each step that waits for it.
 */
public final class GraphRenderer {

    /** The graph languages. */
    public enum Format { DOT, MERMAID }

    private GraphRenderer() {}

    public static String render(Plan plan, Format format) {
        return switch (format) {
            case DOT -> dot(plan.steps());
            case MERMAID -> mermaid(plan.steps());
        };
    }

    private static String dot(List<PlanStep> steps) {
        StringBuilder out = new StringBuilder("digraph plan {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
        for (PlanStep step : steps) {
            out.append("  ").append(quoted(step.id())).append(" [label=").append(quoted(label(step)))
                    .append(", color=").append(colour(step.action())).append("];\n");
        }
        for (PlanStep step : steps) {
            for (String before : step.dependsOn()) {
                out.append("  ").append(quoted(before)).append(" -> ").append(quoted(step.id())).append(";\n");
            }
        }
        return out.append("}\n").toString();
    }

    private static String mermaid(List<PlanStep> steps) {
        Map<String, String> nodes = new HashMap<>();
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (PlanStep step : steps) {
            String node = "s" + nodes.size();
            nodes.put(step.id(), node);
            out.append("  ").append(node).append("[\"").append(label(step).replace("\"", "#quot;")).append("\"]\n");
        }
        for (PlanStep step : steps) {
            for (String before : step.dependsOn()) {
                out.append("  ").append(nodes.get(before)).append(" --> ").append(nodes.get(step.id())).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code + role/dev@child}, {@code wait workload_cluster/child}: the text plan's marks. */
    private static String label(PlanStep step) {
        Action action = step.action();
        String mark = switch (action) {
            case Action.Create c -> "+ ";
            case Action.Adopt a -> "= ";
            case Action.Update u -> "~ ";
            case Action.Replace r -> "-/+ ";
            case Action.Delete d -> "- ";
            case Action.Forget f -> "forget: ";
            case Action.Wait w -> "wait until active: ";
            case Action.Bootstrap b -> "join as bot: ";
            case Action.Invite i -> "invite: ";
        };
        return mark + action.address();
    }

    private static String colour(Action action) {
        return switch (action) {
            case Action.Create c -> "darkgreen";
            case Action.Delete d -> "red";
            case Action.Forget f -> "gray";
            case Action.Update u -> "orange";
            case Action.Replace r -> "orange";
            case Action.Adopt a -> "gray";
            case Action.Wait w -> "blue";
            case Action.Bootstrap b -> "blue";
            case Action.Invite i -> "darkgreen";
        };
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
