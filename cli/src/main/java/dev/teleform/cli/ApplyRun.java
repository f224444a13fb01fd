package dev.teleform.cli;

import dev.teleform.cli.view.JsonEvents;
import dev.teleform.cli.view.PlanOutput;
import dev.teleform.cli.view.ProgressPrinter;
import dev.teleform.cli.view.Terminal;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.addr.Address;
import dev.teleform.engine.apply.ApplyEvents;
import dev.teleform.engine.apply.ApplyExecutor;
import dev.teleform.engine.apply.ApplyResult;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.DriftAcceptance;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.plan.Planning;
import dev.teleform.engine.planfile.PlanFile;
import dev.teleform.engine.planfile.PlanFileCodec;
import dev.teleform.engine.planfile.SensitiveValues;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.retry.RetryPolicy;
import dev.teleform.engine.retry.Sleeper;
import dev.teleform.engine.state.StateLock;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One apply, shared by {@code apply DIR}, {@code apply PLANFILE} and {@code destroy}: take the lock,
 * get the plan (made now, or a saved one that must not be stale), confirm, execute, deliver invites,
 * summarise. People's output goes to stderr; stdout carries only {@code --json-events}.
 */
final class ApplyRun {

    /**
     * @param planFile a saved plan to apply instead of planning now
     */
    record Options(PlanMode mode, boolean autoApprove, boolean allowDestroy, int parallelism, int maxCalls,
            Path invitesOut, boolean jsonEvents, Optional<Path> planFile) {}

    /**
     * A plan to carry out, the state it was made against, and what refresh read (nothing for a saved plan).
     */
    private record Planned(Plan plan, StateStore.Snapshot snapshot,
            java.util.function.Function<Address, Optional<dev.teleform.engine.provider.LiveResource>> live) {}

    private final Options options;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Released once the lock is given back, so an interrupt waits for it. */
    private final List<java.util.concurrent.CountDownLatch> interruptedRuns = new ArrayList<>();
    private final List<Thread> interruptHooks = new ArrayList<>();
    private Invites invites;

    ApplyRun(Options options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run(StackOptions stack) {
        // Checked before anything else: a missing directory or an unsafe file must not surface after creates.
        Either<String, Invites> invites = Invites.to(options.invitesOut());
        if (invites.isLeft()) {
            err.println("teleform: --invites-out: " + invites.getLeft() + ". Nothing was changed.");
            return TeleformCli.ERROR;
        }
        this.invites = invites.get();
        Optional<PlanFile> saved = Optional.empty();
        if (options.planFile().isPresent()) {
            Either<String, PlanFile> read = readPlanFile(options.planFile().get());
            if (read.isLeft()) {
                err.println("teleform: " + read.getLeft());
                return TeleformCli.ERROR;
            }
            saved = Optional.of(read.get());
            stack.dir = read.get().stackDir();
        }
        Optional<Workspace> opened = Workspace.open(stack, out, err, InstantSource.system());
        if (opened.isEmpty()) {
            return TeleformCli.ERROR;
        }
        Workspace workspace = opened.get();
        Either<Integer, StateLock> taken = StackLock.take(workspace,
                options.mode() == PlanMode.DESTROY ? "destroy" : "apply", err);
        if (taken.isLeft()) {
            return taken.getLeft();
        }
        StateLock lock = taken.get();
        try (lock) {
            return locked(workspace, saved);
        } finally {
            interruptedRuns.forEach(java.util.concurrent.CountDownLatch::countDown);
            for (Thread hook : interruptHooks) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it has been waiting for exactly this moment
                }
            }
        }
    }

    private static Either<String, PlanFile> readPlanFile(Path file) {
        try {
            return PlanFileCodec.read(Files.readAllBytes(file)).mapLeft(message -> file + ": " + message);
        } catch (IOException e) {
            return Either.left("cannot read " + file + ": " + e.getMessage());
        }
    }

    private int locked(Workspace workspace, Optional<PlanFile> saved) {
        var providerOpened = workspace.provider();
        if (providerOpened.isLeft()) {
            err.println("teleform: " + providerOpened.getLeft());
            return TeleformCli.ERROR;
        }
        try (Provider provider = providerOpened.get()) {
            Either<String, Planned> planned = saved.isPresent() ? checkedSavedPlan(workspace, saved.get())
                    : planNow(workspace, provider);
            if (planned.isLeft()) {
                err.println("teleform: " + planned.getLeft());
                return TeleformCli.ERROR;
            }
            Plan plan = planned.get().plan();
            if (saved.isEmpty()) {
                PlanOutput.print(plan, workspace.stack().settings().name(), PlanOutput.Format.TEXT, err, err);
            }
            if (plan.problems().hasErrors()) {
                err.println("the plan is refused; nothing was changed");
                return TeleformCli.ERROR;
            }
            if (!plan.hasChanges()) {
                if (saved.isPresent()) {
                    err.println("The saved plan has nothing to do.");
                }
                return TeleformCli.OK;
            }
            if (plan.mode() == PlanMode.REFRESH_ONLY) {
                return (saved.isPresent() || approved()) ? acceptDrift(workspace, planned.get()) : TeleformCli.ERROR;
            }
            if (deletesWorkloadCluster(plan) && !options.allowDestroy()) {
                err.println("teleform: this plan deletes a workload cluster; run again with --allow-destroy "
                        + "(Teleport Cloud keeps it restorable for 15 days). Nothing was changed.");
                return TeleformCli.ERROR;
            }
            // A saved plan was reviewed when it was made: applying it is the approval, as with Terraform.
            if (saved.isEmpty() && !approved()) {
                return TeleformCli.ERROR;
            }
            return execute(workspace, provider, planned.get());
        }
    }

    private Either<String, Planned> planNow(Workspace workspace, Provider provider) {
        return Planning.run(workspace.stack(), workspace.state(), provider, workspace.providerConfig(),
                new PlanOptions(options.mode(), java.util.Set.of(), java.util.Set.of()), options.parallelism())
                .map(result -> new Planned(result.plan(), new StateStore.Snapshot(result.state(), result.stateVersion()),
                        result.live()::get));
    }

    /** A saved plan applies only to the state and stack it was made from. */
    private Either<String, Planned> checkedSavedPlan(Workspace workspace, PlanFile saved) {
        var read = workspace.state().read();
        if (read.isLeft()) {
            return Either.left(read.getLeft().message());
        }
        StateStore.Snapshot snapshot = read.get();
        List<String> moved = new ArrayList<>();
        if (!snapshot.state().lineage().equals(saved.stateLineage())) {
            moved.add("state belongs to another history (lineage " + blank(snapshot.state().lineage()) + ", plan made "
                    + "against " + blank(saved.stateLineage()) + ")");
        } else if (snapshot.state().serial() != saved.stateSerial()) {
            moved.add("state was written since (serial " + snapshot.state().serial() + ", plan made at serial "
                    + saved.stateSerial() + ")");
        }
        if (!workspace.stack().digest().equals(saved.stackDigest())) {
            moved.add("the stack's files changed since");
        }
        if (!workspace.stack().settings().provider().equals(saved.provider())) {
            moved.add("the stack's provider changed since");
        }
        if (!moved.isEmpty()) {
            return Either.left("the saved plan is stale: " + String.join("; ", moved)
                    + ". Nothing was changed; plan again (teleform plan --out FILE)");
        }
        if (saved.plan().mode() != options.mode() && options.mode() == PlanMode.REFRESH_ONLY) {
            return Either.left("--refresh-only applies a plan made now; a saved plan is applied as it was made");
        }
        return SensitiveValues.restore(saved.plan(), desired(workspace))
                .map(plan -> new Planned(plan, snapshot, address -> Optional.empty()));
    }

    private static String blank(String lineage) {
        return lineage.isEmpty() ? "none yet" : lineage;
    }

    private static boolean deletesWorkloadCluster(Plan plan) {
        return plan.steps().stream().anyMatch(s -> s.action() instanceof Action.Delete
                && s.action().address().kind() == ResourceKind.WORKLOAD_CLUSTER);
    }

    private boolean approved() {
        if (options.autoApprove()) {
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

    /** {@code apply --refresh-only}: one commit in which state takes the live values; Teleport is not called. */
    private int acceptDrift(Workspace workspace, Planned planned) {
        var accepted = DriftAcceptance.accept(planned.snapshot().state(), planned.plan().drift(), planned.live());
        int count = planned.plan().drift().size();
        var written = workspace.state().write(accepted, planned.snapshot().version(), "apply --refresh-only: accepted "
                + "the live values of " + count + " resource" + (count == 1 ? "" : "s") + " changed outside Teleform\n\n"
                + String.join("\n", planned.plan().drift().stream().map(d -> "- " + d.address()
                        + (d.deleted() ? " (deleted)" : "")).toList()));
        if (written.isLeft()) {
            err.println("teleform: " + written.getLeft().message() + "; nothing was changed");
            return TeleformCli.ERROR;
        }
        err.println("Apply complete: state now holds the live values of " + count + " resource" + (count == 1 ? "" : "s")
                + " changed outside Teleform. Teleport was not changed.");
        return TeleformCli.OK;
    }

    private static Map<Address, Resource> desired(Workspace workspace) {
        Map<Address, Resource> desired = new TreeMap<>();
        workspace.stack().resources().forEach(r -> desired.put(r.address(), r));
        return desired;
    }

    private int execute(Workspace workspace, Provider provider, Planned planned) {
        Map<Address, Resource> desired = desired(workspace);
        ProgressPrinter progress = new ProgressPrinter(err);
        ApplyEvents events = options.jsonEvents()
                ? ApplyEvents.all(progress, new JsonEvents(out, InstantSource.system())) : progress;
        ApplyExecutor executor = new ApplyExecutor(provider, events, Sleeper.REAL, new ApplyExecutor.Settings(
                options.parallelism(), options.maxCalls(), workspace.stack().settings().waitTimeout(), RetryPolicy.DEFAULT,
                workspace.providerConfig().clusterIdentities(), options.allowDestroy(), Duration.ofSeconds(1),
                workspace.stack().redaction()), invites);
        // Ctrl-C (or SIGTERM from CI): stop starting steps, let calls under way finish, checkpoint, and let
        // the lock be released before the JVM halts.
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            err.println("teleform: interrupted: finishing the calls under way and saving state...");
            err.flush();
            executor.cancel();
            try {
                finished.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "teleform-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        interruptHooks.add(onInterrupt);
        ApplyResult result;
        try {
            result = executor.run(planned.plan(), desired, workspace.state(), planned.snapshot());
        } finally {
            interruptedRuns.add(finished);
        }
        invites.report(result.pendingInvites().size()).ifPresent(err::println);
        result.warnings().forEach(warning -> err.println("teleform: warning: " + warning));
        err.println(summary(result));
        if (deletesWorkloadCluster(planned.plan()) && result.succeeded()) {
            err.println("Deleted workload clusters are suspended by Teleport Cloud and restorable for 15 days; "
                    + "'teleform state history' records when.");
        }
        return result.succeeded() ? TeleformCli.OK : TeleformCli.ERROR;
    }

    private static String summary(ApplyResult result) {
        if (result.interrupted()) {
            return "Apply interrupted: done: " + result.changes() + "; " + result.skipped() + " step(s) not started. "
                    + (result.stateError().isEmpty() ? "State holds what was done; apply again to continue."
                            : notSaved(result));
        }
        if (result.succeeded()) {
            return "Apply complete: " + result.changes() + ". State saved (" + result.checkpoints() + " commit"
                    + (result.checkpoints() == 1 ? "" : "s") + ").";
        }
        return "Apply failed: " + result.failures().size() + " step(s) failed, " + result.skipped() + " skipped; done: "
                + result.changes() + (result.stateError().isEmpty()
                        ? ". State holds what was done; apply again to continue."
                        : ". " + notSaved(result));
    }

    /** What a failed state write lost, so the person applying knows what a re-run must find again. */
    private static String notSaved(ApplyResult result) {
        return "STATE NOT SAVED: " + result.stateError() + (result.unsaved().isEmpty() ? ""
                : "\nThe outcome of these is not in state (a re-run adopts what exists as the stack wants it):\n  "
                        + String.join("\n  ", result.unsaved().stream().map(Object::toString).toList()));
    }
}
