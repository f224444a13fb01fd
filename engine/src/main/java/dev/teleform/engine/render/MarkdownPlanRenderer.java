package dev.teleform.engine.render;

import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Drift;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.resource.GracePeriod;
import java.nio.file.Path;
import java.util.List;

/**
 * The plan as a pull-request comment: the summary line and a table first, destructive changes
 * called out at the top, then drift and the full text plan inside collapsible {@code <details>}.
 * Every value, field and address goes through {@link Markdown}, so none can break out of its place.
 */
public final class MarkdownPlanRenderer {

    private final Path base;

    /** @param base directory that problem file names are shown relative to */
    public MarkdownPlanRenderer(Path base) {
        this.base = base;
    }

    public String render(Plan plan, String stack) {
        StringBuilder out = new StringBuilder();
        out.append("### Teleform plan for stack ").append(Markdown.code(stack)).append("\n\n");
        if (!plan.workloadClustersRead()) {
            out.append("> [!NOTE]\n> ").append(TextPlanRenderer.NOT_JOINED.replace("(--no-join-clusters)",
                    "(`--no-join-clusters`)")).append("\n\n");
        }
        if (plan.problems().hasErrors()) {
            out.append("**The plan is refused: nothing can be applied.**\n\n");
            problems(out, plan.problems().all());
            return out.toString();
        }
        if (plan.mode() == PlanMode.REFRESH_ONLY) {
            out.append(plan.drift().isEmpty() ? "**No changes outside Teleform.**\n\n"
                    : "**Refresh only:** " + plan.drift().size() + " resource" + (plan.drift().size() == 1 ? "" : "s")
                            + " changed outside Teleform; applying records the live values in state.\n\n");
            drift(out, plan.drift(), false);
            return out.toString();
        }
        if (!plan.hasChanges()) {
            if (!plan.excluded().isEmpty()) {
                out.append("**Nothing to do once `--exclude` leaves changes out.** ").append(plan.unchanged())
                        .append(" resources match the stack.\n\n");
                excluded(out, plan);
                unknown(out, plan);
            } else if (plan.unknown().isEmpty()) {
                out.append("**No changes.** Teleport matches the stack (").append(plan.unchanged())
                        .append(" resources).\n\n");
            } else {
                out.append("**Nothing to do now.** ").append(plan.unchanged()).append(" resources match the stack.\n\n");
                unknown(out, plan);
            }
            drift(out, plan.drift(), true);
            problems(out, plan.problems().all());
            return out.toString();
        }
        if (plan.allowDestroy()) {
            out.append("> [!IMPORTANT]\n> **This plan deletes workload clusters: made with `--allow-destroy`.** They stay ")
                    .append("suspended and ").append(GracePeriod.RESTORABLE).append(".\n\n");
        }
        out.append("**").append(TextPlanRenderer.summary(plan)).append("**\n\n");
        destructive(out, plan);
        out.append("| | Resource | Action | Fields |\n|---|---|---|---|\n");
        for (PlanStep step : plan.steps()) {
            Action action = step.action();
            if (action instanceof Action.Wait || action instanceof Action.Bootstrap) {
                continue;
            }
            out.append("| ").append(symbol(action)).append(" | ").append(Markdown.cell(code(action.address())))
                    .append(" | ").append(Action.verb(action)).append(" | ").append(Markdown.cell(fields(action)))
                    .append(" |\n");
        }
        out.append("\n");
        if (plan.count("adopt") > 0) {
            out.append("`=` ").append(TextPlanRenderer.ADOPT_LEGEND).append("\n\n");
        }
        excluded(out, plan);
        unknown(out, plan);
        drift(out, plan.drift(), true);
        problems(out, plan.problems().all());
        out.append("<details><summary>Full plan</summary>\n\n")
                .append(Markdown.fenced("diff", new TextPlanRenderer(false).render(plan))).append("\n</details>\n");
        return out.toString();
    }

    private static void destructive(StringBuilder out, Plan plan) {
        List<PlanStep> risky = plan.steps().stream()
                .filter(s -> s.action() instanceof Action.Delete || s.action() instanceof Action.Replace).toList();
        if (risky.isEmpty()) {
            return;
        }
        out.append("> [!CAUTION]\n> **Destructive changes:**\n");
        for (PlanStep step : risky) {
            out.append("> - ").append(Action.verb(step.action())).append(" ").append(code(step.action().address()));
            if (step.action() instanceof Action.Delete delete && !delete.takesWith().isEmpty()) {
                out.append(" with ").append(String.join(", ", delete.takesWith().stream()
                        .map(MarkdownPlanRenderer::code).toList()));
            }
            if (step.action().address().kind() == ResourceKind.WORKLOAD_CLUSTER) {
                out.append(plan.allowDestroy() ? " (allowed: made with `--allow-destroy`; " : " (needs `--allow-destroy`; ")
                        .append(GracePeriod.RESTORABLE).append(")");
            }
            out.append("\n");
        }
        out.append("\n");
    }

    private static void excluded(StringBuilder out, Plan plan) {
        if (plan.excluded().isEmpty()) {
            return;
        }
        out.append("> [!NOTE]\n> **").append(plan.excluded().size()).append(" resource")
                .append(plan.excluded().size() == 1 ? " is left out by `--exclude`**: its changes are"
                        : "s are left out by `--exclude`**: their changes are").append(" neither planned nor applied.\n");
        plan.excluded().forEach(excluded -> out.append("> - ").append(Markdown.code(excluded.address().toString()))
                .append(" (").append(excluded.named() ? "excluded" : "needs " + Markdown.code(excluded.cause().toString())
                        + ", which is excluded").append(")\n"));
        out.append("\n");
    }

    private static void unknown(StringBuilder out, Plan plan) {
        if (plan.unknown().isEmpty()) {
            return;
        }
        out.append("> [!WARNING]\n> **").append(plan.unknown().size()).append(" resource")
                .append(plan.unknown().size() == 1 ? " is " : "s are ").append(TextPlanRenderer.UNKNOWN)
                .append("** of its workload cluster: nothing about ").append(plan.unknown().size() == 1 ? "it" : "them")
                .append(" can be read or planned yet.\n");
        plan.unknown().forEach(address -> out.append("> - ").append(Markdown.code(address.toString())).append("\n"));
        out.append("\n");
    }

    private static void drift(StringBuilder out, List<Drift> drift, boolean collapsed) {
        if (drift.isEmpty()) {
            return;
        }
        out.append(collapsed ? "<details><summary>" : "").append("Changed outside Teleform (drift): ").append(drift.size())
                .append(" resource").append(drift.size() == 1 ? "" : "s").append(collapsed ? "</summary>\n\n" : "\n\n");
        for (Drift d : drift) {
            if (d.deleted()) {
                out.append("- ").append(code(d.address())).append(": deleted outside Teleform\n");
                continue;
            }
            out.append("- ").append(code(d.address())).append("\n");
            for (FieldChange field : d.fields()) {
                out.append("  - ").append(Markdown.code(field.field())).append(": applied ")
                        .append(Markdown.code(FieldValues.before(field))).append(", live ")
                        .append(Markdown.code(FieldValues.after(field))).append("\n");
            }
        }
        out.append(collapsed ? "\n</details>\n\n" : "\n");
    }

    private void problems(StringBuilder out, List<Diagnostic> problems) {
        for (Diagnostic problem : problems) {
            out.append(problem.isError() ? "- :x: " : "- :warning: ").append(Markdown.code(problem.position().display(base)))
                    .append(" ").append(Markdown.prose(problem.message())).append("\n");
        }
        if (!problems.isEmpty()) {
            out.append("\n");
        }
    }

    private static String symbol(Action action) {
        return switch (action) {
            case Action.Create c -> "+";
            case Action.Adopt a -> "=";
            case Action.Update u -> "~";
            case Action.Replace r -> "-/+";
            case Action.Delete d -> "-";
            case Action.Forget f -> "#";
            case Action.Invite i -> "+";
            case Action.Wait w -> "";
            case Action.Bootstrap b -> "";
        };
    }

    private static String fields(Action action) {
        List<FieldChange> changes = switch (action) {
            case Action.Update u -> u.changes();
            case Action.Replace r -> r.changes();
            case Action.Create c -> List.of();
            case Action.Adopt a -> List.of();
            case Action.Delete d -> List.of();
            case Action.Forget f -> List.of();
            case Action.Invite i -> List.of();
            case Action.Wait w -> List.of();
            case Action.Bootstrap b -> List.of();
        };
        return String.join(", ", changes.stream().map(c -> Markdown.code(c.field())).toList());
    }

    private static String code(Address address) {
        return Markdown.code(address.toString());
    }
}
