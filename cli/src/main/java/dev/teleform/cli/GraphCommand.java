package dev.teleform.cli;

import dev.teleform.engine.operation.PlanOperation;
import dev.teleform.engine.operation.Workspace;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.render.GraphRenderer;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teleform graph}: the plan's steps and their order, for Graphviz or Mermaid. Writes nothing. */
@Command(name = "graph", description = {"Print the plan's steps and what each waits for, as a graph:",
    "dot (Graphviz: teleform graph | dot -Tsvg > plan.svg) or mermaid (renders in GitHub markdown)."})
final class GraphCommand implements Callable<Integer> {

    /** The graph languages, as the option spells them. */
    enum Format { dot, mermaid }

    @Mixin
    StackOptions stack;

    @Option(names = "--format", defaultValue = "dot", description = "${COMPLETION-CANDIDATES} (default: dot)")
    Format format;

    @Option(names = "--destroy", description = "Graph the plan that deletes everything the stack manages.")
    boolean destroy;

    @Option(names = "--parallelism", defaultValue = "10", description = "Workload clusters read at once (default 10).")
    int parallelism;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = Workspaces.open(stack, err);
        Problems problems = new Problems(err);
        Plan plan = problems.valueOf(PlanOperation.run(workspace, new PlanOptions(
                destroy ? PlanMode.DESTROY : PlanMode.NORMAL, Set.of(), Set.of()), parallelism)).plan();
        if (plan.problems().hasErrors()) {
            problems.print(plan.problems());
            err.println("the plan is refused; there is no graph to draw");
            return TeleformCli.ERROR;
        }
        out.print(GraphRenderer.render(plan, format == Format.dot ? GraphRenderer.Format.DOT
                : GraphRenderer.Format.MERMAID));
        out.flush();
        return TeleformCli.OK;
    }
}
