package dev.teleform.engine.render;

import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Drift;
import dev.teleform.engine.plan.Exclusion;
import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanStep;
import dev.teleform.engine.resource.GracePeriod;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.source.SourceMap;
import tools.jackson.databind.JsonNode;

/**
 * The plan as people read it in a terminal or CI log, in Terraform's idiom: {@code +} create,
 * {@code ~} update, {@code -/+} replace, {@code -} delete, {@code <=} read; then drift; then one
 * summary line. ANSI colour only when {@code colour} is set.
 */
public final class TextPlanRenderer {

    /** How a resource whose workload cluster is not active is shown, in every format. */
    public static final String UNKNOWN = "unknown until active";

    /**
     * What adopting means, under the summary of a plan that adopts: the word is Teleform's own, and a newcomer meets
     * it first in a plan.
     */
    public static final String ADOPT_LEGEND = "adopt: it exists in Teleport already, as the stack declares it (made "
            + "outside Teleform, or by a run whose state was lost); state records it and Teleform manages it from now "
            + "on. Nothing is written to Teleport.";

    /** What the top of a plan made with {@code --no-join-clusters} says, in every format. */
    public static final String NOT_JOINED = "Workload clusters were not joined (--no-join-clusters): their roles and "
            + "users are planned against state as last applied; changes made in them outside Teleform are not shown. "
            + "Apply refuses this plan.";

    private final boolean colour;

    public TextPlanRenderer(boolean colour) {
        this.colour = colour;
    }

    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        if (!plan.workloadClustersRead()) {
            out.append(bold(NOT_JOINED)).append("\n\n");
        }
        if (plan.allowDestroy()) {
            out.append(bold("This plan deletes workload clusters: made with --allow-destroy.")).append(" They stay ")
                    .append("suspended and ").append(GracePeriod.RESTORABLE).append(".\n\n");
        }
        if (!plan.drift().isEmpty()) {
            out.append(bold("Changed outside Teleform (drift):")).append("\n\n");
            for (Drift drift : plan.drift()) {
                renderDrift(out, drift);
            }
            out.append("\n");
        }
        if (!plan.unknown().isEmpty()) {
            out.append(bold("Unknown until their workload cluster is active (nothing can be read or planned):"))
                    .append("\n\n");
            plan.unknown().forEach(address -> out.append("  ? ").append(address).append("   (")
                    .append(UNKNOWN).append(")\n"));
            out.append("\n");
        }
        if (!plan.excluded().isEmpty()) {
            out.append(bold("Left out by --exclude (neither planned nor applied):")).append("\n\n");
            plan.excluded().forEach(excluded -> out.append("  x ").append(excluded.address()).append("   (")
                    .append(excludedBecause(excluded)).append(")\n"));
            out.append("\n");
        }
        if (plan.mode() == PlanMode.REFRESH_ONLY) {
            out.append(plan.drift().isEmpty() ? "No changes outside Teleform: state matches what is live.\n"
                    : "Applying this refresh-only plan records these live values in state; Teleport is not changed.\n");
            return out.toString();
        }
        if (!plan.hasChanges()) {
            out.append(!plan.excluded().isEmpty()
                    ? "Nothing to do once --exclude leaves out the changes of " + plan.excluded().size() + " resource"
                            + (plan.excluded().size() == 1 ? "" : "s") + " above; " + plan.unchanged()
                            + " match the stack.\n"
                    : plan.unknown().isEmpty()
                    ? "No changes. Teleport matches the stack (" + plan.unchanged() + " resources).\n"
                    : "Nothing to do now, but " + plan.unknown().size() + " resource" + (plan.unknown().size() == 1
                            ? " is" : "s are") + " unknown until active; " + plan.unchanged() + " match the stack.\n");
            return out.toString();
        }
        out.append("Teleform will perform these steps, in this order:\n\n");
        for (PlanStep step : plan.steps()) {
            renderStep(out, step);
        }
        out.append("\n").append(bold(summary(plan))).append("\n");
        if (plan.count("adopt") > 0) {
            out.append(green("  = ")).append(ADOPT_LEGEND).append("\n");
        }
        return out.toString();
    }

    /** {@code Plan: 3 to create, 1 to update, 0 to replace, 1 to delete.} plus engine steps. */
    public static String summary(Plan plan) {
        int adopt = plan.count("adopt");
        String line = "Plan: " + plan.count("create") + " to create, " + (adopt > 0 ? adopt + " to adopt, " : "")
                + plan.count("update") + " to update, " + plan.count("replace") + " to replace, "
                + plan.count("delete") + " to delete" + (plan.count("forget") > 0 ? ", " + plan.count("forget")
                        + " to forget" : "") + ".";
        int waits = plan.count("wait");
        int invites = plan.count("invite");
        StringBuilder extra = new StringBuilder();
        if (waits > 0) {
            extra.append(waits).append(" wait").append(waits == 1 ? "" : "s").append(" for provisioning; ");
        }
        if (invites > 0) {
            extra.append(invites).append(" invite").append(invites == 1 ? "" : "s").append("; ");
        }
        if (!plan.excluded().isEmpty()) {
            extra.append(plan.excluded().size()).append(" left out by --exclude; ");
        }
        return extra.isEmpty() ? line : line + " (" + extra.substring(0, extra.length() - 2) + ")";
    }

    /** Why {@code --exclude} left a resource out, in every format: named, or needing one that was. */
    public static String excludedBecause(Exclusion excluded) {
        return excluded.named() ? "excluded" : "needs " + excluded.cause() + ", which is excluded";
    }

    private void renderStep(StringBuilder out, PlanStep step) {
        switch (step.action()) {
            case Action.Create create -> {
                out.append(green("  + ")).append(create.address()).append("\n");
                fieldsOf(out, create.sensitive().masked(create.document()), "", "", create.sensitive());
            }
            case Action.Adopt adopt -> out.append(green("  = ")).append(adopt.address())
                    .append("   (exists as the stack wants it: adopted into state, nothing written)\n");
            case Action.Update update -> {
                out.append(yellow("  ~ ")).append(update.address()).append("\n");
                update.changes().forEach(change -> change(out, change));
            }
            case Action.Replace replace -> {
                out.append(red("-/+ ")).append(replace.address()).append("   (--replace: deleted, then created)\n");
                replace.changes().forEach(change -> change(out, change));
            }
            case Action.Delete delete -> {
                out.append(red("  - ")).append(delete.address())
                        .append(delete.alreadyGone() ? "   (already gone from Teleport: state forgets it)" : "").append("\n");
                delete.takesWith().forEach(inside -> out.append("      ").append(red("-")).append(" ").append(inside)
                        .append("   (goes with the cluster: no call)\n"));
            }
            case Action.Forget forget -> out.append("  # ").append(forget.address()).append("   (")
                    .append(forget.reason()).append(")\n");
            case Action.Wait wait -> out.append(" >> ").append(wait.address()).append(": wait until active\n");
            case Action.Bootstrap bootstrap -> out.append(" <= ").append(bootstrap.address())
                    .append(": join as its bot (credentials for the steps below)\n");
            case Action.Invite invite -> out.append(green("  + ")).append("invite for ").append(invite.address())
                    .append(" (link valid ").append(dev.teleform.engine.provider.GoDuration.format(invite.ttl()))
                    .append(")\n");
        }
    }

    private void change(StringBuilder out, FieldChange change) {
        String mark = switch (change.kind()) {
            case ADD -> green("+");
            case CHANGE -> yellow("~");
            case REMOVE -> red("-");
        };
        out.append("      ").append(mark).append(" ").append(change.field()).append(": ")
                .append(FieldValues.before(change)).append(" -> ").append(FieldValues.after(change)).append("\n");
    }

    private void renderDrift(StringBuilder out, Drift drift) {
        if (drift.deleted()) {
            out.append(red("  - ")).append(drift.address()).append(": deleted outside Teleform\n");
            return;
        }
        out.append(yellow("  ~ ")).append(drift.address()).append("\n");
        for (FieldChange field : drift.fields()) {
            out.append("      ").append(field.field()).append(": applied ").append(FieldValues.before(field))
                    .append(", live ").append(FieldValues.after(field)).append("\n");
        }
    }

    /**
     * The fields a create sends, one leaf per line in field order, without kind/version/name. {@code node}
     * is already masked; a leaf that is sensitive as a whole shows the bare placeholder.
     */
    private void fieldsOf(StringBuilder out, JsonNode node, String prefix, String pointer, SensitiveFields sensitive) {
        node.propertyNames().stream().sorted().forEach(name -> {
            String field = prefix.isEmpty() ? name : prefix + "." + name;
            if (field.equals("kind") || field.equals("version") || field.equals("metadata.name")) {
                return;
            }
            String at = SourceMap.child(pointer, name);
            JsonNode value = node.get(name);
            if (value.isObject() && !value.isEmpty()) {
                fieldsOf(out, value, field, at, sensitive);
            } else {
                out.append("      ").append(green("+")).append(" ").append(field).append(" = ")
                        .append(sensitive.covers(at) ? Redaction.PLACEHOLDER : value.toString()).append("\n");
            }
        });
    }

    private String green(String text) {
        return paint("32", text);
    }

    private String yellow(String text) {
        return paint("33", text);
    }

    private String red(String text) {
        return paint("31", text);
    }

    private String bold(String text) {
        return paint("1", text);
    }

    private String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
