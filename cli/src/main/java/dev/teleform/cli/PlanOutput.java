package dev.teleform.cli;

import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.render.JsonPlanRenderer;
import dev.teleform.engine.render.MarkdownPlanRenderer;
import dev.teleform.engine.render.TextPlanRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Prints a plan in the format a command was asked for: the one place plan and show share. */
final class PlanOutput {

    static final List<String> FORMATS = List.of("text", "json", "markdown");

    private PlanOutput() {
    }

    /** False, after saying so, when {@code format} is not one Teleform prints. */
    static boolean known(String format, PrintWriter err) {
        if (FORMATS.contains(format)) {
            return true;
        }
        err.println("teleform: --format takes text, json or markdown, not " + format);
        return false;
    }

    /**
     * Machine formats go whole to stdout (a refused plan too, marked refused); text is printed only
     * for a plan that can be applied. Problems always go to stderr for people.
     */
    static void print(Plan plan, String stack, String format, PrintWriter out, PrintWriter err) {
        Path base = Path.of("").toAbsolutePath();
        switch (format) {
            case "json" -> out.print(new JsonPlanRenderer(base).render(plan, stack));
            case "markdown" -> out.print(new MarkdownPlanRenderer(base).render(plan, stack));
            default -> {
                if (!plan.problems().hasErrors()) {
                    out.print(new TextPlanRenderer(Terminal.colour()).render(plan));
                }
            }
        }
        if (!plan.problems().all().isEmpty()) {
            err.println(plan.problems().format(base));
        }
    }
}
