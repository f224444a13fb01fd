package dev.teleform.cli;

import dev.teleform.engine.plan.PlanMode;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options apply and destroy share. */
final class ApplyOptions {

    @Option(names = "--auto-approve", description = "Apply without asking for confirmation.")
    boolean autoApprove;

    @Option(names = "--allow-destroy", description = "Allow deleting workload clusters (restorable for 15 days).")
    boolean allowDestroy;

    @Option(names = "--parallelism", defaultValue = "10", description = "Provider calls at once (default 10).")
    int parallelism;

    @Option(names = "--invites-out", paramLabel = "FILE",
            description = "Write new users' invite links here (created 0600, JSON lines).")
    Path invitesOut;

    @Option(names = "--json-events", description = "Print one JSON object per event on stdout (never invite links).")
    boolean jsonEvents;

    ApplyRun.Options options(PlanMode mode, Optional<Path> planFile) {
        return new ApplyRun.Options(mode, autoApprove, allowDestroy, parallelism, invitesOut, jsonEvents, planFile);
    }
}
