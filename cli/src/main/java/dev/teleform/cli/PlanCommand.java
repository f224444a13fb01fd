package dev.teleform.cli;

import dev.teleform.cli.view.PlanOutput;
import dev.teleform.engine.operation.Outcome;
import dev.teleform.engine.operation.PlanOperation;
import dev.teleform.engine.operation.Workspace;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teleform plan}: what apply would do, from the stack, state and live Teleport. Writes nothing. */
@Command(name = "plan", description = {"Show what apply would change: the stack against state and live Teleport.",
    "Reads only; writes nothing. Exit 0 (no changes), 1 (error), 2 (changes, with --detailed-exitcode)."})
final class PlanCommand implements Callable<Integer> {

    static final int CHANGES = 2;

    @Mixin
    StackOptions stack;

    @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (json: schemas/plan.schema.json)")
    PlanOutput.Format format;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when there are none.")
    boolean detailedExitCode;

    @Option(names = "--refresh-only", description = "Only report changes made outside Teleform.")
    boolean refreshOnly;

    @Option(names = "--destroy", description = "Plan to delete everything the stack manages.")
    boolean destroy;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--parallelism", defaultValue = "10", description = "Workload clusters read at once (default 10).")
    int parallelism;

    @Option(names = "--lock", description = {"Hold the stack's lock while planning; exit 3 if another run holds it.",
        "Off by default, so that the plans of several pull requests can run at once."})
    boolean lock;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the plan for 'teleform show' and 'teleform apply FILE'.")
    Path outFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Problems problems = new Problems(err);
        if (refreshOnly && destroy) {
            throw problems.fail("--refresh-only and --destroy cannot be combined");
        }
        PlanOptions options = selection.plan(destroy ? PlanMode.DESTROY : refreshOnly ? PlanMode.REFRESH_ONLY
                : PlanMode.NORMAL, problems);
        Workspace workspace = Workspaces.open(stack, err);
        // With --lock, held until the plan is shown and saved: what it shows is what state is while it holds.
        try (Workspace.Held held = problems.valueOf(lock ? workspace.hold("plan") : Outcome.done(Workspace.Held.NOTHING))) {
            return plan(workspace, options, out, problems);
        }
    }

    private int plan(Workspace workspace, PlanOptions options, PrintWriter out, Problems problems) {
        PrintWriter err = spec.commandLine().getErr();
        PlanOperation.Result result = problems.valueOf(PlanOperation.run(workspace, options, parallelism));
        Plan plan = result.plan();
        PlanOutput.print(plan, workspace.stackName(), format, out, err);
        if (plan.problems().hasErrors()) {
            err.println("the plan is refused: " + plan.problems().errorCount() + " problem"
                    + (plan.problems().errorCount() == 1 ? "" : "s") + " above; nothing can be applied"
                    + (outFile != null ? " (no plan file written)" : ""));
            return TeleformCli.ERROR;
        }
        if (outFile != null) {
            problems.valueOf(PlanOperation.save(workspace, result, options.targets(), options.replaces(), outFile,
                    TeleformCommand.workingDirectory()));
            err.println("saved the plan to " + outFile + "; apply exactly this plan with: teleform apply " + outFile);
        }
        return detailedExitCode && !plan.inSync() ? CHANGES : TeleformCli.OK;
    }
}
