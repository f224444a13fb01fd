package dev.teleform.cli;

import dev.teleform.cli.view.PlanOutput;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.AddressParse;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.plan.Planning;
import dev.teleform.engine.planfile.PlanFile;
import dev.teleform.engine.planfile.PlanFileCodec;
import dev.teleform.engine.state.StateLock;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    @Option(names = "--target", paramLabel = "ADDR", description = "Only this resource and what it needs; repeatable.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--replace", paramLabel = "ADDR", description = "Delete and re-create this role or user; repeatable.")
    List<String> replaces = new ArrayList<>();

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
        if (refreshOnly && destroy) {
            err.println("teleform: --refresh-only and --destroy cannot be combined");
            return TeleformCli.ERROR;
        }
        Optional<Set<Address>> targetAddresses = addresses(targets, err);
        Optional<Set<Address>> replaceAddresses = addresses(replaces, err);
        if (targetAddresses.isEmpty() || replaceAddresses.isEmpty()) {
            return TeleformCli.ERROR;
        }
        Optional<Workspace> workspace = Workspace.open(stack, out, err, InstantSource.system());
        if (workspace.isEmpty()) {
            return TeleformCli.ERROR;
        }
        if (!lock) {
            return plan(workspace.get(), targetAddresses.get(), replaceAddresses.get(), out, err);
        }
        Either<Integer, StateLock> taken = StackLock.take(workspace.get(), "plan", err);
        if (taken.isLeft()) {
            return taken.getLeft();
        }
        try (StateLock held = taken.get()) {
            return plan(workspace.get(), targetAddresses.get(), replaceAddresses.get(), out, err);
        }
    }

    private int plan(Workspace workspace, Set<Address> targetAddresses, Set<Address> replaceAddresses, PrintWriter out,
            PrintWriter err) {
        PlanMode mode = destroy ? PlanMode.DESTROY : refreshOnly ? PlanMode.REFRESH_ONLY : PlanMode.NORMAL;
        var result = workspace.plan(new PlanOptions(mode, targetAddresses, replaceAddresses), parallelism);
        if (result.isLeft()) {
            err.println("teleform: " + result.getLeft());
            return TeleformCli.ERROR;
        }
        Plan plan = result.get().plan();
        PlanOutput.print(plan, workspace.stack().settings().name(), format, out, err);
        if (plan.problems().hasErrors()) {
            err.println("the plan is refused: " + plan.problems().errorCount() + " problem"
                    + (plan.problems().errorCount() == 1 ? "" : "s") + " above; nothing can be applied"
                    + (outFile != null ? " (no plan file written)" : ""));
            return TeleformCli.ERROR;
        }
        if (outFile != null && !save(workspace, result.get(), targetAddresses, replaceAddresses, err)) {
            return TeleformCli.ERROR;
        }
        return detailedExitCode && !plan.inSync() ? CHANGES : TeleformCli.OK;
    }

    private boolean save(Workspace workspace, Planning.Result result, Set<Address> targets, Set<Address> replaces,
            PrintWriter err) {
        var stack = workspace.stack();
        var config = workspace.providerConfig();
        String target = "teleport".equals(stack.settings().provider()) ? config.parentProxy().orElse("")
                : config.simulator().dataDir().toString();
        PlanFile file = new PlanFile(stack.settings().name(), stack.dir().toAbsolutePath().normalize(), stack.digest(),
                result.state().lineage(), result.state().serial(), result.stateVersion(), stack.settings().provider(),
                target, targets.stream().sorted().toList(), replaces.stream().sorted().toList(), result.plan());
        try {
            Files.writeString(outFile, PlanFileCodec.write(file));
            err.println("saved the plan to " + outFile + "; apply exactly this plan with: teleform apply " + outFile);
            return true;
        } catch (IOException e) {
            err.println("teleform: cannot write " + outFile + ": " + e.getMessage());
            return false;
        }
    }

    private static Optional<Set<Address>> addresses(List<String> texts, PrintWriter err) {
        Set<Address> out = new HashSet<>();
        for (String text : texts) {
            switch (Address.parse(text)) {
                case AddressParse.Parsed parsed -> out.add(parsed.address());
                case AddressParse.Invalid invalid -> {
                    err.println("teleform: " + invalid.message());
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out);
    }
}
