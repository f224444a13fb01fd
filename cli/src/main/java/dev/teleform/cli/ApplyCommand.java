package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.apply.ApplyExecutor;
import dev.teleform.engine.apply.ApplyResult;
import dev.teleform.engine.apply.RetryPolicy;
import dev.teleform.engine.apply.Sleeper;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.plan.Planning;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.state.LockOutcome;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.state.StateStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code teleform apply [DIR]}: plans under the stack's lock, shows the plan, asks (or takes
 * {@code --auto-approve}), then carries it out and reports as it goes. Everything for people goes to
 * stderr; invite links go only to {@code --invites-out} or a terminal.
 */
@Command(name = "apply", description = {"Plan, confirm, and carry out the plan against Teleport.",
    "Holds the stack's lock throughout; exit 3 when someone else holds it."})
final class ApplyCommand implements Callable<Integer> {

    static final int LOCKED = 3;

    @Mixin
    StackOptions stack;

    @Option(names = "--auto-approve", description = "Apply without asking for confirmation.")
    boolean autoApprove;

    @Option(names = "--allow-destroy", description = "Allow deleting workload clusters (restorable for 15 days).")
    boolean allowDestroy;

    @Option(names = "--parallelism", defaultValue = "10", description = "Provider calls at once (default 10).")
    int parallelism;

    @Option(names = "--invites-out", paramLabel = "FILE",
            description = "Write new users' invite links here (created 0600, JSON lines).")
    Path invitesOut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Workspace> opened = Workspace.open(stack, spec.commandLine().getOut(), err, InstantSource.system());
        if (opened.isEmpty()) {
            return TeleformCli.ERROR;
        }
        Workspace workspace = opened.get();
        LockOutcome outcome = workspace.locks().acquire("apply");
        StateLock lock = switch (outcome) {
            case LockOutcome.Acquired acquired -> acquired.lock();
            case LockOutcome.TakenOver taken -> {
                err.println("teleform: warning: took over the lock of a process that no longer runs: "
                        + taken.previous().describe());
                yield taken.lock();
            }
            case LockOutcome.Held held -> {
                err.println("teleform: the stack is locked: " + held.holder().describe()
                        + "\nIf that run is gone, remove the lock with: teleform unlock " + held.holder().id());
                yield null;
            }
            case LockOutcome.Failed failed -> {
                err.println("teleform: " + failed.message());
                yield null;
            }
        };
        if (lock == null) {
            return outcome instanceof LockOutcome.Held ? LOCKED : TeleformCli.ERROR;
        }
        try (lock) {
            return applyLocked(workspace, err);
        }
    }

    private int applyLocked(Workspace workspace, PrintWriter err) {
        var providerOpened = workspace.provider();
        if (providerOpened.isLeft()) {
            err.println("teleform: " + providerOpened.getLeft());
            return TeleformCli.ERROR;
        }
        try (Provider provider = providerOpened.get()) {
            var planned = Planning.run(workspace.stack(), workspace.state(), provider, workspace.providerConfig(),
                    PlanOptions.normal(), parallelism);
            if (planned.isLeft()) {
                err.println("teleform: " + planned.getLeft());
                return TeleformCli.ERROR;
            }
            Plan plan = planned.get().plan();
            PlanOutput.print(plan, workspace.stack().settings().name(), PlanOutput.Format.TEXT, err, err);
            if (plan.problems().hasErrors()) {
                err.println("the plan is refused; nothing was changed");
                return TeleformCli.ERROR;
            }
            if (!plan.hasChanges()) {
                return TeleformCli.OK;
            }
            boolean deletesCluster = plan.steps().stream().anyMatch(s -> s.action() instanceof Action.Delete
                    && s.action().address().kind().equals("workload_cluster"));
            if (deletesCluster && !allowDestroy) {
                err.println("teleform: this plan deletes a workload cluster; apply again with --allow-destroy "
                        + "(Teleport Cloud keeps it restorable for 15 days). Nothing was changed.");
                return TeleformCli.ERROR;
            }
            if (!approved(err)) {
                return TeleformCli.ERROR;
            }
            Map<Address, Resource> desired = new TreeMap<>();
            workspace.stack().resources().forEach(r -> desired.put(r.address(), r));
            ProgressPrinter progress = new ProgressPrinter(err);
            ApplyExecutor executor = new ApplyExecutor(provider, progress, Sleeper.REAL, new ApplyExecutor.Settings(
                    parallelism, workspace.stack().settings().waitTimeout(), RetryPolicy.DEFAULT,
                    workspace.providerConfig().clusterIdentities(), allowDestroy, Duration.ofSeconds(1)));
            ApplyResult result = executor.run(plan, desired, workspace.state(),
                    new StateStore.Snapshot(planned.get().state(), planned.get().stateVersion()));
            int invitesStatus = Invites.deliver(progress.invites(), invitesOut, err);
            err.println(summary(result));
            return result.succeeded() && invitesStatus == TeleformCli.OK ? TeleformCli.OK : TeleformCli.ERROR;
        }
    }

    private boolean approved(PrintWriter err) {
        if (autoApprove) {
            return true;
        }
        if (!Terminal.interactive()) {
            err.println("teleform: apply asks for confirmation, and there is no terminal to ask on; review the plan "
                    + "above and run again with --auto-approve. Nothing was changed.");
            return false;
        }
        err.print("Apply these changes? Only 'yes' is accepted: ");
        err.flush();
        String answer = System.console().readLine();
        if (!"yes".equals(answer == null ? "" : answer.strip())) {
            err.println("Apply cancelled. Nothing was changed.");
            return false;
        }
        return true;
    }

    private static String summary(ApplyResult result) {
        if (result.succeeded()) {
            return "Apply complete: " + result.changes() + ". State saved (" + result.checkpoints() + " commit"
                    + (result.checkpoints() == 1 ? "" : "s") + ").";
        }
        return "Apply failed: " + result.failures().size() + " step(s) failed, " + result.skipped() + " skipped; done: "
                + result.changes() + (result.stateError().isEmpty()
                        ? ". State holds what was done; apply again to continue."
                        : ". STATE NOT SAVED: " + result.stateError());
    }
}
