package dev.teleform.cli;

import dev.teleform.cli.view.PlanOutput;
import dev.teleform.engine.diag.CommandHint;
import dev.teleform.engine.operation.Outcome;
import dev.teleform.engine.operation.PlanOperation;
import dev.teleform.engine.operation.Workspace;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanComparison;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.resource.GracePeriod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teleform plan}: what apply would do, from the stack, state and live Teleport. Writes nothing. */
@Command(name = "plan", description = {"Show what apply would change: the stack against state and live Teleport.",
    "Reads only; writes nothing. Exit 0 (no changes), 1 (error), 2 (changes, with --detailed-exitcode);",
    "with --compare-to: 0 (the same changes as the saved plan), 4 (different changes), 1 (error)."})
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

    @Option(names = "--allow-destroy", description = {"Let the plan delete workload clusters (they stay "
        + GracePeriod.RESTORABLE + "):", "shown at its top, and kept in the --out file, which apply then needs no flag for."})
    boolean allowDestroy;

    @Option(names = "--no-join-clusters", description = {"Join no workload cluster: the parent is read as",
        "usual; each cluster's roles and users are taken", "from state as last applied. Shows the stack's",
        "changes, not what was changed in the clusters", "outside Teleform (said at its top). 'teleform",
        "apply FILE' refuses its --out file; --compare-to", "compares it by its changes with a plan that read",
        "the clusters. For pull-request plans. Not with", "--refresh-only."})
    boolean noJoinClusters;

    @Option(names = "--parallelism", defaultValue = "10", description = "Workload clusters read at once (default 10).")
    int parallelism;

    @Option(names = "--lock", description = {"Hold the stack's lock while planning; exit 3 if another run holds it.",
        "Off by default, so that the plans of several pull requests can run at once."})
    boolean lock;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the plan for 'teleform show' and 'teleform apply FILE'.")
    Path outFile;

    @Option(names = "--compare-to", paramLabel = "PLANFILE", description = {"Compare the plan made now with a saved "
        + "one by what they change (steps and their fields,", "not the files or state they were made from), and print "
        + "how they differ instead of the plan; exit 0 when", "they make the same changes, 4 when not. --out still "
        + "saves the plan made now."})
    Path compareTo;

    @Option(names = "--accept-fewer", description = {"With --compare-to, exit 0 also when the plan made now only "
        + "lacks steps of the saved one", "(done since, or no longer needed): every step it makes was reviewed as it "
        + "is. The difference is still printed."})
    boolean acceptFewer;

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
        // With --destroy it is allowed and changes nothing: a destroy deletes each workload cluster, which takes its
        // roles and users along without a call, so what is in them is never needed.
        if (refreshOnly && noJoinClusters) {
            throw problems.fail("--refresh-only reports what changed outside Teleform, which only joining the workload "
                    + "clusters can find: --no-join-clusters cannot be combined with it");
        }
        if (compareTo != null && detailedExitCode) {
            throw problems.fail("--compare-to and --detailed-exitcode each decide the exit code; give one of them");
        }
        if (acceptFewer && compareTo == null) {
            throw problems.fail("--accept-fewer says which differences from a saved plan are accepted: give --compare-to");
        }
        if (compareTo != null && format == PlanOutput.Format.JSON) {
            throw problems.fail("--compare-to prints how the plans differ for people: --format text or markdown");
        }
        PlanOptions options = selection.plan(destroy ? PlanMode.DESTROY : refreshOnly ? PlanMode.REFRESH_ONLY
                : PlanMode.NORMAL, problems).withAllowDestroy(allowDestroy).withReadWorkloadClusters(!noJoinClusters);
        // Read first: a plan file that cannot be compared should not wait for a plan.
        Optional<PlanOperation.SavedPlan> saved = Optional.ofNullable(compareTo).map(file -> problems.valueOf(
                PlanOperation.readToShow(file, TeleformCommand.workingDirectory())));
        Workspace workspace = Workspaces.open(stack, err);
        // With --lock, held until the plan is shown and saved: what it shows is what state is while it holds.
        try (Workspace.Held held = problems.valueOf(lock ? workspace.hold("plan") : Outcome.done(Workspace.Held.NOTHING))) {
            return plan(workspace, options, saved, out, problems);
        }
    }

    private int plan(Workspace workspace, PlanOptions options, Optional<PlanOperation.SavedPlan> saved, PrintWriter out,
            Problems problems) {
        PrintWriter err = spec.commandLine().getErr();
        PlanOperation.Result result = problems.valueOf(PlanOperation.run(workspace, options, parallelism));
        Plan plan = result.plan();
        Optional<PlanComparison> comparison = saved.map(file -> problems.valueOf(
                PlanOperation.compare(file, workspace, plan)));
        if (comparison.isPresent() && !plan.problems().hasErrors()) {
            PlanOutput.printComparison(comparison.get(), compareTo.toString(), plan, format, out, err);
        } else {
            PlanOutput.print(plan, workspace.stackName(), format, out, err);
        }
        if (plan.problems().hasErrors()) {
            err.println("the plan is refused: " + plan.problems().errorCount() + " problem"
                    + (plan.problems().errorCount() == 1 ? "" : "s") + " above; nothing can be applied"
                    + (outFile != null ? " (no plan file written)" : ""));
            return TeleformCli.ERROR;
        }
        if (outFile != null) {
            problems.valueOf(PlanOperation.save(workspace, result, options.targets(), options.replaces(), outFile,
                    TeleformCommand.workingDirectory()));
            String file = CommandHint.word(outFile.toString());
            err.println(plan.workloadClustersRead()
                    ? "saved the plan to " + outFile + "; apply exactly this plan with: "
                            + CommandHint.HERE.teleform("apply " + file)
                    : "saved the plan to " + outFile + "; made with --no-join-clusters, it is never applied: compare it "
                            + "with a plan made with the workload clusters read: "
                            + workspace.hint().teleform("plan", "--compare-to " + file));
        }
        if (comparison.isPresent()) {
            PlanComparison found = comparison.get();
            return found.equal() || acceptFewer && found.lacksOnlySavedSteps() ? TeleformCli.OK : TeleformCli.DIFFERENT;
        }
        return detailedExitCode && !plan.inSync() ? CHANGES : TeleformCli.OK;
    }
}
