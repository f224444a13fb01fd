package dev.teleform.cli;

import dev.teleform.engine.plan.PlanMode;
import dev.teleform.engine.resource.GracePeriod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options apply and destroy share; {@code --target}, {@code --exclude} and {@code --replace} with plan too. */
final class ApplyOptions {

    @Option(names = "--auto-approve", description = "Apply without asking for confirmation.")
    boolean autoApprove;

    @Option(names = "--allow-destroy", description = "Allow deleting workload clusters, which stay " + GracePeriod.RESTORABLE + ".")
    boolean allowDestroy;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    int parallelism;
    int maxCalls;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
            description = "Provider calls at once to each Teleport cluster (default 10).")
    void parallelism(int value) {
        parallelism = atLeastOne("--parallelism", value);
    }

    @Option(names = "--max-calls", paramLabel = "N", defaultValue = "64",
            description = "Provider calls at once across all clusters (default 64).")
    void maxCalls(int value) {
        maxCalls = atLeastOne("--max-calls", value);
    }

    private int atLeastOne(String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, not " + value);
        }
        return value;
    }

    @Option(names = "--invites-out", paramLabel = "FILE",
            description = "Write new users' invite links here (created 0600, JSON lines).")
    Path invitesOut;

    @Option(names = "--invites-exec", paramLabel = "WORD", description = "Hand each new invite link to this program for "
            + "this run instead of spec.invites.deliver, on its stdin as JSON: one word per --invites-exec, the program "
            + "first (--invites-exec ./deliver.sh --invites-exec out); it runs in the current directory. Not with "
            + "--invites-out.")
    List<String> invitesExec = new ArrayList<>();

    @Option(names = "--json-events", description = {"Print one JSON object per event on stdout (never invite links), and nothing else there: the "
        + "plan, progress and summary then go to stderr as plain lines."})
    boolean jsonEvents;

    @Mixin
    SelectionOptions selection;

    ApplyRun.Options options(PlanMode mode, Optional<Path> planFile) {
        if (invitesOut != null && !invitesExec.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--invites-out and --invites-exec each say where invite "
                    + "links go; give one of them");
        }
        return new ApplyRun.Options(selection.plan(mode, new Problems(spec.commandLine().getErr())), autoApprove,
                allowDestroy, parallelism, maxCalls, invitesOut, invitesExec, jsonEvents, planFile);
    }
}
