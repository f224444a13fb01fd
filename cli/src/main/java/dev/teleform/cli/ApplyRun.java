package dev.teleform.cli;

import dev.teleform.cli.view.JsonEvents;
import dev.teleform.cli.view.LiveView;
import dev.teleform.cli.view.PlanOutput;
import dev.teleform.cli.view.ProgressPrinter;
import dev.teleform.cli.view.Terminal;
import dev.teleform.engine.diag.Failure;
import dev.teleform.engine.operation.hook.ApplyEvents;
import dev.teleform.engine.operation.ApplyOperation;
import dev.teleform.engine.operation.hook.ApplyResult;
import dev.teleform.engine.operation.PlanOperation;
import dev.teleform.engine.operation.Workspace;
import dev.teleform.engine.operation.hook.ProgramDelivery;
import dev.teleform.engine.plan.Action;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.resource.GracePeriod;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One apply, shared by {@code apply DIR}, {@code apply PLANFILE} and {@code destroy}, as a person sees it:
 * the plan shown, confirmation asked, progress and invite links shown, Ctrl-C turned into a cancel, and a
 * summary; the {@link ApplyOperation} does the work. The plan, the progress and the summary go to stdout, as plan's
 * do, so that {@code apply > log} keeps them; errors and warnings go to stderr. With {@code --json-events} stdout
 * carries the events alone, and what people read moves to stderr, as plain lines: a CI log still shows the run.
 */
final class ApplyRun {

    /**
     * @param planFile a saved plan to apply instead of planning now
     */
    record Options(PlanOptions plan, boolean autoApprove, boolean allowDestroy, int parallelism, int maxCalls,
            Path invitesOut, List<String> invitesExec, boolean jsonEvents, Optional<Path> planFile) {

        Options {
            invitesExec = List.copyOf(invitesExec);
        }
    }

    private final Options options;
    private final PrintWriter out;
    /** Where people read the plan, the progress and the summary. */
    private final PrintWriter human;
    private final PrintWriter err;
    private final Problems problems;
    /** Released once the lock is given back, so an interrupt waits for it. */
    private final List<java.util.concurrent.CountDownLatch> interruptedRuns = new ArrayList<>();
    private final List<Thread> interruptHooks = new ArrayList<>();

    ApplyRun(Options options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.human = options.jsonEvents() ? err : out;
        this.err = err;
        this.problems = new Problems(err);
    }

    int run(StackOptions stack) {
        // Checked before anything else: a missing directory or an unsafe file must not surface after creates.
        Either<String, Invites> invites = Invites.to(options.invitesOut());
        if (invites.isLeft()) {
            throw problems.fail("--invites-out: " + invites.getLeft() + ". Nothing was changed.");
        }
        Optional<PlanOperation.SavedPlan> saved = options.planFile()
                .map(file -> problems.valueOf(PlanOperation.read(file, TeleformCommand.workingDirectory())));
        saved.ifPresent(plan -> stack.dir = plan.stackDir());
        Workspace workspace = Workspaces.open(stack, err);
        try (ApplyOperation apply = problems.valueOf(ApplyOperation.start(workspace, new ApplyOperation.Request(
                options.plan(), options.allowDestroy(), options.parallelism(), options.maxCalls(), saved)))) {
            return started(workspace, apply, invites.get());
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

    /**
     * The program links go to ({@code --invites-exec}, else the stack's), checked now; none when {@code --invites-out}
     * chose the file.
     */
    private Optional<ProgramDelivery> program(Workspace workspace) {
        if (options.invitesOut() != null) {
            return Optional.empty();
        }
        return workspace.inviteProgram(options.invitesExec(), Path.of(""), Optional.ofNullable(System.getenv("PATH")))
                .map(program -> program.getOrElseThrow(why -> problems.fail(why + ". Nothing was changed.")));
    }

    private int started(Workspace workspace, ApplyOperation apply, Invites invites) {
        Plan plan = apply.plan();
        if (!apply.fromSavedPlan()) {
            PlanOutput.print(plan, workspace.stackName(), PlanOutput.Format.TEXT, human, err);
        }
        if (plan.problems().hasErrors()) {
            err.println("the plan is refused; nothing was changed");
            return TeleformCli.ERROR;
        }
        if (!plan.hasChanges()) {
            if (apply.fromSavedPlan()) {
                human.println("The saved plan has nothing to do.");
            }
            return TeleformCli.OK;
        }
        if (plan.mode() == PlanMode.REFRESH_ONLY) {
            if (!apply.fromSavedPlan() && !approved()) {
                return TeleformCli.ERROR;
            }
            int count = problems.valueOf(apply.acceptDrift());
            human.println("Apply complete: state now holds the live values of " + count + " resource"
                    + (count == 1 ? "" : "s") + " changed outside Teleform. Teleport was not changed.");
            return TeleformCli.OK;
        }
        problems.valueOf(apply.allowed());
        // Checked before anything is created, and only when a link may be made: a plan without invites (a destroy,
        // a role change) does not need the program.
        Invites delivery = plan.steps().stream().anyMatch(step -> step.action() instanceof Action.Invite)
                ? program(workspace).map(Invites::to).orElse(invites) : invites;
        // A saved plan was reviewed when it was made: applying it is the approval, as with Terraform.
        if (!apply.fromSavedPlan() && !approved()) {
            return TeleformCli.ERROR;
        }
        return execute(workspace, apply, delivery);
    }

    private boolean approved() {
        if (options.autoApprove()) {
            return true;
        }
        if (!Terminal.interactive()) {
            throw problems.fail("apply asks for confirmation, and there is no terminal to ask on; review the plan "
                    + "above and run again with --auto-approve. Nothing was changed.");
        }
        human.print("Apply these changes? Only 'yes' is accepted: ");
        human.flush();
        String answer = System.console().readLine();
        if (!"yes".equals(answer == null ? "" : answer.strip())) {
            err.println("Apply cancelled. Nothing was changed.");
            return false;
        }
        return true;
    }

    private int execute(Workspace workspace, ApplyOperation apply, Invites invites) {
        // On a terminal a person watches, a status block redrawn under the lines; elsewhere the lines alone. Not
        // with --json-events: at a terminal its lines share the screen, and a redraw would erase them.
        Optional<LiveView> live = Terminal.live() && !options.jsonEvents()
                ? Optional.of(LiveView.start(human, Terminal.width(), apply.plan(), InstantSource.system()))
                : Optional.empty();
        ApplyEvents progress = live.<ApplyEvents>map(view -> view).orElseGet(() -> new ProgressPrinter(human));
        ApplyEvents events = options.jsonEvents()
                ? ApplyEvents.all(progress, new JsonEvents(out, InstantSource.system())) : progress;
        Invites delivery = live.map(view -> invites.showingAbove(view::above)).orElse(invites);
        // Ctrl-C (or SIGTERM from CI): stop starting steps, let calls under way finish, checkpoint, and let
        // the lock be released before the JVM halts.
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            String notice = "teleform: interrupted: finishing the calls under way and saving state...";
            live.ifPresentOrElse(view -> view.interrupted(notice), () -> err.println(notice));
            err.flush();
            apply.cancel();
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
            result = apply.execute(events, delivery);
        } finally {
            live.ifPresent(LiveView::close);
            interruptedRuns.add(finished);
        }
        delivery.delivered().ifPresent(human::println);
        // Said again on stderr, after the progress: with stdout in a log, a person still sees what failed. Not after
        // an interrupt, which is what those steps failed of.
        if (!result.interrupted()) {
            problems.print(result.failures());
        }
        Invites.pending(result.pendingInvites().size()).ifPresent(problems::warn);
        problems.print(result.warnings());
        // A failed or interrupted run's summary is an error: on stderr, where a person sees it when stdout is a log.
        (result.succeeded() ? human : err).println(summary(result));
        if (apply.deletesWorkloadCluster() && result.succeeded()) {
            human.println("Deleted workload clusters are suspended by Teleport Cloud and " + GracePeriod.RESTORABLE
                    + " from their deletion; '" + workspace.hint().teleform("state history") + "' records when.");
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
        return "Apply failed: " + result.failures().errorCount() + " step(s) failed, " + result.skipped() + " skipped; done: "
                + result.changes() + (result.stateError().isEmpty()
                        ? ". State holds what was done; apply again to continue."
                        : ". " + notSaved(result));
    }

    /** What a failed state write lost, so the person applying knows what a re-run must find again. */
    private static String notSaved(ApplyResult result) {
        return "STATE NOT SAVED: " + result.stateError().map(Failure::message).orElse("") + (result.unsaved().isEmpty() ? ""
                : "\nThe outcome of these is not in state (a re-run adopts what exists as the stack wants it):\n  "
                        + String.join("\n  ", result.unsaved().stream().map(Object::toString).toList()));
    }
}
