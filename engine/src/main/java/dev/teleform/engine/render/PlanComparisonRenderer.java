package dev.teleform.engine.render;

import dev.teleform.engine.plan.FieldChange;
import dev.teleform.engine.plan.PlanComparison;
import java.util.Optional;

/**
 * How a plan made now differs from a saved one ({@code teleform plan --compare-to}), for people: a line per step only
 * one plan has, a line per field two plans change differently, with the values each plan gives it (a sensitive one
 * shown only as the placeholder). As text for a log, or as markdown for a comment: the text in a code block under a
 * headline, so no value can break out of it.
 */
public final class PlanComparisonRenderer {

    private PlanComparisonRenderer() {
    }

    /** @param saved how the saved plan is named to the reader (its file) */
    public static String text(PlanComparison comparison, String saved) {
        return headline(comparison, saved) + "\n" + (comparison.equal() ? "" : "\n" + differences(comparison));
    }

    public static String markdown(PlanComparison comparison, String saved) {
        String headline = "**" + Markdown.prose(headline(comparison, saved)) + "**\n";
        return comparison.equal() ? headline : headline + "\n" + Markdown.fenced("diff", differences(comparison));
    }

    private static String headline(PlanComparison comparison, String saved) {
        int steps = comparison.steps();
        int count = comparison.differences().size();
        return comparison.equal()
                ? "The plan made now makes the same changes as the saved plan " + saved + " (" + steps + " step"
                        + (steps == 1 ? "" : "s") + ")."
                : "The plan made now differs from the saved plan " + saved + " in " + count + " place"
                        + (count == 1 ? "" : "s") + (comparison.lacksOnlySavedSteps()
                                ? ", all steps of the saved plan that the plan made now no longer makes:" : ":");
    }

    private static String differences(PlanComparison comparison) {
        StringBuilder out = new StringBuilder();
        for (PlanComparison.Difference difference : comparison.differences()) {
            switch (difference) {
                case PlanComparison.Setting setting -> out.append("! ").append(setting.name()).append(": saved plan ")
                        .append(setting.saved()).append(", plan made now ").append(setting.now()).append("\n");
                case PlanComparison.OnlyIn only -> out.append(only.side() == PlanComparison.Side.NOW ? "+ " : "- ")
                        .append(only.step()).append("   (only in the ")
                        .append(only.side() == PlanComparison.Side.NOW ? "plan made now" : "saved plan").append(")\n");
                case PlanComparison.UnseenNow unseen -> out.append("- ").append(unseen.step())
                        .append("   (only in the saved plan; the plan made now could not see it: ").append(unseen.why())
                        .append(")\n");
                case PlanComparison.ChangedStep step -> {
                    out.append("~ ").append(step.step()).append("\n");
                    step.fields().forEach(field -> out.append("    ").append(field.field()).append(": saved plan ")
                            .append(side(field.saved())).append("; plan made now ").append(side(field.now()))
                            .append("\n"));
                }
            }
        }
        return out.toString();
    }

    private static String side(Optional<FieldChange> change) {
        return change.map(c -> c.before().isEmpty() && c.after().isPresent() ? "sets " + FieldValues.after(c)
                : FieldValues.before(c) + " -> " + FieldValues.after(c)).orElse("leaves it alone");
    }
}
