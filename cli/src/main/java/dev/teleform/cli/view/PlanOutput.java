package dev.teleform.cli.view;

import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanComparison;
import dev.teleform.engine.render.JsonPlanRenderer;
import dev.teleform.engine.render.MarkdownPlanRenderer;
import dev.teleform.engine.render.PlanComparisonRenderer;
import dev.teleform.engine.render.TextPlanRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Prints a plan in the format a command was asked for: the one place plan and show share. */
public final class PlanOutput {

    /** The formats of {@code --format}; picocli checks the value (case-insensitively) and lists them in help. */
    public enum Format { TEXT, JSON, MARKDOWN }

    private PlanOutput() {
    }

    /**
     * Machine formats go whole to stdout (a refused plan too, marked refused); text is printed only
     * for a plan that can be applied. Problems always go to stderr for people.
     */
    public static void print(Plan plan, String stack, Format format, PrintWriter out, PrintWriter err) {
        Path base = Path.of("").toAbsolutePath();
        switch (format) {
            case JSON -> out.print(new JsonPlanRenderer(base).render(plan, stack));
            case MARKDOWN -> out.print(new MarkdownPlanRenderer(base).render(plan, stack));
            case TEXT -> {
                if (!plan.problems().hasErrors()) {
                    out.print(new TextPlanRenderer(Terminal.colour()).render(plan));
                }
            }
        }
        problems(plan, base, err);
    }

    /**
     * How the plan made now differs from a saved one, on stdout instead of the plan (text or markdown); the plan's
     * problems to stderr as ever.
     *
     * @param saved how the saved plan is named to the reader
     */
    public static void printComparison(PlanComparison comparison, String saved, Plan plan, Format format,
            PrintWriter out, PrintWriter err) {
        out.print(format == Format.MARKDOWN ? PlanComparisonRenderer.markdown(comparison, saved)
                : PlanComparisonRenderer.text(comparison, saved));
        problems(plan, Path.of("").toAbsolutePath(), err);
    }

    private static void problems(Plan plan, Path base, PrintWriter err) {
        if (!plan.problems().all().isEmpty()) {
            err.println(plan.problems().format(base));
        }
    }
}
